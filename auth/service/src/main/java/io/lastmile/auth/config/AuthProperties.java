package io.lastmile.auth.config;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * auth's settings, written by base for each start.
 *
 * @param issuer the issuer id in every token, auth's own base URL
 * @param clients the OAuth2 clients of the modules and the CLI, registered (or updated) at start
 * @param uiClients the browser-facing clients (authorization code + PKCE) of the UIs
 * @param admin the first operator
 */
@ConfigurationProperties("lastmile.auth")
public record AuthProperties(String issuer, List<ClientSpec> clients, List<UiClientSpec> uiClients, Admin admin) {

    public AuthProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        uiClients = uiClients == null ? List.of() : List.copyOf(uiClients);
        admin = admin == null ? new Admin(null) : admin;
    }

    /**
     * One client-credentials client: its id, secret, the roles its tokens carry and its permissions
     * (both comma-separated; permissions default to {@code *}, every right, as modules have today).
     */
    public record ClientSpec(String id, String secret, String roles, String permissions) {

        public List<String> roleList() {
            return split(roles);
        }

        public List<String> permissionList() {
            List<String> list = split(permissions);
            return list.isEmpty() ? List.of("*") : list;
        }

        @Override
        public String toString() {
            return "ClientSpec[id=" + id + ", roles=" + roles + ", secret=***]";
        }
    }

    /**
     * A UI's client: authorization code with PKCE, refresh tokens.
     *
     * @param id the client id
     * @param secret optional; without one the client is public (PKCE alone)
     * @param redirectUris comma-separated redirect URIs
     * @param postLogoutRedirectUris comma-separated URIs the OIDC logout may return to
     * @param login who logs in through this client: {@code operator} (default) or {@code subscriber}
     */
    public record UiClientSpec(
            String id, String secret, String redirectUris, String postLogoutRedirectUris, String login) {

        public List<String> redirectUriList() {
            return split(redirectUris);
        }

        public List<String> postLogoutRedirectUriList() {
            return split(postLogoutRedirectUris);
        }

        public String loginKind() {
            return login == null || login.isBlank() ? "operator" : login.trim();
        }

        @Override
        public String toString() {
            return "UiClientSpec[id=" + id + ", login=" + login + ", secret=***]";
        }
    }

    /** The password of operator `admin`, used only when auth's database has no such operator yet. */
    public record Admin(String initialPassword) {
        @Override
        public String toString() {
            return "Admin[initialPassword=***]";
        }
    }

    static List<String> split(String value) {
        return value == null
                ? List.of()
                : Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(r -> !r.isEmpty())
                        .toList();
    }
}
