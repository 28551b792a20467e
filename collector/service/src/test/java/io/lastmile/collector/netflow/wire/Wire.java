package io.lastmile.collector.netflow.wire;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Builds protocol bytes field by field, big-endian, as the specifications lay them out. */
public final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Wire of() {
        return new Wire();
    }

    public Wire u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    public Wire u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public Wire u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    public Wire u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    /** An unsigned number in {@code width} bytes (reduced-size encoding). */
    public Wire uint(long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    public Wire zeros(int n) {
        for (int i = 0; i < n; i++) {
            u8(0);
        }
        return this;
    }

    public Wire bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public Wire wire(Wire w) {
        return bytes(w.toArray());
    }

    /** A literal IPv4 or IPv6 address, 4 or 16 bytes. */
    public Wire ip(String literal) {
        return bytes(address(literal).getAddress());
    }

    /** A set or FlowSet: its id, its length (4 + body), the body. */
    public Wire set(int id, Wire body) {
        return u16(id).u16(4 + body.size()).wire(body);
    }

    public int size() {
        return out.size();
    }

    public byte[] toArray() {
        return out.toByteArray();
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(toArray());
    }

    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A NetFlow v9 packet: the 20-byte header (RFC 3954 section 5.1), then the FlowSets. */
    public static ByteBuffer v9(long uptimeMillis, long unixSecs, long sourceId, Wire... sets) {
        Wire w = of().u16(9)
                .u16(sets.length)
                .u32(uptimeMillis)
                .u32(unixSecs)
                .u32(1)
                .u32(sourceId);
        for (Wire s : sets) {
            w.wire(s);
        }
        return w.buffer();
    }

    /** An IPFIX message: the 16-byte header (RFC 7011 section 3.1) with its length, then the sets. */
    public static ByteBuffer ipfix(long exportSecs, long domain, Wire... sets) {
        int length = 16;
        for (Wire s : sets) {
            length += s.size();
        }
        Wire w = of().u16(10).u16(length).u32(exportSecs).u32(1).u32(domain);
        for (Wire s : sets) {
            w.wire(s);
        }
        return w.buffer();
    }
}
