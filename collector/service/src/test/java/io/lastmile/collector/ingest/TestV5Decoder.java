package io.lastmile.collector.ingest;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small NetFlow v5 decoder for the pipeline's tests (the real one lives in its own package): reads
 * the addresses, ports and counters of each record, and notes the flow_sequence of each packet and
 * the thread that decoded it.
 */
final class TestV5Decoder implements PacketDecoder {

    final List<Integer> sequences = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<Long> ticks = new CopyOnWriteArrayList<>();
    private final FlowRecord flow = new FlowRecord();

    @Override
    public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
        int start = packet.position();
        if (packet.remaining() < NetflowV5Packets.HEADER) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        int count = Short.toUnsignedInt(packet.getShort(start + 2));
        if (packet.remaining() < NetflowV5Packets.HEADER + count * NetflowV5Packets.RECORD) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        sequences.add(packet.getInt(start + 16));
        threads.add(Thread.currentThread().getName());
        for (int i = 0; i < count; i++) {
            int r = start + NetflowV5Packets.HEADER + i * NetflowV5Packets.RECORD;
            flow.clearFields();
            flow.exporter = exporter;
            flow.protocolVersion = FlowProtocol.NETFLOW_V5;
            flow.ipVersion = 4;
            packet.get(r, flow.srcAddress, 0, 4);
            packet.get(r + 4, flow.dstAddress, 0, 4);
            flow.packets = Integer.toUnsignedLong(packet.getInt(r + 16));
            flow.bytes = Integer.toUnsignedLong(packet.getInt(r + 20));
            flow.srcPort = Short.toUnsignedInt(packet.getShort(r + 32));
            flow.dstPort = Short.toUnsignedInt(packet.getShort(r + 34));
            flow.protocol = Byte.toUnsignedInt(packet.get(r + 38));
            out.flow(flow);
        }
    }

    @Override
    public void tick(long nowMillis, DecodeListener out) {
        ticks.add(nowMillis);
    }
}
