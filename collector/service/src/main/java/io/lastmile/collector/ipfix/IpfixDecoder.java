package io.lastmile.collector.ipfix;

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
 * IPFIX (RFC 7011): the 16-byte message header and its sets. Set 2 holds templates, 3 options
 * templates, 256 and up data; 4 to 255 are reserved and skipped by length. The message length
 * bounds the sets; bytes after it in the datagram are ignored.
 */
public final class IpfixDecoder implements PacketDecoder {
    static final int HEADER_LENGTH = 16;

    private final TemplateEngine engine;
    // held in a field: a method reference made per packet would allocate on the hot path
    private final TemplateEngine.TemplateSets templateSets = this::templates;

    public IpfixDecoder(NetflowProperties properties) {
        this.engine = new TemplateEngine(FlowProtocol.IPFIX, properties);
    }

    @Override
    public void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out) {
        packet.order(ByteOrder.BIG_ENDIAN);
        int p = packet.position();
        if (packet.limit() - p < HEADER_LENGTH) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        if (packet.getShort(p) != 10) {
            out.dropped(DropReason.UNSUPPORTED_VERSION);
            return;
        }
        int length = packet.getShort(p + 2) & 0xFFFF;
        if (length < HEADER_LENGTH) {
            out.dropped(DropReason.BAD_LENGTH);
            return;
        }
        if (length > packet.limit() - p) {
            out.dropped(DropReason.TRUNCATED);
            return;
        }
        ExporterState s = engine.exporter(exporter, receivedMillis, out);
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.header(packet.getInt(p + 12) & 0xFFFFFFFFL, -1, packet.getInt(p + 4) & 0xFFFFFFFFL);
            engine.sets(s, packet, p + HEADER_LENGTH, p + length, receivedMillis, out, templateSets);
        }
        packet.position(packet.limit());
    }

    /** IPFIX's template sets: 2 templates, 3 options templates. */
    private boolean templates(ExporterState s, int id, ByteBuffer b, int body, int end, long now, DecodeListener out) {
        if (id != 2 && id != 3) {
            return false;
        }
        IpfixTemplateSet.read(engine, s, id == 3, b, body, end, now, out);
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
