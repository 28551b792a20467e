package io.lastmile.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization-code flow with PKCE as a browser drives it, over plain HTTP with a cookie jar
 * (no redirects followed automatically): the authorize URL, auth's login page and its CSRF token,
 * the TOTP step, the redirect with the code, and the code exchanged for tokens.
 */
final class LoginFlow {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern CSRF_REVERSED = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern HIDDEN_CSRF = Pattern.compile("<input[^>]*_csrf[^>]*>");

    final String issuer;
    final String clientId;
    final String redirectUri;
    final String verifier;
    final String state = Long.toHexString(new SecureRandom().nextLong());
    final HttpClient client;
    HttpResponse<String> last;

    LoginFlow(String issuer, String clientId, String redirectUri) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String authorizeUrl() {
        return issuer + "/oauth2/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri="
                + enc(redirectUri) + "&scope=openid&state=" + state + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256";
    }

    /** Opens the authorize URL and follows it to the login page. */
    HttpResponse<String> start() {
        HttpResponse<String> authorize = get(authorizeUrl());
        String location = authorize
                .headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError(
                        "authorize did not redirect: " + authorize.statusCode() + " " + authorize.body()));
        return get(absolute(location));
    }

    HttpResponse<String> submitPassword(String login, String password) {
        return post("/login", Map.of("username", login, "password", password, "_csrf", csrf()));
    }

    HttpResponse<String> submitCode(String code) {
        if (last.statusCode() == 302) {
            get(absolute(last.headers().firstValue("Location").orElseThrow()));
        }
        return post("/login/totp", Map.of("code", code, "_csrf", csrf()));
    }

    /** After a login that succeeded: follows the redirects to the client's redirect URI and answers the code. */
    String code() {
        HttpResponse<String> response = last;
        for (int i = 0; i < 5; i++) {
            String location = response.headers()
                    .firstValue("Location")
                    .orElseThrow(() ->
                            new AssertionError("expected a redirect, got " + last.statusCode() + ": " + last.body()));
            if (location.startsWith(redirectUri)) {
                Map<String, String> query = query(URI.create(location).getRawQuery());
                if (!state.equals(query.get("state"))) {
                    throw new AssertionError("state came back as " + query.get("state"));
                }
                if (query.get("code") == null) {
                    throw new AssertionError("no code in " + location);
                }
                return query.get("code");
            }
            response = get(absolute(location));
        }
        throw new AssertionError("too many redirects");
    }

    /** Exchanges the code (with the PKCE verifier) as a confidential client. */
    Map<String, Object> tokens(String code, String secret) {
        return tokenCall(
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        redirectUri,
                        "code_verifier",
                        verifier),
                secret);
    }

    Map<String, Object> refresh(String refreshToken, String secret) {
        return tokenCall(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), secret);
    }

    /** The whole flow for a login without TOTP: its tokens. */
    Map<String, Object> login(String login, String password, String secret) {
        start();
        HttpResponse<String> result = submitPassword(login, password);
        if (result.statusCode() != 302) {
            throw new AssertionError("login of " + login + " refused: " + result.statusCode());
        }
        Map<String, Object> tokens = tokens(code(), secret);
        if (!Integer.valueOf(200).equals(tokens.get("status"))) {
            throw new AssertionError("code exchange refused: " + tokens);
        }
        return tokens;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tokenCall(Map<String, String> form, String secret) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = JsonMapper.builder().build().readValue(response.body(), Map.class);
            body.put("status", response.statusCode());
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(absolute(url))).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(absolute(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            last = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String csrf() {
        String body = last.body();
        Matcher input = HIDDEN_CSRF.matcher(body);
        if (!input.find()) {
            throw new AssertionError("no CSRF field on the page (" + last.statusCode() + "): " + body);
        }
        String tag = input.group();
        Matcher m = CSRF.matcher(tag);
        if (m.find()) {
            return m.group(1);
        }
        m = CSRF_REVERSED.matcher(tag);
        if (m.find()) {
            return m.group(1);
        }
        throw new AssertionError("CSRF field without a value: " + tag);
    }

    private String absolute(String location) {
        return location.startsWith("http") ? location : issuer + location;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
