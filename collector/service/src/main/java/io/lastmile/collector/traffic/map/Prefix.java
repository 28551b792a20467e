package io.lastmile.collector.traffic.map;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare
 * address is a /32 or /128). Host bits set below the length are cleared, as routers do.
 *
 * @param address 4 or 16 bytes, host bits cleared
 */
public record Prefix(byte[] address, int length) {

    public Prefix {
        address = address.clone();
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix length " + length + " out of 0.." + address.length * 8);
        }
        for (int bit = length; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public boolean isV4() {
        return address.length == 4;
    }

    /**
     * Parses {@code address/length}; only literal addresses (never a name lookup).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Prefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty prefix");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(host, text);
        int length = bytes.length * 8;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
        }
        return new Prefix(bytes, length);
    }

    private static byte[] literal(String host, String text) {
        byte[] quad = dottedQuad(host);
        if (quad != null) {
            return quad;
        }
        // with a colon InetAddress parses an IPv6 literal and never asks DNS
        boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
        if (!v6) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            // a literal: InetAddress parses it without any lookup
            byte[] bytes = InetAddress.getByName(host).getAddress();
            if (bytes.length == 4) {
                // ::ffff:a.b.c.d comes back as IPv4; keep it in the IPv6 space it was written in
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
    }

    /** a.b.c.d without regular expressions (a map holds tens of thousands); null when it is not one */
    private static byte[] dottedQuad(String host) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.length == length && Arrays.equals(p.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + length;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(address).getHostAddress() + "/" + length;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
