package io.lastmile.collector.netflow.v9;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.template.ExporterState;
import io.lastmile.collector.netflow.template.TemplateEngine;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * NetFlow v9 (RFC 3954): the 20-byte packet header and its FlowSets. FlowSet 0 holds templates, 1
 * options templates, 256 and up data; 2 to 255 are reserved and skipped by their length. The header's
 * count is not checked: exporters disagree on what it counts, and each set carries its own length.
 */
public final class NetflowV9Decoder implements PacketDecoder {
    static final int HEADER_LENGTH = 20;
    private static final int SET_HEADER = 4;

    private final TemplateEngine engine;

    public NetflowV9Decoder(NetflowProperties properties) {
        this.engine = new TemplateEngine(FlowProtocol.NETFLOW_V9, properties);
    }

    @Override
    public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
        packet.order(ByteOrder.BIG_ENDIAN);
        int p = packet.position();
        int end = packet.limit();
        if (end - p < HEADER_LENGTH) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        if (packet.getShort(p) != 9) {
            out.dropped(DropReason.UNSUPPORTED_VERSION);
            return;
        }
        ExporterState s = engine.exporter(exporter, receivedMillis, out);
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.header(
                    packet.getInt(p + 16) & 0xFFFFFFFFL,
                    packet.getInt(p + 4) & 0xFFFFFFFFL,
                    packet.getInt(p + 8) & 0xFFFFFFFFL);
            sets(s, packet, p + HEADER_LENGTH, end, receivedMillis, out);
        }
        packet.position(end);
    }

    private void sets(ExporterState s, ByteBuffer b, int pos, int end, long now, DecodeListener out) {
        while (end - pos >= SET_HEADER) {
            int id = b.getShort(pos) & 0xFFFF;
            int length = b.getShort(pos + 2) & 0xFFFF;
            if (length < SET_HEADER) {
                out.dropped(DropReason.BAD_LENGTH);
                return;
            }
            if (length > end - pos) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            int body = pos + SET_HEADER;
            int setEnd = pos + length;
            if (id == 0) {
                V9TemplateSet.read(engine, s, b, body, setEnd, now, out);
            } else if (id == 1) {
                V9OptionsTemplateSet.read(engine, s, b, body, setEnd, now, out);
            } else if (id < 256) {
                out.dropped(DropReason.UNKNOWN_RECORD);
            } else {
                engine.data(s, id, b, body, setEnd, now, out);
            }
            pos = setEnd;
        }
    }

    @Override
    public void tick(long nowMillis, DecodeListener out) {
        engine.tick(nowMillis, out);
    }

    /** The templates known for this exporter. */
    public int templateCount(InetAddress exporter) {
        return engine.templateCount(exporter);
    }

    /** Bytes held for templates not yet received. */
    public long heldBytes() {
        return engine.heldBytes();
    }
}
