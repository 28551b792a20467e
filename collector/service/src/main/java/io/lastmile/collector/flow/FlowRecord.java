package io.lastmile.collector.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One decoded flow, whatever protocol it came in. Decoders fill one instance per packet and hand it
 * to a {@link DecodeListener} record after record, so the hot path allocates nothing per flow: a
 * listener that keeps a flow must {@link #copy()} it. Fields are public for the same reason.
 *
 * <p>Counters are as exported; {@link #samplingRate} (1 when unsampled) scales them, see {@link
 * #scaledBytes()}. Addresses are kept in 16-byte arrays; {@link #ipVersion} says whether the first 4
 * (IPv4) or all 16 bytes (IPv6) are used, 0 when the record carried no address.
 */
public final class FlowRecord {
    public InetAddress exporter;
    /** The protocol the record came in. */
    public FlowProtocol protocolVersion;

    public long observationDomain;
    public long inputInterface;
    public long outputInterface;

    public int ipVersion;
    public final byte[] srcAddress = new byte[16];
    public final byte[] dstAddress = new byte[16];
    public final byte[] nextHop = new byte[16];
    /** 0, 4 or 6: the next hop may be of another family than the addresses. */
    public int nextHopVersion;

    public int srcPrefixLength;
    public int dstPrefixLength;

    public int srcPort;
    public int dstPort;
    /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6). */
    public int protocol;

    public int tcpFlags;
    public int tos;

    public long bytes;
    public long packets;
    public long samplingRate = 1;

    /** Epoch milliseconds; 0 when the export did not say. */
    public long startMillis;

    public long endMillis;

    public int vlan;
    public long srcAs;
    public long dstAs;

    /** Forgets everything but the exporter and protocol, for the next record of the same packet. */
    public void clearFields() {
        observationDomain = 0;
        inputInterface = 0;
        outputInterface = 0;
        ipVersion = 0;
        Arrays.fill(srcAddress, (byte) 0);
        Arrays.fill(dstAddress, (byte) 0);
        Arrays.fill(nextHop, (byte) 0);
        nextHopVersion = 0;
        srcPrefixLength = 0;
        dstPrefixLength = 0;
        srcPort = 0;
        dstPort = 0;
        protocol = 0;
        tcpFlags = 0;
        tos = 0;
        bytes = 0;
        packets = 0;
        samplingRate = 1;
        startMillis = 0;
        endMillis = 0;
        vlan = 0;
        srcAs = 0;
        dstAs = 0;
    }

    public long scaledBytes() {
        return bytes * Math.max(1, samplingRate);
    }

    public long scaledPackets() {
        return packets * Math.max(1, samplingRate);
    }

    public InetAddress src() {
        return address(ipVersion, srcAddress);
    }

    public InetAddress dst() {
        return address(ipVersion, dstAddress);
    }

    public InetAddress nextHopAddress() {
        return address(nextHopVersion, nextHop);
    }

    /** A copy that the decoder will not overwrite. */
    public FlowRecord copy() {
        FlowRecord c = new FlowRecord();
        c.exporter = exporter;
        c.protocolVersion = protocolVersion;
        c.observationDomain = observationDomain;
        c.inputInterface = inputInterface;
        c.outputInterface = outputInterface;
        c.ipVersion = ipVersion;
        System.arraycopy(srcAddress, 0, c.srcAddress, 0, 16);
        System.arraycopy(dstAddress, 0, c.dstAddress, 0, 16);
        System.arraycopy(nextHop, 0, c.nextHop, 0, 16);
        c.nextHopVersion = nextHopVersion;
        c.srcPrefixLength = srcPrefixLength;
        c.dstPrefixLength = dstPrefixLength;
        c.srcPort = srcPort;
        c.dstPort = dstPort;
        c.protocol = protocol;
        c.tcpFlags = tcpFlags;
        c.tos = tos;
        c.bytes = bytes;
        c.packets = packets;
        c.samplingRate = samplingRate;
        c.startMillis = startMillis;
        c.endMillis = endMillis;
        c.vlan = vlan;
        c.srcAs = srcAs;
        c.dstAs = dstAs;
        return c;
    }

    private static InetAddress address(int version, byte[] bytes) {
        if (version != 4 && version != 6) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(bytes, version == 4 ? 4 : 16));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
