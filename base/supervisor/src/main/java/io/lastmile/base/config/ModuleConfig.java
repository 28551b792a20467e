package io.lastmile.base.config;

import java.util.List;
import java.util.Map;

/**
 * One module of the appliance as the configuration file describes it.
 *
 * @param name module name (`auth`, `billing` ...); also its database, role and OAuth2 client id
 * @param enabled whether base runs it (default true)
 * @param address the address it binds (each module its own, 127.0.1.x in dev mode)
 * @param port its HTTP port
 * @param ports other ports it listens on (NetFlow, DHCP, Zabbix ...), by name, for the registry
 * @param jar its executable jar, relative to the appliance home unless absolute
 * @param heapMb maximum Java heap (default 160)
 * @param jvmOptions extra JVM options
 * @param database whether it gets a database and role of its own (default true)
 * @param dependsOn modules that must be healthy before this one starts
 */
public record ModuleConfig(
        String name,
        Boolean enabled,
        String address,
        int port,
        Map<String, Integer> ports,
        String jar,
        Integer heapMb,
        List<String> jvmOptions,
        Boolean database,
        List<String> dependsOn) {

    static final int DEFAULT_HEAP_MB = 160;

    public ModuleConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        heapMb = heapMb == null ? DEFAULT_HEAP_MB : heapMb;
        database = database == null ? Boolean.TRUE : database;
        ports = ports == null ? Map.of() : Map.copyOf(ports);
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    public String url() {
        return "http://" + address + ":" + port;
    }

    /** base itself is listed among the modules but is not started as a child process. */
    public boolean isSupervisor() {
        return ApplianceConfig.SUPERVISOR.equals(name);
    }
}
