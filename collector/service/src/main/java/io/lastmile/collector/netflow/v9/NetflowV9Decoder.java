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

    private final TemplateEngine engine;
    // held in a field: a method reference made per packet would allocate on the hot path
    private final TemplateEngine.TemplateSets templateSets = this::templates;

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
            engine.sets(s, packet, p + HEADER_LENGTH, end, receivedMillis, out, templateSets);
        }
        packet.position(end);
    }

    /** NetFlow v9's template sets: 0 templates, 1 options templates. */
    private boolean templates(ExporterState s, int id, ByteBuffer b, int body, int end, long now, DecodeListener out) {
        if (id == 0) {
            V9TemplateSet.read(engine, s, b, body, end, now, out);
        } else if (id == 1) {
            V9OptionsTemplateSet.read(engine, s, b, body, end, now, out);
        } else {
            return false;
        }
        return true;
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
