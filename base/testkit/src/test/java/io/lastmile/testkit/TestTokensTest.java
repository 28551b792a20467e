package io.lastmile.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.Roles;
import io.lastmile.platform.security.SeededRoles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class TestTokensTest {

    private final TestTokens tokens = TestTokens.generate();
    private final JwtDecoder decoder = tokens.decoder();

    @Test
    void carriesTheSeededPermissionsOfEachRoleAndTheAudience() {
        for (String role : SeededRoles.PERMISSIONS.keySet()) {
            Jwt jwt = decoder.decode(tokens.forRole(role));

            assertThat(jwt.getAudience()).containsExactly(Permissions.AUDIENCE);
            assertThat(jwt.getClaimAsStringList(Roles.CLAIM)).containsExactly(role);
            assertThat(jwt.getClaimAsStringList(Permissions.CLAIM)).isEqualTo(SeededRoles.permissions(role));
        }
    }

    @Test
    void givesTheCashierTheLimitAndTheSubscriberTheAccount() {
        assertThat(decoder.decode(tokens.cashier()).getClaimAsString(Permissions.CORRECTION_LIMIT_CLAIM))
                .isEqualTo("5000.00");
        assertThat(decoder.decode(tokens.admin()).hasClaim(Permissions.CORRECTION_LIMIT_CLAIM))
                .isFalse();
        Jwt subscriber = decoder.decode(tokens.subscriber(42));
        assertThat(((Number) subscriber.getClaim(Permissions.ACCOUNT_CLAIM)).longValue())
                .isEqualTo(42);
        assertThat(subscriber.getClaimAsStringList(Permissions.CLAIM)).containsExactly(Permissions.SELF);
    }

    @ParameterizedTest
    @EnumSource(TestTokens.Forgery.class)
    void makesForgeriesTheServicesDecoderRefuses(TestTokens.Forgery forgery) {
        assertThatThrownBy(() -> decoder.decode(tokens.forged(forgery))).isInstanceOf(JwtException.class);
    }
}
