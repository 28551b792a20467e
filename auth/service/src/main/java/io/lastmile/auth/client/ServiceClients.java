package io.lastmile.auth.client;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.config.TokenProperties;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service (client-credentials) clients made through the API: their permissions are a client
 * setting; the secret is made here, answered once and stored hashed. Clients written from base's
 * configuration are base's to change.
 */
@Service
public class ServiceClients {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{1,63}");
    static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegisteredClientRepository clients;
    private final ServiceClientRepository repository;
    private final PasswordEncoder passwords;
    private final TokenProperties tokens;
    private final Audit audit;

    ServiceClients(
            RegisteredClientRepository clients,
            ServiceClientRepository repository,
            PasswordEncoder passwords,
            TokenProperties tokens,
            Audit audit) {
        this.clients = clients;
        this.repository = repository;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ClientView> all() {
        return repository.serviceClientIds().stream()
                .map(clients::findByClientId)
                .filter(Objects::nonNull)
                .map(ServiceClients::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public ClientView get(String clientId) {
        return view(find(clientId));
    }

    @Transactional
    public NewSecret create(ClientRequest request) {
        validate(request, true);
        if (clients.findByClientId(request.clientId()) != null) {
            throw new ConflictException("a client with id '" + request.clientId() + "' exists already");
        }
        String secret = newSecret();
        clients.save(serviceClient(
                UUID.randomUUID().toString(),
                request.clientId(),
                name(request),
                passwords.encode(secret),
                String.join(",", request.roles()),
                String.join(",", request.permissions()),
                false,
                tokens.serviceAccessTtl()));
        audit.record(
                request.clientId(),
                "client.created",
                "roles=" + request.roles() + " permissions=" + request.permissions());
        return new NewSecret(get(request.clientId()), secret);
    }

    @Transactional
    public ClientView update(String clientId, ClientRequest request) {
        RegisteredClient existing = editable(clientId);
        ClientRequest full = new ClientRequest(clientId, request.name(), request.roles(), request.permissions());
        validate(full, false);
        clients.save(serviceClient(
                existing.getId(),
                clientId,
                name(full),
                existing.getClientSecret(),
                String.join(",", full.roles()),
                String.join(",", full.permissions()),
                false,
                tokens.serviceAccessTtl()));
        audit.record(clientId, "client.changed", "roles=" + full.roles() + " permissions=" + full.permissions());
        return get(clientId);
    }

    /** A new secret, answered once; the old one stops working at once. */
    @Transactional
    public NewSecret rotateSecret(String clientId) {
        RegisteredClient existing = editable(clientId);
        String secret = newSecret();
        clients.save(RegisteredClient.from(existing)
                .clientSecret(passwords.encode(secret))
                .build());
        audit.record(clientId, "client.secret-rotated", "");
        return new NewSecret(get(clientId), secret);
    }

    @Transactional
    public void delete(String clientId) {
        RegisteredClient existing = editable(clientId);
        repository.delete(existing.getId());
        audit.record(clientId, "client.deleted", "");
    }

    static RegisteredClient serviceClient(
            String id,
            String clientId,
            String name,
            String secretHash,
            String roles,
            String permissions,
            boolean seeded,
            Duration accessTtl) {
        return RegisteredClient.withId(id)
                .clientId(clientId)
                .clientName(name)
                .clientSecret(secretHash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder()
                        .setting(ClientRegistrations.ROLES_SETTING, roles)
                        .setting(ClientRegistrations.PERMISSIONS_SETTING, permissions)
                        .setting(ClientRegistrations.SEEDED_SETTING, seeded)
                        .build())
                .tokenSettings(
                        TokenSettings.builder().accessTokenTimeToLive(accessTtl).build())
                .build();
    }

    private RegisteredClient find(String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null
                || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
            throw new NotFoundException("no service client '" + clientId + "'");
        }
        return client;
    }

    private RegisteredClient editable(String clientId) {
        RegisteredClient client = find(clientId);
        if (Boolean.TRUE.equals(client.getClientSettings().getSetting(ClientRegistrations.SEEDED_SETTING))) {
            throw new ConflictException("client '" + clientId + "' is written from base's configuration at every start:"
                    + " change it there (lastmile.auth.clients)");
        }
        return client;
    }

    private static void validate(ClientRequest request, boolean creating) {
        var problems = new InvalidRequestException.Collector();
        if (creating
                && (request.clientId() == null
                        || !ID.matcher(request.clientId()).matches())) {
            problems.add("clientId", "a client id is 2 to 64 lower-case letters, digits, '-' or '_'");
        }
        if (request.roles() == null
                || request.roles().stream()
                        .anyMatch(r -> r == null || !ROLE.matcher(r).matches())) {
            problems.add("roles", "list role names (lower case), e.g. [\"service\"]");
        }
        if (request.permissions() == null || request.permissions().isEmpty()) {
            problems.add("permissions", "list the permissions of the client's tokens, e.g. [\"audit.write\"]");
        } else {
            for (String p : request.permissions()) {
                if (!Permissions.ALL.equals(p) && !Permissions.NAMED.contains(p)) {
                    problems.add("permissions", "'" + p + "' is not a permission; known: " + Permissions.NAMED);
                }
            }
        }
        if (request.name() != null && request.name().length() > 200) {
            problems.add("name", "must be at most 200 characters");
        }
        problems.throwIfAny();
    }

    private static String name(ClientRequest request) {
        return request.name() == null || request.name().isBlank() ? request.clientId() : request.name();
    }

    private static String newSecret() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static ClientView view(RegisteredClient client) {
        ClientSettings settings = client.getClientSettings();
        return new ClientView(
                client.getClientId(),
                client.getClientName(),
                split(settings.getSetting(ClientRegistrations.ROLES_SETTING)),
                split(settings.getSetting(ClientRegistrations.PERMISSIONS_SETTING)),
                Boolean.TRUE.equals(settings.getSetting(ClientRegistrations.SEEDED_SETTING)));
    }

    static List<String> split(Object setting) {
        return setting == null || setting.toString().isBlank()
                ? List.of()
                : Arrays.stream(setting.toString().split(",")).map(String::trim).toList();
    }

    public record ClientRequest(String clientId, String name, List<String> roles, List<String> permissions) {}

    /** A client as the API shows it: never its secret's hash. */
    public record ClientView(
            String clientId, String name, List<String> roles, List<String> permissions, boolean seeded) {}

    /** A client with its new secret, shown this once. */
    public record NewSecret(ClientView client, String secret) {}
}
