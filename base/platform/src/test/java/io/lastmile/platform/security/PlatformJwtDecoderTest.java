package io.lastmile.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** The decoder every module gets, against a JWKS served over HTTP as auth serves it. */
class PlatformJwtDecoderTest {

    private final Signer auth = new Signer();
    private HttpServer jwks;

    @BeforeEach
    void serveJwks() throws Exception {
        byte[] body = new JWKSet(auth.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    private void withDecoder(org.junit.jupiter.api.function.ThrowingConsumer<JwtDecoder> test) {
        ApiPermissionChecksTest.platform()
                .withPropertyValues(
                        "lastmile.platform.auth.issuer=" + Signer.ISSUER,
                        "lastmile.platform.auth.jwk-set-uri=http://127.0.0.1:"
                                + jwks.getAddress().getPort() + "/oauth2/jwks")
                .run(context -> test.accept(context.getBean(JwtDecoder.class)));
    }

    @Test
    void acceptsAuthsTokenForTheLastmileAudience() {
        withDecoder(decoder -> assertThat(decoder.decode(auth.sign(auth.claims(List.of("admin"), List.of("*"))))
                        .getAudience())
                .contains(Permissions.AUDIENCE));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        withDecoder(decoder -> assertThatThrownBy(() -> decoder.decode(
                        auth.sign(auth.claims(List.of("admin"), List.of("*")).audience("grafana"))))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("aud"));
    }

    @Test
    void refusesATokenWithoutAudience() {
        withDecoder(decoder -> assertThatThrownBy(() -> decoder.decode(
                        auth.sign(auth.claims(List.of("admin"), List.of("*")).audience((String) null))))
                .isInstanceOf(JwtValidationException.class));
    }

    @Test
    void refusesAnotherIssuer() {
        withDecoder(decoder -> assertThatThrownBy(() -> decoder.decode(
                        auth.sign(auth.claims(List.of("admin"), List.of("*")).issuer("http://evil"))))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("iss"));
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        withDecoder(
                decoder -> assertThatThrownBy(() -> decoder.decode(auth.sign(auth.claims(List.of("admin"), List.of("*"))
                                .issueTime(Date.from(past.minusSeconds(60)))
                                .expirationTime(Date.from(past)))))
                        .isInstanceOf(JwtValidationException.class)
                        .hasMessageContaining("expired"));
    }
}
