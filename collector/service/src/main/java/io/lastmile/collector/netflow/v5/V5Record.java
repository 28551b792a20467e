package io.lastmile.collector.netflow.v5;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * One 48-byte NetFlow v5 record: srcaddr, dstaddr, nexthop, input, output, dPkts, dOctets, First,
 * Last, srcport, dstport, pad1, tcp_flags, prot, tos, src_as, dst_as, src_mask, dst_mask, pad2.
 */
final class V5Record {

    private V5Record() {}

    static void read(ByteBuffer b, int r, V5Header h, FlowRecord f) {
        f.observationDomain = (h.engineType() << 8) | h.engineId();
        f.ipVersion = 4;
        b.get(r, f.srcAddress, 0, 4);
        b.get(r + 4, f.dstAddress, 0, 4);
        b.get(r + 8, f.nextHop, 0, 4);
        f.nextHopVersion = 4;
        f.inputInterface = b.getShort(r + 12) & 0xFFFF;
        f.outputInterface = b.getShort(r + 14) & 0xFFFF;
        f.packets = b.getInt(r + 16) & 0xFFFFFFFFL;
        f.bytes = b.getInt(r + 20) & 0xFFFFFFFFL;
        f.startMillis = h.epochMillis(b.getInt(r + 24) & 0xFFFFFFFFL);
        f.endMillis = h.epochMillis(b.getInt(r + 28) & 0xFFFFFFFFL);
        f.srcPort = b.getShort(r + 32) & 0xFFFF;
        f.dstPort = b.getShort(r + 34) & 0xFFFF;
        f.tcpFlags = b.get(r + 37) & 0xFF;
        f.protocol = b.get(r + 38) & 0xFF;
        f.tos = b.get(r + 39) & 0xFF;
        f.srcAs = b.getShort(r + 40) & 0xFFFF;
        f.dstAs = b.getShort(r + 42) & 0xFFFF;
        f.srcPrefixLength = b.get(r + 44) & 0xFF;
        f.dstPrefixLength = b.get(r + 45) & 0xFF;
    }
}
