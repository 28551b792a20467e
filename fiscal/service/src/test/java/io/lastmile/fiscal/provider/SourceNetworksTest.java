package io.lastmile.fiscal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceNetworksTest {

    private final SourceNetworks published = SourceNetworks.parse(SourceNetworks.YOOKASSA_PUBLISHED);

    @Test
    void hearsYookassasPublishedNetworks() {
        assertThat(published.contains("185.71.76.0")).isTrue();
        assertThat(published.contains("185.71.76.31")).isTrue();
        assertThat(published.contains("185.71.77.5")).isTrue();
        assertThat(published.contains("77.75.153.127")).isTrue();
        assertThat(published.contains("77.75.154.200")).isTrue();
        assertThat(published.contains("77.75.156.11")).isTrue();
        assertThat(published.contains("77.75.156.35")).isTrue();
        assertThat(published.contains("2a02:5180:0:1509::2")).isTrue();
    }

    @Test
    void refusesAddressesJustOutside() {
        assertThat(published.contains("185.71.76.32")).isFalse();
        assertThat(published.contains("77.75.153.128")).isFalse();
        assertThat(published.contains("77.75.154.127")).isFalse();
        assertThat(published.contains("77.75.156.12")).isFalse();
        assertThat(published.contains("2a02:5181::1")).isFalse();
        assertThat(published.contains("127.0.0.1")).isFalse();
        assertThat(published.contains("yookassa.ru")).as("never a host name").isFalse();
    }

    @Test
    void refusesAListEntryThatIsNoNetwork() {
        assertThatThrownBy(() -> SourceNetworks.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceNetworks.parse("example.org")).isInstanceOf(IllegalArgumentException.class);
    }
}
