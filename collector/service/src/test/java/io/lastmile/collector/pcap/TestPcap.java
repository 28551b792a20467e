package io.lastmile.collector.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap files byte by byte (libpcap's file format: a 24-byte global header, then a
 * 16-byte record header before each frame), with Ethernet, IPv4, IPv6 and UDP headers built as
 * RFC 791, RFC 8200 and RFC 768 lay them out. Checksums are left 0 (readers do not check them).
 */
public final class TestPcap {

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final int snapLength;

    public TestPcap() {
        this(65535, 1);
    }

    public TestPcap(int snapLength, int linkType) {
        this.snapLength = snapLength;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        h.putInt(snapLength).putInt(linkType);
        file.writeBytes(h.array());
    }

    /** A frame captured at the given time (epoch microseconds), cut at the snap length. */
    public TestPcap frame(long micros, byte[] frame) {
        int captured = Math.min(frame.length, snapLength);
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
        r.putInt(captured).putInt(frame.length);
        file.writeBytes(r.array());
        file.write(frame, 0, captured);
        return this;
    }

    public Path write(Path path) throws IOException {
        return Files.write(path, file.toByteArray());
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1});
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** An IPv4 packet; flagsAndOffset is the 16-bit flags + fragment offset word. */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, int flagsAndOffset, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
        b.putShort((short) 1).putShort((short) flagsAndOffset);
        b.put((byte) 64).put((byte) protocol).putShort((short) 0);
        b.put(src).put(dst).put(payload);
        return b.array();
    }

    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000)
                .putShort((short) payload.length)
                .put((byte) nextHeader)
                .put((byte) 64);
        b.put(src).put(dst).put(payload);
        return b.array();
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length));
        b.putShort((short) 0).put(payload);
        return b.array();
    }

    /** An Ethernet frame with an IPv4 UDP datagram. */
    public static byte[] udp4(byte[] src, byte[] dst, int srcPort, int dstPort, byte[] payload) {
        return ethernet(0x0800, ipv4(src, dst, 17, 0x4000, udp(srcPort, dstPort, payload)));
    }

    public static byte[] udp6(byte[] src, byte[] dst, int srcPort, int dstPort, byte[] payload) {
        return ethernet(0x86DD, ipv6(src, dst, 17, udp(srcPort, dstPort, payload)));
    }
}
