package io.lastmile.auth.config;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * auth's settings, written by base for each start.
 *
 * @param issuer the issuer id in every token, auth's own base URL
 * @param clients the OAuth2 clients of the modules and the CLI, registered (or updated) at start
 * @param admin the first operator
 */
@ConfigurationProperties("lastmile.auth")
public record AuthProperties(String issuer, List<ClientSpec> clients, Admin admin) {

    public AuthProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        admin = admin == null ? new Admin(null) : admin;
    }

    /** One client-credentials client: its id, secret and the roles its tokens carry (comma-separated). */
    public record ClientSpec(String id, String secret, String roles) {

        public List<String> roleList() {
            return roles == null
                    ? List.of()
                    : Arrays.stream(roles.split(","))
                            .map(String::trim)
                            .filter(r -> !r.isEmpty())
                            .toList();
        }

        @Override
        public String toString() {
            return "ClientSpec[id=" + id + ", roles=" + roles + ", secret=***]";
        }
    }

    /** The password of operator `admin`, used only when auth's database has no such operator yet. */
    public record Admin(String initialPassword) {
        @Override
        public String toString() {
            return "Admin[initialPassword=***]";
        }
    }
}
