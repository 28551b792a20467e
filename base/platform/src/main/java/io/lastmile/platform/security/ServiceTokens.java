package io.lastmile.platform.security;

import io.lastmile.platform.PlatformProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * This module's own access token from auth (OAuth2 client credentials), fetched when first needed
 * and again shortly before it expires.
 */
public class ServiceTokens {

    private static final long REFRESH_BEFORE_EXPIRY_SECONDS = 30;

    private final RestClient http;
    private final PlatformProperties.Auth auth;
    private final PlatformProperties.Client client;
    private final Clock clock;
    private Token cached;

    public ServiceTokens(PlatformProperties.Auth auth, PlatformProperties.Client client, Clock clock) {
        if (client.id() == null || client.secret() == null || auth.tokenUri() == null) {
            throw new IllegalStateException(
                    "lastmile.platform.client.id/secret and lastmile.platform.auth.token-uri must be set to call other modules");
        }
        this.http = RestClient.create();
        this.auth = auth;
        this.client = client;
        this.clock = clock;
    }

    /** A valid bearer token, from the cache when it has more than 30 s left. */
    public synchronized String accessToken() {
        Instant now = clock.instant();
        if (cached == null || cached.expiresAt().isBefore(now.plusSeconds(REFRESH_BEFORE_EXPIRY_SECONDS))) {
            cached = fetch(now);
        }
        return cached.value();
    }

    private Token fetch(Instant now) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        Map<?, ?> body = http.post()
                .uri(auth.tokenUri())
                .headers(h -> h.setBasicAuth(client.id(), client.secret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(Map.class);
        if (body == null || !(body.get("access_token") instanceof String token)) {
            throw new IllegalStateException("auth answered without an access_token for client " + client.id());
        }
        long expiresIn = body.get("expires_in") instanceof Number n ? n.longValue() : 60;
        return new Token(token, now.plusSeconds(expiresIn));
    }

    private record Token(String value, Instant expiresAt) {}
}
