package io.lastmile.collector.netflow.v5;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.SamplingDefaults;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * NetFlow v5 (Cisco's fixed layout): a 24-byte header and 1 to 30 records of 48 bytes. The count
 * must fit the datagram: when it says more records than there are, the whole records present are
 * decoded and the packet is counted BAD_COUNT. Stateless but for the reused flow per thread.
 */
public final class NetflowV5Decoder implements PacketDecoder {
    static final int HEADER_LENGTH = 24;
    static final int RECORD_LENGTH = 48;
    static final int MAX_COUNT = 30;

    private final SamplingDefaults sampling;
    private final ThreadLocal<FlowRecord> flows = ThreadLocal.withInitial(FlowRecord::new);

    public NetflowV5Decoder(NetflowProperties properties) {
        this.sampling = new SamplingDefaults(properties.samplingRates());
    }

    @Override
    public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
        packet.order(ByteOrder.BIG_ENDIAN);
        int p = packet.position();
        int available = packet.limit() - p;
        if (available < HEADER_LENGTH) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        if (packet.getShort(p) != 5) {
            out.dropped(DropReason.UNSUPPORTED_VERSION);
            return;
        }
        V5Header h = V5Header.read(packet, p);
        int present = (available - HEADER_LENGTH) / RECORD_LENGTH;
        int records = Math.min(Math.min(h.count(), MAX_COUNT), present);
        if (h.count() > MAX_COUNT || h.count() > present) {
            out.dropped(DropReason.BAD_COUNT);
        }
        long rate = h.samplingInterval() > 0 ? h.samplingInterval() : sampling.rate(exporter);
        FlowRecord f = flows.get();
        f.exporter = exporter;
        f.protocolVersion = FlowProtocol.NETFLOW_V5;
        for (int i = 0; i < records; i++) {
            f.clearFields();
            V5Record.read(packet, p + HEADER_LENGTH + i * RECORD_LENGTH, h, f);
            f.samplingRate = rate;
            out.flow(f);
        }
        packet.position(packet.limit());
    }
}
