package io.lastmile.collector.pcap;

import io.pkts.Pcap;
import io.pkts.buffer.Buffer;
import io.pkts.framer.FramingException;
import io.pkts.packet.IPPacket;
import io.pkts.packet.Packet;
import io.pkts.packet.PacketParseException;
import io.pkts.packet.UDPPacket;
import io.pkts.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a classic Ethernet pcap file with pkts.io and hands on each whole UDP datagram (IPv4 or
 * IPv6), counting the frames it skips: not IP, not UDP, IP fragments, frames cut by the snap length,
 * and frames pkts.io cannot parse. Not for the collector's hot path: it allocates per datagram.
 */
public final class PcapReader {

    private static final int UDP_HEADER = 8;

    private PcapReader() {}

    /**
     * @throws PcapFormatException when the file is not a classic Ethernet pcap (pcapng, cooked
     *     captures and other link types are refused with what to do)
     */
    public static PcapStats read(Path file, Consumer<UdpDatagram> out) throws IOException {
        PcapHeader.check(file);
        Reading reading = new Reading(out);
        Pcap pcap = Pcap.openStream(file.toFile());
        try {
            pcap.loop(reading::next);
        } catch (FramingException | PacketParseException e) {
            throw new PcapFormatException(
                    file + ": cannot read frame " + (reading.frames + 1) + " (" + e.getMessage() + ")");
        } finally {
            pcap.close();
        }
        return new PcapStats(reading.frames, reading.datagrams, reading.skipped);
    }

    private static final class Reading {
        private final Consumer<UdpDatagram> out;
        private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        private long frames;
        private long datagrams;

        Reading(Consumer<UdpDatagram> out) {
            this.out = out;
        }

        boolean next(Packet packet) throws IOException {
            frames++;
            SkipReason skip;
            try {
                skip = datagram(packet);
            } catch (PacketParseException | FramingException e) {
                skip = SkipReason.UNPARSABLE;
            }
            if (skip != null) {
                skipped.merge(skip, 1L, Long::sum);
            }
            return true;
        }

        /** Hands the frame's datagram on and returns null, or returns why there is none. */
        private SkipReason datagram(Packet packet) throws IOException {
            IPPacket ip = ip(packet);
            if (ip == null) {
                return SkipReason.NOT_IP;
            }
            if (ip.isFragmented()) {
                return SkipReason.FRAGMENT;
            }
            if (!packet.hasProtocol(Protocol.UDP)) {
                return SkipReason.NOT_UDP;
            }
            UDPPacket udp = (UDPPacket) packet.getPacket(Protocol.UDP);
            int expected = udp.getLength() - UDP_HEADER;
            Buffer payload = udp.getPayload();
            int have = payload == null ? 0 : payload.getReadableBytes();
            if (expected < 0 || have < expected) {
                return SkipReason.TRUNCATED;
            }
            // Ethernet pads short frames: the UDP length says where the payload ends
            byte[] bytes = expected == 0 ? new byte[0] : payload.getArray();
            ByteBuffer data = ByteBuffer.wrap(bytes, 0, expected).slice();
            out.accept(new UdpDatagram(
                    frames,
                    packet.getArrivalTime(),
                    address(ip.getRawSourceIP()),
                    udp.getSourcePort(),
                    address(ip.getRawDestinationIP()),
                    udp.getDestinationPort(),
                    data));
            datagrams++;
            return null;
        }

        private static IPPacket ip(Packet packet) throws IOException {
            if (packet.hasProtocol(Protocol.IPv4)) {
                return (IPPacket) packet.getPacket(Protocol.IPv4);
            }
            if (packet.hasProtocol(Protocol.IPv6)) {
                return (IPPacket) packet.getPacket(Protocol.IPv6);
            }
            return null;
        }

        private static InetAddress address(byte[] raw) throws IOException {
            return InetAddress.getByAddress(raw);
        }
    }
}
