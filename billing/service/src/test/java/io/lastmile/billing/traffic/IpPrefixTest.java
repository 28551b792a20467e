package io.lastmile.billing.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpPrefixTest {

    @Test
    void takesAnAddressAsItsSinglePrefix() {
        assertThat(IpPrefix.parse("10.0.0.5").sql()).isEqualTo("10.0.0.5/32");
        assertThat(IpPrefix.parse(" 2001:db8::1 ").sql()).isEqualTo("2001:db8::1/128");
    }

    @Test
    void takesPrefixesWithNoHostBits() {
        assertThat(IpPrefix.parse("10.0.0.0/29").sql()).isEqualTo("10.0.0.0/29");
        assertThat(IpPrefix.parse("0.0.0.0/0").sql()).isEqualTo("0.0.0.0/0");
        assertThat(IpPrefix.parse("2001:db8:1::/56").sql()).isEqualTo("2001:db8:1::/56");
    }

    @Test
    void givesOnePrefixOneKeyHoweverItIsSpelled() {
        assertThat(IpPrefix.parse("2001:DB8::/32").key())
                .isEqualTo(IpPrefix.parse("2001:0db8:0::/32").key());
        assertThat(IpPrefix.parse("10.0.0.0/8").key())
                .isNotEqualTo(IpPrefix.parse("10.0.0.0/9").key());
    }

    @Test
    void refusesBitsAfterTheLength() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.5/24"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bits set after its length /24");
        assertThatThrownBy(() -> IpPrefix.parse("2001:db8:1:1::/56"))
                .hasMessageContaining("bits set after its length /56");
    }

    @Test
    void refusesWhatIsNoAddressWithoutLookingItUp() {
        for (String bad : new String[] {
            "",
            "example.com",
            "10.0.0",
            "10.0.0.256",
            "10.0.0.01",
            "10.0.0.0/33",
            "10.0.0.0/-1",
            "2001:db8::/129",
            "2001:db8::g",
            "fe80::1%eth0",
            "10.0.0.0/8/8",
            "::ffff:10.0.0.1"
        }) {
            assertThatThrownBy(() -> IpPrefix.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> IpPrefix.parse(null)).hasMessageContaining("is required");
    }
}
