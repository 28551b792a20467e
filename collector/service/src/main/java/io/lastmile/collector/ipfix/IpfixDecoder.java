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
    private static final int SET_HEADER = 4;

    private final TemplateEngine engine;

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
            sets(s, packet, p + HEADER_LENGTH, p + length, receivedMillis, out);
        }
        packet.position(packet.limit());
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
            if (id == 2 || id == 3) {
                IpfixTemplateSet.read(engine, s, id == 3, b, body, setEnd, now, out);
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
