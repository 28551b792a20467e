package io.lastmile.collector.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a capture's global header before pkts.io reads it, so that an operator learns why a file
 * cannot be read (pcapng, a cooked "-i any" capture) instead of seeing no packets.
 */
final class PcapHeader {

    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_LINUX_SLL = 113;

    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int MAGIC_PCAPNG = 0x0A0D0D0A;
    private static final int SIZE = 24;

    private PcapHeader() {}

    /** Throws {@link PcapFormatException} unless the file is a classic Ethernet pcap. */
    static void check(Path file) throws IOException {
        byte[] head = new byte[SIZE];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, n);
        if (n >= 4 && b.getInt(0) == MAGIC_PCAPNG) {
            throw new PcapFormatException(
                    file + " is pcapng; convert it to classic pcap: editcap -F pcap " + file + " out.pcap");
        }
        if (n < SIZE) {
            throw new PcapFormatException(file + " is too short for a pcap file (" + n + " bytes)");
        }
        int magic = b.getInt(0);
        if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            throw new PcapFormatException(file + " is not a pcap file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int linkType = b.getInt(20) & 0x0FFFFFFF;
        if (linkType == LINKTYPE_LINUX_SLL) {
            throw new PcapFormatException(file + " is a Linux cooked capture (tcpdump -i any); capture on a named"
                    + " interface instead: tcpdump -i eth0 -w file.pcap");
        }
        if (linkType != LINKTYPE_ETHERNET) {
            throw new PcapFormatException(
                    file + " has link type " + linkType + "; only Ethernet captures (link type 1) can be read");
        }
    }
}
