package io.lastmile.collector.decode;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A small stand-in decoder for the command's tests: NetFlow v5's 24-byte header and 48-byte records
 * (Cisco's layout), only addresses, ports, protocol and counters.
 */
final class TestV5Decoder implements PacketDecoder {

    private final FlowRecord flow = new FlowRecord();
    int ticks;

    @Override
    public void decode(InetAddress exporter, ByteBuffer p, long receivedMillis, DecodeListener out) {
        int base = p.position();
        if (p.remaining() < 24) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        int count = Short.toUnsignedInt(p.getShort(base + 2));
        for (int i = 0; i < count; i++) {
            int r = base + 24 + 48 * i;
            if (r + 48 > p.limit()) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            flow.clearFields();
            flow.exporter = exporter;
            flow.protocolVersion = FlowProtocol.NETFLOW_V5;
            flow.ipVersion = 4;
            p.get(r, flow.srcAddress, 0, 4);
            p.get(r + 4, flow.dstAddress, 0, 4);
            flow.packets = Integer.toUnsignedLong(p.getInt(r + 16));
            flow.bytes = Integer.toUnsignedLong(p.getInt(r + 20));
            flow.srcPort = Short.toUnsignedInt(p.getShort(r + 32));
            flow.dstPort = Short.toUnsignedInt(p.getShort(r + 34));
            flow.protocol = p.get(r + 38) & 0xFF;
            out.flow(flow);
        }
    }

    @Override
    public void tick(long nowMillis, DecodeListener out) {
        ticks++;
    }
}
