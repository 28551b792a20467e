package io.lastmile.testkit;

import io.lastmile.platform.security.ApiRoutes;
import io.lastmile.platform.security.Roles;
import io.lastmile.platform.security.SeededRoles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls every `/api` route of a running module, read from its request mappings, once without a
 * token and once with a token of each seeded role, and reports every answer that does not match
 * what the route declares: a role holding one of its permissions must not be refused (401/403, a
 * 404 or 400 is fine), any other role must get 403, and no token 401.
 */
public final class RoleMatrix {

    /** One call of the matrix. `role` is null for the call without a token. */
    public record Call(ApiRoutes.Route route, String role, String uri, boolean allowed, int status) {

        public boolean violates() {
            if (role == null) {
                return status != 401;
            }
            return allowed ? status == 401 || status == 403 : status != 403;
        }

        @Override
        public String toString() {
            return (role == null ? "no token" : role) + " " + route.method() + " " + uri + " -> " + status
                    + (role == null
                            ? " (expected 401)"
                            : allowed ? " (allowed, refused)" : " (not allowed, expected 403)");
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::([^}]*))?}");

    private final String baseUrl;
    private final TestTokens tokens;
    private final long subscriberAccount;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Function<ApiRoutes.Route, Map<String, String>> variables = route -> Map.of();
    private Function<ApiRoutes.Route, String> bodies = route -> "{}";

    /** The subscriber's token names `subscriberAccount`. */
    public RoleMatrix(String baseUrl, TestTokens tokens, long subscriberAccount) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.subscriberAccount = subscriberAccount;
    }

    /** Values of path variables by name, per route; a variable with no value becomes 1 or its first choice. */
    public RoleMatrix variables(Function<ApiRoutes.Route, Map<String, String>> variables) {
        this.variables = variables;
        return this;
    }

    /** The JSON body of each non-GET call ({@code {}} unless given). */
    public RoleMatrix bodies(Function<ApiRoutes.Route, String> bodies) {
        this.bodies = bodies;
        return this;
    }

    /** Every call of the matrix over `routes`. */
    public List<Call> run(List<ApiRoutes.Route> routes) {
        List<Call> calls = new ArrayList<>();
        for (ApiRoutes.Route route : routes) {
            String uri = expand(route.pattern(), variables.apply(route));
            calls.add(new Call(route, null, uri, false, call(route, uri, null)));
            for (String role : SeededRoles.PERMISSIONS.keySet()) {
                Set<String> held = SeededRoles.expand(SeededRoles.permissions(role));
                String token =
                        role.equals(Roles.SUBSCRIBER) ? tokens.subscriber(subscriberAccount) : tokens.forRole(role);
                calls.add(new Call(route, role, uri, route.allows(held), call(route, uri, token)));
            }
        }
        return calls;
    }

    /** The calls of `calls` whose answer does not match the route's declaration. */
    public static List<Call> violations(List<Call> calls) {
        return calls.stream().filter(Call::violates).toList();
    }

    /** `pattern` with each `{name}` or `{name:regex}` replaced: a given value, else 1 or the regex's first choice. */
    public static String expand(String pattern, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                value = m.group(2) == null ? "1" : m.group(2).split("\\|")[0];
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private int call(ApiRoutes.Route route, String uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + uri))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, text/plain, text/event-stream, */*")
                .header("Idempotency-Key", "matrix-" + UUID.randomUUID());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            request.method(route.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(bodies.apply(route)));
        }
        try {
            // the status is enough: a stream (server-sent events) is not read to its end
            HttpResponse<java.io.InputStream> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException(route + " did not answer within 20 s", e);
        } catch (IOException e) {
            throw new IllegalStateException(route + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The seeded roles a route lets in, for messages and spot checks. */
    public static List<String> rolesAllowed(ApiRoutes.Route route) {
        return SeededRoles.PERMISSIONS.keySet().stream()
                .filter(role -> route.allows(SeededRoles.expand(SeededRoles.permissions(role))))
                .toList();
    }
}
