package io.lastmile.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "fd77:0:0:0:0:0:0:2, fd77::2",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8:ABCD:12:FFFF:0:0:0, 2001:db8:abcd:12:ffff::"
    })
    void writesIpv6AsRfc5952Says(String full, String expected) throws Exception {
        byte[] raw = InetAddress.getByName(full).getAddress();

        assertThat(Addresses.format(6, raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.77.0.1", "255.255.255.255", "0.0.0.0"})
    void writesIpv4Dotted(String address) throws Exception {
        byte[] raw = java.util.Arrays.copyOf(InetAddress.getByName(address).getAddress(), 16);

        assertThat(Addresses.format(4, raw)).isEqualTo(address);
        assertThat(Addresses.format(0, raw)).isNull();
    }
}
