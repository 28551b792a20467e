package io.lastmile.collector.traffic.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixTableTest {

    private record Given(Prefix prefix, int value) {}

    @Test
    void matchesTheLongestPrefixLikeABruteForceScanOnRandomIpv4() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            List<Given> given = randomPrefixes(random, 4, 1 + random.nextInt(300));
            PrefixTable table = build(given);
            for (int probe = 0; probe < 3000; probe++) {
                byte[] address = probeNear(random, given, 4);
                assertThat(table.lookup(address, 4)).as("%s", ip(address)).isEqualTo(oracle(given, address));
            }
        }
    }

    @Test
    void matchesTheLongestPrefixLikeABruteForceScanOnRandomIpv6() {
        Random random = new Random(11);
        for (int round = 0; round < 40; round++) {
            List<Given> given = randomPrefixes(random, 16, 1 + random.nextInt(300));
            PrefixTable table = build(given);
            for (int probe = 0; probe < 3000; probe++) {
                byte[] address = probeNear(random, given, 16);
                assertThat(table.lookup(address, 6)).isEqualTo(oracle(given, address));
            }
        }
    }

    @Test
    void nestsHostRoutesInsideWiderPrefixesAndTheDefaultRoute() {
        PrefixTable table = PrefixTable.builder()
                .add(Prefix.parse("0.0.0.0/0"), 0)
                .add(Prefix.parse("10.0.0.0/8"), 1)
                .add(Prefix.parse("10.1.0.0/16"), 2)
                .add(Prefix.parse("10.1.2.3/32"), 3)
                .add(Prefix.parse("255.255.255.255/32"), 4)
                .add(Prefix.parse("::/0"), 5)
                .add(Prefix.parse("2001:db8::/32"), 6)
                .add(Prefix.parse("2001:db8::1/128"), 7)
                .add(Prefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 8)
                .build();

        assertThat(v4(table, "10.1.2.3")).isEqualTo(3);
        assertThat(v4(table, "10.1.2.4")).isEqualTo(2);
        assertThat(v4(table, "10.1.2.2")).isEqualTo(2);
        assertThat(v4(table, "10.2.0.0")).isEqualTo(1);
        assertThat(v4(table, "11.0.0.0")).isEqualTo(0);
        assertThat(v4(table, "0.0.0.0")).isEqualTo(0);
        assertThat(v4(table, "255.255.255.254")).isEqualTo(0);
        assertThat(v4(table, "255.255.255.255")).isEqualTo(4);
        assertThat(v6(table, "2001:db8::1")).isEqualTo(7);
        assertThat(v6(table, "2001:db8::2")).isEqualTo(6);
        assertThat(v6(table, "2001:db9::")).isEqualTo(5);
        assertThat(v6(table, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(8);
        assertThat(v6(table, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")).isEqualTo(5);
    }

    @Test
    void answersNoneOutsideEveryPrefixAndForAFlowWithoutAddresses() {
        PrefixTable table =
                PrefixTable.builder().add(Prefix.parse("192.168.0.0/16"), 9).build();

        assertThat(v4(table, "192.167.255.255")).isEqualTo(PrefixTable.NONE);
        assertThat(v4(table, "192.169.0.0")).isEqualTo(PrefixTable.NONE);
        assertThat(v4(table, "192.168.77.1")).isEqualTo(9);
        assertThat(v6(table, "::c0a8:1"))
                .as("an IPv6 address never matches IPv4 prefixes")
                .isEqualTo(PrefixTable.NONE);
        assertThat(table.lookup(new byte[16], 0)).isEqualTo(PrefixTable.NONE);
    }

    @Test
    void parsesCidrAndClearsHostBits() {
        assertThat(Prefix.parse("10.1.2.3/8")).isEqualTo(Prefix.parse("10.0.0.0/8"));
        assertThat(Prefix.parse("10.0.0.5").length()).isEqualTo(32);
        assertThat(Prefix.parse("2001:db8:1::/56").toString()).isEqualTo("2001:db8:1:0:0:0:0:0/56");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).hasMessageContaining("out of 0..32");
        assertThatThrownBy(() -> Prefix.parse("billing.example/24")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0/x")).hasMessageContaining("bad prefix length");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.256/32")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Prefix.parse("10.0.0/24")).hasMessageContaining("not an IP address");
        assertThat(Prefix.parse("::ffff:10.0.0.1").isV4())
                .as("an IPv4-mapped IPv6 address stays IPv6")
                .isFalse();
    }

    private static PrefixTable build(List<Given> given) {
        PrefixTable.Builder b = PrefixTable.builder();
        given.forEach(g -> b.add(g.prefix, g.value));
        return b.build();
    }

    /** Prefixes that nest: each new one is often carved out of an earlier one. */
    private static List<Given> randomPrefixes(Random random, int bytes, int count) {
        List<Given> out = new ArrayList<>();
        int bits = bytes * 8;
        for (int i = 0; i < count; i++) {
            byte[] a = new byte[bytes];
            random.nextBytes(a);
            int length;
            if (!out.isEmpty() && random.nextInt(3) > 0) {
                Given parent = out.get(random.nextInt(out.size()));
                byte[] p = parent.prefix.address();
                int keep = parent.prefix.length();
                for (int bit = 0; bit < keep; bit++) {
                    int mask = 0x80 >>> (bit % 8);
                    a[bit / 8] = (byte) ((a[bit / 8] & ~mask) | (p[bit / 8] & mask));
                }
                length = keep + random.nextInt(bits - keep + 1);
            } else {
                int pick = random.nextInt(10);
                length = pick == 0 ? 0 : pick == 1 ? bits : random.nextInt(bits + 1);
            }
            out.add(new Given(new Prefix(a, length), random.nextInt(1000)));
        }
        return out;
    }

    /** An address inside, at the edge of, or just past a given prefix, or anywhere. */
    private static byte[] probeNear(Random random, List<Given> given, int bytes) {
        byte[] a = new byte[bytes];
        random.nextBytes(a);
        if (random.nextInt(5) == 0) {
            return widen(a);
        }
        Prefix p = given.get(random.nextInt(given.size())).prefix;
        byte[] base = p.address();
        int mode = random.nextInt(3);
        for (int bit = 0; bit < bytes * 8; bit++) {
            int mask = 0x80 >>> (bit % 8);
            boolean set =
                    bit < p.length() ? (base[bit / 8] & mask) != 0 : mode == 0 ? (a[bit / 8] & mask) != 0 : mode == 1;
            a[bit / 8] = (byte) (set ? a[bit / 8] | mask : a[bit / 8] & ~mask);
        }
        if (mode == 1 && random.nextBoolean()) {
            increment(a); // the first address after the prefix
        } else if (mode == 2 && random.nextBoolean()) {
            decrement(a); // the last address before it
        }
        return widen(a);
    }

    private static int oracle(List<Given> given, byte[] address16) {
        int best = PrefixTable.NONE;
        int bestLength = -1;
        for (Given g : given) {
            byte[] p = g.prefix.address();
            boolean inside = true;
            for (int bit = 0; bit < g.prefix.length() && inside; bit++) {
                int mask = 0x80 >>> (bit % 8);
                inside = (p[bit / 8] & mask) == (address16[bit / 8] & mask);
            }
            // the later of two equal prefixes wins
            if (inside && g.prefix.length() >= bestLength) {
                best = g.value;
                bestLength = g.prefix.length();
            }
        }
        return best;
    }

    private static byte[] widen(byte[] a) {
        byte[] out = new byte[16];
        System.arraycopy(a, 0, out, 0, a.length);
        return out;
    }

    private static void increment(byte[] a) {
        for (int i = a.length - 1; i >= 0 && ++a[i] == 0; i--) {}
    }

    private static void decrement(byte[] a) {
        for (int i = a.length - 1; i >= 0 && a[i]-- == 0; i--) {}
    }

    private static int v4(PrefixTable t, String ip) {
        return t.lookup(widen(Prefix.parse(ip).address()), 4);
    }

    private static int v6(PrefixTable t, String ip) {
        return t.lookup(Prefix.parse(ip).address(), 6);
    }

    private static String ip(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
}
