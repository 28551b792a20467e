package io.lastmile.billing.traffic;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or prefix as an operator writes it, checked before PostgreSQL sees it:
 * an address is a /32 (/128), a prefix may have no bit set after its length. Parsed here without
 * any name lookup (a host name is refused, never resolved).
 *
 * @param sql the text PostgreSQL reads as a {@code cidr}
 * @param key the same for every spelling of one prefix ({@code 2001:db8::/32}, {@code 2001:0DB8::/32})
 */
record IpPrefix(String sql, String key) {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,3}");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** The prefix `text` names; IllegalArgumentException saying what is wrong otherwise. */
    static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "is required: an address such as 10.0.0.5 or a prefix such as 10.0.0.0/29");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = address.indexOf(':') >= 0 ? ipv6(text, address) : ipv4(text, address);
        int bits = bytes.length * 8;
        int length = slash < 0 ? bits : length(text, s.substring(slash + 1), bits);
        for (int bit = length; bit < bits; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                throw new IllegalArgumentException("'" + text + "' has bits set after its length /" + length
                        + ": give the network's first address, or the single address without a length");
            }
        }
        return new IpPrefix(address + "/" + length, java.util.HexFormat.of().formatHex(bytes) + "/" + length);
    }

    private static byte[] ipv4(String text, String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(text);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
                throw notAnAddress(text);
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    private static byte[] ipv6(String text, String address) {
        if (!IPV6.matcher(address).matches()) {
            throw notAnAddress(text);
        }
        try {
            // a text with ':' is parsed as an IPv6 literal, never looked up
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                throw new IllegalArgumentException(
                        "'" + text + "' is an IPv4 address written as IPv6: write it as IPv4");
            }
            return parsed.getAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress(text);
        }
    }

    private static int length(String text, String length, int bits) {
        if (!LENGTH.matcher(length).matches() || Integer.parseInt(length) > bits) {
            throw new IllegalArgumentException(
                    "'" + text + "' has a prefix length that is not a number from 0 to " + bits);
        }
        return Integer.parseInt(length);
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not an IPv4 or IPv6 address or prefix (such as 10.0.0.5, 10.0.0.0/29 or 2001:db8:1::/56)");
    }
}
