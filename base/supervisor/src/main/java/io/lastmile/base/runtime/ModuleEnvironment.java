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
    private static final String CABINET = "cabinet";
    private static final String FISCAL = "fiscal";

    /** The registration id of auth in the UIs' OAuth2 login, the last segment of their redirect URI. */
    static final String UI_REGISTRATION = "lastmile";

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
        if (var != null && SEALS_SECRETS.contains(module.name())) {
            // the key that seals a module's stored secrets lives with the rest of the state,
            // wherever LASTMILE_VAR puts it (the modules' own default is relative to their working directory)
            p.put(
                    "lastmile." + module.name() + ".secrets.key-file",
                    var.resolve(module.name()).resolve("secret.key").toString());
        }
        if (UI_MODULES.containsKey(module.name())) {
            p.putAll(uiLogin(module));
        }
        if (module.name().equals(ApplianceConfig.AUTH)) {
            p.putAll(authClients());
            p.putAll(uiClients());
            p.put("lastmile.auth.issuer", config.auth().url());
            config.module(BILLING)
                    .filter(ModuleConfig::enabled)
                    .ifPresent(billing -> p.put("lastmile.auth.subscribers.billing-url", billing.url()));
            initialAdminPassword.ifPresent(password -> p.put("lastmile.auth.admin.initial-password", password));
        }
        return p;
    }

    /** The modules that keep secrets sealed under a key file of their own. */
    private static final List<String> SEALS_SECRETS = List.of(ApplianceConfig.AUTH, BILLING, FISCAL);

    /** The modules with a web UI, and who logs in to it: billing's is the operators', cabinet's the subscribers'. */
    private static final Map<String, String> UI_MODULES = Map.of(BILLING, "operator", CABINET, "subscriber");

    public static String uiClientId(String module) {
        return module + "-ui";
    }

    /**
     * A UI module's OAuth2 login with auth, in Spring Security's own client properties: a
     * confidential client (the UIs render on the server), so auth issues it refresh tokens.
     */
    private Map<String, String> uiLogin(ModuleConfig module) {
        String registration = "spring.security.oauth2.client.registration." + UI_REGISTRATION + ".";
        String id = uiClientId(module.name());
        Map<String, String> p = new LinkedHashMap<>();
        p.put(registration + "client-id", id);
        p.put(registration + "client-secret", secrets.getOrCreate(Secrets.clientSecretKey(id)));
        p.put(registration + "authorization-grant-type", "authorization_code");
        p.put(registration + "redirect-uri", redirectUri(module));
        p.put(registration + "scope", "openid");
        p.put(
                "spring.security.oauth2.client.provider." + UI_REGISTRATION + ".issuer-uri",
                config.auth().url());
        return p;
    }

    private Map<String, String> uiClients() {
        Map<String, String> p = new LinkedHashMap<>();
        int i = 0;
        for (ModuleConfig module : config.modules()) {
            String login = UI_MODULES.get(module.name());
            if (login == null || !module.enabled()) {
                continue;
            }
            String prefix = "lastmile.auth.ui-clients[" + i++ + "].";
            String id = uiClientId(module.name());
            p.put(prefix + "id", id);
            p.put(prefix + "secret", secrets.getOrCreate(Secrets.clientSecretKey(id)));
            p.put(prefix + "redirect-uris", redirectUri(module));
            p.put(prefix + "post-logout-redirect-uris", module.url() + "/");
            p.put(prefix + "login", login);
        }
        return p;
    }

    /** Spring Security's default OAuth2 login callback on the UI's own address. */
    private static String redirectUri(ModuleConfig module) {
        return module.url() + "/login/oauth2/code/" + UI_REGISTRATION;
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
