package io.lastmile.collector.ingest;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.PacketDecoder;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IPFIX messages carrying a template set, built byte by byte from RFC 7011: the 16-byte message
 * header (version 10, length, export time, sequence, observation domain), a set header (set id 2,
 * length) and template records (template id, field count, field specifiers of IE id and length).
 * And a decoder that only learns templates, for the pipeline's tests.
 */
final class IpfixTemplatePackets {

    private IpfixTemplatePackets() {}

    /** One template set defining each of {@code templateIds} as sourceIPv4Address(8), destinationIPv4Address(12), octetDeltaCount(1). */
    static byte[] templates(long domain, int... templateIds) {
        int record = 4 + 3 * 4;
        int set = 4 + record * templateIds.length;
        ByteBuffer b = ByteBuffer.allocate(16 + set);
        b.putShort((short) 10)
                .putShort((short) (16 + set))
                .putInt(1_765_000_000)
                .putInt(1)
                .putInt((int) domain);
        b.putShort((short) 2).putShort((short) set);
        for (int id : templateIds) {
            b.putShort((short) id).putShort((short) 3);
            b.putShort((short) 8).putShort((short) 4);
            b.putShort((short) 12).putShort((short) 4);
            b.putShort((short) 1).putShort((short) 8);
        }
        return b.array();
    }

    /** Learns the template ids of template sets, per exporter and domain; reports how many it knows. */
    static final class Decoder implements PacketDecoder {
        private final Set<String> known = ConcurrentHashMap.newKeySet();

        @Override
        public void decode(InetAddress exporter, ByteBuffer p, long receivedMillis, DecodeListener out) {
            int at = p.position();
            if (p.remaining() < 16 || Short.toUnsignedInt(p.getShort(at + 2)) > p.remaining()) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            int end = at + Short.toUnsignedInt(p.getShort(at + 2));
            long domain = Integer.toUnsignedLong(p.getInt(at + 12));
            for (int s = at + 16; s + 4 <= end; ) {
                int setId = Short.toUnsignedInt(p.getShort(s));
                int length = Short.toUnsignedInt(p.getShort(s + 2));
                if (length < 4 || s + length > end) {
                    out.dropped(DropReason.BAD_LENGTH);
                    return;
                }
                for (int r = s + 4; setId == 2 && r + 4 <= s + length; ) {
                    known.add(exporter.getHostAddress() + "/" + domain + "/" + Short.toUnsignedInt(p.getShort(r)));
                    r += 4 + 4 * Short.toUnsignedInt(p.getShort(r + 2));
                }
                s += length;
            }
            String prefix = exporter.getHostAddress() + "/";
            out.templatesChanged(
                    (int) known.stream().filter(k -> k.startsWith(prefix)).count());
        }
    }
}
