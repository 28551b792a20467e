package io.lastmile.fiscal.provider;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The networks notifications may come from, as CIDR blocks (IPv4 and IPv6); a bare address is one
 * host. Shared by the adapters whose provider signs nothing it sends (YooKassa, OSMP).
 */
public final class SourceNetworks {

    /** YooKassa's published notification sources (yookassa.ru/developers, "Notifications", IP addresses). */
    public static final String YOOKASSA_PUBLISHED =
            "185.71.76.0/27,185.71.77.0/27,77.75.153.0/25,77.75.156.11,77.75.156.35,"
                    + "77.75.154.128/25,2a02:5180::/32";

    private record Block(byte[] network, int prefix) {}

    private final List<Block> blocks;

    private SourceNetworks(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or a CIDR block */
    public static SourceNetworks parse(String list) {
        return new SourceNetworks(Arrays.stream(list.split("[,\\s]+"))
                .filter(s -> !s.isBlank())
                .map(SourceNetworks::block)
                .toList());
    }

    public boolean contains(String address) {
        byte[] bytes;
        try {
            bytes = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return blocks.stream().anyMatch(b -> matches(b, bytes));
    }

    private static boolean matches(Block block, byte[] address) {
        if (block.network.length != address.length) {
            return false;
        }
        int bits = block.network.length * 8;
        BigInteger mask = BigInteger.ONE
                .shiftLeft(bits)
                .subtract(BigInteger.ONE)
                .shiftRight(block.prefix)
                .xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, block.network).and(mask));
    }

    private static Block block(String entry) {
        String[] parts = entry.trim().split("/", 2);
        byte[] network = literal(parts[0]);
        int prefix = network.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR block: " + entry);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("not a CIDR block: " + entry);
            }
        }
        return new Block(network, prefix);
    }

    /** An IP literal only: never a host name, so nothing is looked up in DNS. */
    private static byte[] literal(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.contains(":") && a.matches("[0-9a-fA-F:.%]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
