package io.lastmile.billing.provisioning.bind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternTest {

    @Test
    void matchesAsPostgresLikeDoes() {
        assertThat(LikePattern.matches("vpn-%", "vpn-basic")).isTrue();
        assertThat(LikePattern.matches("vpn-%", "vpn-")).isTrue();
        assertThat(LikePattern.matches("vpn-%", "xvpn-basic")).isFalse();
        assertThat(LikePattern.matches("vpn_", "vpn1")).isTrue();
        assertThat(LikePattern.matches("vpn_", "vpn12")).isFalse();
        assertThat(LikePattern.matches("%", "")).isTrue();
        assertThat(LikePattern.matches("internet", "internet")).isTrue();
        assertThat(LikePattern.matches("internet", "internet-100")).isFalse();
    }

    @Test
    void backslashEscapesAWildcardAndRegexCharactersAreLiteral() {
        assertThat(LikePattern.matches("vpn\\_old.%", "vpn_old.a")).isTrue();
        assertThat(LikePattern.matches("vpn\\_old.%", "vpnXold.a")).isFalse();
        assertThat(LikePattern.matches("a.b", "axb")).isFalse();
        assertThat(LikePattern.matches("a+(b)", "a+(b)")).isTrue();
    }
}
