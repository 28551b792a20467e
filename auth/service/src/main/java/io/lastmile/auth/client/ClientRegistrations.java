package io.lastmile.auth.client;

import io.lastmile.auth.config.AuthProperties;
import io.lastmile.auth.config.TokenProperties;
import io.lastmile.auth.login.LoginKind;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers the clients base hands auth at every start: the client-credentials clients of the
 * modules and the CLI (their secret, roles and permissions brought up to date), and the UIs'
 * authorization-code clients.
 */
@Component
public class ClientRegistrations implements SmartInitializingSingleton {

    /** Client setting with the comma-separated roles a client's tokens carry. */
    public static final String ROLES_SETTING = "lastmile.roles";

    /** Client setting with the comma-separated permissions a service client's tokens carry. */
    public static final String PERMISSIONS_SETTING = "lastmile.permissions";

    /** Client setting marking a client as base's, written from configuration: the API leaves it alone. */
    public static final String SEEDED_SETTING = "lastmile.seeded";

    private static final Logger log = LoggerFactory.getLogger(ClientRegistrations.class);

    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;
    private final TokenProperties tokens;

    ClientRegistrations(
            RegisteredClientRepository clients,
            PasswordEncoder passwords,
            AuthProperties properties,
            TokenProperties tokens) {
        this.clients = clients;
        this.passwords = passwords;
        this.properties = properties;
        this.tokens = tokens;
    }

    @Override
    public void afterSingletonsInstantiated() {
        properties.clients().forEach(this::register);
        properties.uiClients().forEach(this::register);
    }

    void register(AuthProperties.ClientSpec spec) {
        if (spec.id() == null || spec.secret() == null) {
            throw new IllegalArgumentException("client " + spec + " needs an id and a secret");
        }
        RegisteredClient existing = clients.findByClientId(spec.id());
        String roles = String.join(",", spec.roleList());
        String permissions = String.join(",", spec.permissionList());
        if (existing != null
                && roles.equals(existing.getClientSettings().getSetting(ROLES_SETTING))
                && permissions.equals(existing.getClientSettings().getSetting(PERMISSIONS_SETTING))
                && Boolean.TRUE.equals(existing.getClientSettings().getSetting(SEEDED_SETTING))
                && Objects.equals(
                        tokens.serviceAccessTtl(), existing.getTokenSettings().getAccessTokenTimeToLive())
                && passwords.matches(spec.secret(), existing.getClientSecret())
                && !passwords.upgradeEncoding(existing.getClientSecret())) {
            return;
        }
        clients.save(ServiceClients.serviceClient(
                existing == null ? UUID.randomUUID().toString() : existing.getId(),
                spec.id(),
                spec.id(),
                passwords.encode(spec.secret()),
                roles,
                permissions,
                true,
                tokens.serviceAccessTtl()));
        log.info("{} client '{}' with roles [{}]", existing == null ? "registered" : "updated", spec.id(), roles);
    }

    void register(AuthProperties.UiClientSpec spec) {
        if (spec.id() == null || spec.redirectUriList().isEmpty()) {
            throw new IllegalArgumentException("UI client " + spec + " needs an id and redirect URIs");
        }
        RegisteredClient existing = clients.findByClientId(spec.id());
        RegisteredClient.Builder client = RegisteredClient.withId(
                        existing == null ? UUID.randomUUID().toString() : existing.getId())
                .clientId(spec.id())
                .clientName(spec.id())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(spec.redirectUriList()))
                .postLogoutRedirectUris(uris -> uris.addAll(spec.postLogoutRedirectUriList()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .setting(LoginKind.CLIENT_SETTING, spec.loginKind())
                        .setting(SEEDED_SETTING, true)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(tokens.accessTtl())
                        .refreshTokenTimeToLive(tokens.refreshTtl())
                        .reuseRefreshTokens(false)
                        .build());
        if (spec.secret() == null || spec.secret().isBlank()) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            client.clientSecret(passwords.encode(spec.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        clients.save(client.build());
        log.info(
                "{} UI client '{}' for {} logins",
                existing == null ? "registered" : "updated",
                spec.id(),
                spec.loginKind());
    }
}
