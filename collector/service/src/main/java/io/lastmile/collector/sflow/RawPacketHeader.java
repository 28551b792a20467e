package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.sflow.header.PacketHeaderParser;
import java.nio.ByteBuffer;

/**
 * Raw packet header (flow record 0:1): header protocol, frame length, bytes stripped, and the first
 * bytes of the sampled packet. The frame length (the packet's length as it was on the wire, before
 * the agent stripped anything) is the flow's bytes.
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
