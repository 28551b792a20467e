package io.lastmile.auth.client;

import io.lastmile.auth.config.AuthProperties;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers the client-credentials clients base hands auth (one per module, one for the CLI) and
 * brings their secret and roles up to date at every start.
 */
@Component
public class ClientRegistrations implements SmartInitializingSingleton {

    /** Client setting with the comma-separated roles a client's tokens carry. */
    public static final String ROLES_SETTING = "lastmile.roles";

    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ClientRegistrations.class);

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;

    ClientRegistrations(RegisteredClientRepository clients, PasswordEncoder passwords, AuthProperties properties) {
        this.clients = clients;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        properties.clients().forEach(this::register);
    }

    void register(AuthProperties.ClientSpec spec) {
        if (spec.id() == null || spec.secret() == null) {
            throw new IllegalArgumentException("client " + spec + " needs an id and a secret");
        }
        RegisteredClient existing = clients.findByClientId(spec.id());
        String roles = String.join(",", spec.roleList());
        if (existing != null
                && roles.equals(existing.getClientSettings().getSetting(ROLES_SETTING))
                && passwords.matches(spec.secret(), existing.getClientSecret())) {
            return;
        }
        RegisteredClient client = RegisteredClient.withId(
                        existing == null ? UUID.randomUUID().toString() : existing.getId())
                .clientId(spec.id())
                .clientName(spec.id())
                .clientSecret(passwords.encode(spec.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(
                        ClientSettings.builder().setting(ROLES_SETTING, roles).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(ACCESS_TOKEN_TTL)
                        .build())
                .build();
        clients.save(client);
        log.info("{} client '{}' with roles [{}]", existing == null ? "registered" : "updated", spec.id(), roles);
    }
}
