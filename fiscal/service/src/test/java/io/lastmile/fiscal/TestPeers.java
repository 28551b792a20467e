package io.lastmile.fiscal;

import io.lastmile.platform.security.PeerClients;
import io.lastmile.testkit.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.RestClient;

/** Tokens of the test's own key, and peer clients without auth: the local peers of a test do not check tokens. */
@TestConfiguration
public class TestPeers {

    /** Tokens the test's fiscal accepts. */
    public static final TestTokens TOKENS = TestTokens.generate();

    @Bean
    JwtDecoder jwtDecoder() {
        return TOKENS.decoder();
    }

    @Bean
    PeerClients peerClients() {
        return new PeerClients(null) {
            @Override
            public RestClient forBaseUrl(String baseUrl) {
                return RestClient.builder().baseUrl(baseUrl).build();
            }
        };
    }
}
