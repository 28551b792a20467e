package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.sflow.header.PacketHeaderParser;
import java.nio.ByteBuffer;

/**
 * Raw packet header (flow record 0:1): header protocol, frame length, bytes stripped, and the first
 * bytes of the sampled packet. The flow's bytes are the IP packet's length from its header, as
 * NetFlow and IPFIX count them (sflowtool does the same when it turns sFlow into NetFlow), so that
 * a subscriber is billed alike behind an sFlow switch and a NetFlow router; the frame length (the
 * packet as it was on the wire, Ethernet header and FCS included) only when no IP header is found.
 */
final class RawPacketHeader {

    private static final int FIXED = 16;

    private RawPacketHeader() {}

    static DropReason decode(ByteBuffer b, int p, int end, SflowState s) {
        if (end - p < FIXED) {
            return DropReason.BAD_LENGTH;
        }
        long protocol = Xdr.u32(b, p);
        long frameLength = Xdr.u32(b, p + 4);
        long headerLength = Xdr.u32(b, p + 12);
        if (headerLength > end - p - FIXED) {
            return DropReason.BAD_LENGTH;
        }
        var flow = s.flow;
        flow.bytes = frameLength;
        flow.packets = 1;
        PacketHeaderParser.parse(protocol, b, p + FIXED, p + FIXED + (int) headerLength, flow);
        s.sawHeader = true;
        return null;
    }
}
