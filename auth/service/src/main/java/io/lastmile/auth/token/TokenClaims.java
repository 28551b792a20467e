package io.lastmile.auth.token;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.client.ClientRegistrations;
import io.lastmile.auth.keys.SigningKeys;
import io.lastmile.auth.login.LoginKind;
import io.lastmile.auth.operator.OperatorAccount;
import io.lastmile.auth.operator.Operators;
import io.lastmile.auth.role.Grants;
import io.lastmile.auth.role.RoleCatalog;
import io.lastmile.auth.subscriber.SubscriberAccount;
import io.lastmile.auth.subscriber.Subscribers;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.Roles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What auth's access tokens say, read fresh from auth's database at each issue (a refresh after a
 * role change carries the new roles; after the login was disabled it is refused):
 *
 * <ul>
 *   <li>{@code aud}: the client id and {@code lastmile};
 *   <li>{@code roles}: role names ({@code service} for modules, {@code subscriber} for subscribers);
 *   <li>{@code permissions}: the union of the roles' permissions, {@code ["*"]} for admin;
 *       a service client's from its registration; {@code ["self"]} for subscribers;
 *   <li>{@code correction_limit}: a decimal string, when the roles granting corrections all have one;
 *   <li>{@code account_id}: a subscriber's account (a JSON number).
 * </ul>
 *
 * Every token also names its signing key ({@code kid}), so that the newest key signs.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final SigningKeys keys;
    private final Operators operators;
    private final Subscribers subscribers;
    private final RoleCatalog roles;
    private final Audit audit;

    TokenClaims(SigningKeys keys, Operators operators, Subscribers subscribers, RoleCatalog roles, Audit audit) {
        this.keys = keys;
        this.operators = operators;
        this.subscribers = subscribers;
        this.roles = roles;
        this.audit = audit;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(keys.signingKeyId());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        var claims = context.getClaims();
        claims.audience(list(List.of(client.getClientId(), Permissions.AUDIENCE)));
        AuthorizationGrantType grant = context.getAuthorizationGrantType();
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
            claims.claim(Roles.CLAIM, split(client.getClientSettings().getSetting(ClientRegistrations.ROLES_SETTING)));
            claims.claim(
                    Permissions.CLAIM,
                    split(client.getClientSettings().getSetting(ClientRegistrations.PERMISSIONS_SETTING)));
            audit.recordAs(
                    client.getClientId(),
                    client.getClientId(),
                    "token.issued",
                    Audit.currentAddressOrNull(),
                    grant.getValue());
            return;
        }
        String principal = context.getPrincipal().getName();
        LoginKind kind = LoginKind.of(client.getClientSettings().getSetting(LoginKind.CLIENT_SETTING));
        if (principal.startsWith(SubscriberAccount.PRINCIPAL_PREFIX)) {
            require(kind == LoginKind.SUBSCRIBER, "client " + client.getClientId() + " is not for subscribers");
            long accountId = Long.parseLong(principal.substring(SubscriberAccount.PRINCIPAL_PREFIX.length()));
            Optional<SubscriberAccount> subscriber = subscribers.forAccount(accountId);
            require(subscriber.isPresent() && subscriber.get().enabled(), "the subscriber's login is disabled");
            claims.claim(Roles.CLAIM, list(List.of(Roles.SUBSCRIBER)));
            claims.claim(Permissions.CLAIM, list(List.of(Permissions.SELF)));
            claims.claim(Permissions.ACCOUNT_CLAIM, accountId);
        } else {
            require(kind == LoginKind.OPERATOR, "client " + client.getClientId() + " is for subscribers");
            Optional<OperatorAccount> operator = operators.forLogin(principal);
            require(operator.isPresent() && operator.get().enabled(), "the operator is disabled or deleted");
            Grants grants = roles.grants(operator.get().roles());
            claims.claim(Roles.CLAIM, list(grants.roles()));
            claims.claim(Permissions.CLAIM, list(grants.permissions()));
            grants.correctionLimit()
                    .ifPresent(limit -> claims.claim(Permissions.CORRECTION_LIMIT_CLAIM, limit.toPlainString()));
        }
        audit.recordAs(
                principal,
                principal,
                "token.issued",
                Audit.currentAddressOrNull(),
                client.getClientId() + " " + grant.getValue());
    }

    private static void require(boolean condition, String why) {
        if (!condition) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, why, null));
        }
    }

    static List<String> split(Object setting) {
        return setting == null || setting.toString().isBlank()
                ? new ArrayList<>()
                : list(Arrays.stream(setting.toString().split(","))
                        .map(String::trim)
                        .toList());
    }

    /**
     * A mutable copy: the claims are stored with the authorization as JSON, and Spring's JSON
     * allowlist reads ArrayList back but not the JDK's immutable lists.
     */
    static List<String> list(List<String> values) {
        return new ArrayList<>(values);
    }
}
