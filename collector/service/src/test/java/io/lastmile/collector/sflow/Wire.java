package io.lastmile.collector.sflow;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Writes protocol fields big-endian, one at a time, as the specifications lay them out. */
final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Wire of() {
        return new Wire();
    }

    Wire u8(int v) {
        out.write(v);
        return this;
    }

    Wire u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Wire u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Wire u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    Wire bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Wire bytes(Wire w) {
        return bytes(w.toArray());
    }

    Wire zeros(int n) {
        return bytes(new byte[n]);
    }

    /** The 4 or 16 bytes of an address literal. */
    Wire ip(String literal) {
        return bytes(address(literal));
    }

    /** An XDR opaque<>: length, bytes, zero padding to 4. */
    Wire opaque(byte[] b) {
        u32(b.length).bytes(b);
        return zeros((4 - b.length % 4) % 4);
    }

    /** An sFlow sample or record: data format (enterprise 20 bits, format 12 bits), length, body. */
    Wire item(int enterprise, int format, Wire body) {
        byte[] b = body.toArray();
        return u32(((long) enterprise << 12) | format).u32(b.length).bytes(b);
    }

    Wire item(int format, Wire body) {
        return item(0, format, body);
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(toArray());
    }

    static InetAddress inet(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
