package io.lastmile.base.runtime;

import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ModuleConfig;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.Roles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings base hands each module: its address, its database credentials, where auth and the
 * registry are, and its own OAuth2 client. auth also gets the list of clients to register.
 */
public final class ModuleEnvironment {

    private static final String BILLING = "billing";

    /** The OAuth2 client of `./lastmile token` and other operator scripts. */
    public static final String CLI_CLIENT = "cli";

    private final ApplianceConfig config;
    private final Secrets secrets;
    private final Path var;

    /** For base itself, which needs only {@link #platform}. */
    public ModuleEnvironment(ApplianceConfig config, Secrets secrets) {
        this(config, secrets, null);
    }

    /** For the supervisor: {@code var} is the appliance's state directory (LASTMILE_VAR). */
    public ModuleEnvironment(ApplianceConfig config, Secrets secrets, Path var) {
        this.config = config;
        this.secrets = secrets;
        this.var = var;
    }

    public Map<String, String> forModule(ModuleConfig module, Optional<String> initialAdminPassword) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.application.name", module.name());
        p.put("server.address", module.address());
        p.put("server.port", Integer.toString(module.port()));
        module.ports()
                .forEach((label, port) -> p.put("lastmile." + module.name() + ".ports." + label, port.toString()));
        if (module.database()) {
            String db = module.name().replace('-', '_');
            p.put("spring.datasource.url", config.postgres().jdbcUrl(db));
            p.put("spring.datasource.username", db);
            p.put("spring.datasource.password", secrets.getOrCreate(Secrets.databasePasswordKey(module.name())));
        }
        p.putAll(platform(module.name()));
        if (module.name().equals(BILLING) && var != null) {
            // the key that seals billing's credentials lives with the rest of the state, wherever
            // LASTMILE_VAR puts it (billing's own default is relative to its working directory)
            p.put(
                    "lastmile.billing.secrets.key-file",
                    var.resolve("billing").resolve("secret.key").toString());
        }
        if (module.name().equals(ApplianceConfig.AUTH)) {
            p.putAll(authClients());
            p.put("lastmile.auth.issuer", config.auth().url());
            initialAdminPassword.ifPresent(password -> p.put("lastmile.auth.admin.initial-password", password));
        }
        return p;
    }

    /** What every module, base included, needs to find auth and the registry and to call peers. */
    public Map<String, String> platform(String clientId) {
        String auth = config.auth().url();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lastmile.platform.auth.issuer", auth);
        p.put("lastmile.platform.auth.jwk-set-uri", auth + "/oauth2/jwks");
        p.put("lastmile.platform.auth.token-uri", auth + "/oauth2/token");
        p.put("lastmile.platform.client.id", clientId);
        p.put("lastmile.platform.client.secret", secrets.getOrCreate(Secrets.clientSecretKey(clientId)));
        p.put("lastmile.platform.registry.url", config.supervisor().url());
        return p;
    }

    private Map<String, String> authClients() {
        Map<String, String> p = new LinkedHashMap<>();
        List<ModuleConfig> modules =
                config.modules().stream().filter(ModuleConfig::enabled).toList();
        int i = 0;
        for (ModuleConfig module : modules) {
            addClient(p, i++, module.name(), Roles.SERVICE);
        }
        addClient(p, i, CLI_CLIENT, Roles.ADMIN);
        return p;
    }

    /**
     * A client and what its tokens carry: the role, and in `permissions` what the modules check.
     * Modules and the CLI get every permission (`*`): a module calls its peers on anyone's behalf,
     * and the CLI is the operator's own tool.
     */
    private void addClient(Map<String, String> p, int index, String id, String roles) {
        String prefix = "lastmile.auth.clients[" + index + "].";
        p.put(prefix + "id", id);
        p.put(prefix + "secret", secrets.getOrCreate(Secrets.clientSecretKey(id)));
        p.put(prefix + "roles", roles);
        p.put(prefix + "permissions", Permissions.ALL);
    }
}
