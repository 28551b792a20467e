package io.lastmile.base.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the appliance configuration file and refuses one that could not run, saying why. */
public final class ApplianceConfigLoader {

    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a missing port reads as 0: the checks below then name it, or the default applies
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ApplianceConfigLoader() {}

    public static ApplianceConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(file + ": no such configuration file");
        }
        try {
            return validate(file.toString(), YAML.readValue(file.toFile(), ApplianceConfig.class));
        } catch (JacksonException e) {
            throw new InvalidConfigException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    public static ApplianceConfig parse(String source, String yaml) {
        try {
            return validate(source, YAML.readValue(yaml, ApplianceConfig.class));
        } catch (JacksonException e) {
            throw new InvalidConfigException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    static ApplianceConfig validate(String source, ApplianceConfig config) {
        Problems problems = new Problems(source);
        if (config.mode() == null) {
            problems.add("'mode' is missing: say 'dev' (embedded PostgreSQL) or 'appliance'");
        }
        if (config.postgres() == null) {
            problems.add("'postgres' is missing");
        } else if (config.mode() == ApplianceConfig.Mode.APPLIANCE
                && config.postgres().adminPassword() == null) {
            problems.add("postgres.adminPassword is required in appliance mode");
        }
        Set<String> names = new HashSet<>();
        Map<String, String> endpoints = new HashMap<>();
        for (ModuleConfig module : config.modules()) {
            checkModule(module, names, endpoints, problems);
        }
        requirePresent(config, ApplianceConfig.SUPERVISOR, problems);
        requirePresent(config, ApplianceConfig.AUTH, problems);
        checkDependencies(config, problems);
        problems.throwIfAny();
        try {
            config.startOrder();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(source + ": " + e.getMessage(), e);
        }
        return config;
    }

    private static void checkModule(
            ModuleConfig module, Set<String> names, Map<String, String> endpoints, Problems problems) {
        String name = module.name();
        if (name == null || !MODULE_NAME.matcher(name).matches()) {
            problems.add("module name '" + name + "' must be lower-case letters, digits and dashes");
            return;
        }
        if (!names.add(name)) {
            problems.add("module '" + name + "' is listed twice");
        }
        if (!module.enabled()) {
            return;
        }
        if (!isIpLiteral(module.address())) {
            problems.add("module '" + name + "': address '" + module.address() + "' is not an IP address");
        }
        if (!module.isSupervisor() && (module.jar() == null || module.jar().isBlank())) {
            problems.add("module '" + name + "': 'jar' is missing");
        }
        if (module.heapMb() < 32) {
            problems.add("module '" + name + "': heapMb " + module.heapMb() + " is below the 32 MB a JVM needs");
        }
        Map<String, Integer> ports = new HashMap<>(module.ports());
        ports.put("http", module.port());
        ports.forEach((label, port) -> {
            if (port == null || port < 1 || port > 65535) {
                problems.add("module '" + name + "': port " + label + "=" + port + " is not between 1 and 65535");
                return;
            }
            String endpoint = module.address() + ":" + port;
            String other = endpoints.putIfAbsent(endpoint, name);
            if (other != null) {
                problems.add("module '" + name + "': " + endpoint + " is also used by '" + other + "'");
            }
        });
    }

    private static void requirePresent(ApplianceConfig config, String name, Problems problems) {
        if (config.module(name).filter(ModuleConfig::enabled).isEmpty()) {
            problems.add("module '" + name + "' must be listed and enabled: the appliance cannot run without it");
        }
    }

    private static void checkDependencies(ApplianceConfig config, Problems problems) {
        for (ModuleConfig module : config.modules()) {
            for (String dependency : module.dependsOn()) {
                var target = config.module(dependency);
                if (target.isEmpty()) {
                    problems.add("module '" + module.name() + "' depends on unknown module '" + dependency + "'");
                } else if (module.enabled() && !target.get().enabled()) {
                    problems.add("module '" + module.name() + "' depends on '" + dependency + "', which is disabled");
                }
            }
        }
    }

    private static boolean isIpLiteral(String address) {
        if (address == null || !address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a host name would need DNS: modules bind literal addresses only
        }
        try {
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private record Problems(String source, List<String> list) {
        Problems(String source) {
            this(source, new java.util.ArrayList<>());
        }

        void add(String problem) {
            list.add(problem);
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new InvalidConfigException(source + ":\n  - " + String.join("\n  - ", list));
            }
        }
    }
}
