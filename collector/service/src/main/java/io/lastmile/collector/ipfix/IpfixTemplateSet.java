package io.lastmile.collector.ipfix;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.netflow.template.ExporterState;
import io.lastmile.collector.netflow.template.TemplateEngine;
import java.nio.ByteBuffer;

/**
 * An IPFIX template set (2) or options template set (3), RFC 7011 section 3.4: template id, field
 * count (and for options the scope field count), then field specifiers of element id and length,
 * with a 4-byte enterprise number when the id's top bit is set. A field count of 0 withdraws the
 * template; template id 2 (or 3 in an options set) with count 0 withdraws all of them.
 */
final class IpfixTemplateSet {
    private static final int ENTERPRISE_BIT = 0x8000;

    private IpfixTemplateSet() {}

    static void read(
            TemplateEngine e,
            ExporterState s,
            boolean options,
            ByteBuffer b,
            int pos,
            int end,
            long now,
            DecodeListener out) {
        while (end - pos >= 4) {
            int id = b.getShort(pos) & 0xFFFF;
            int count = b.getShort(pos + 2) & 0xFFFF;
            if (count == 0) {
                if (!withdrawal(e, s, options, id, out)) {
                    return;
                }
                pos += 4;
                continue;
            }
            int header = options ? 6 : 4;
            if (id < 256 || count > s.maxFields()) {
                out.dropped(DropReason.BAD_TEMPLATE);
                return;
            }
            if (end - pos < header) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            int scopes = options ? b.getShort(pos + 4) & 0xFFFF : 0;
            if (options && (scopes == 0 || scopes > count)) {
                out.dropped(DropReason.BAD_TEMPLATE);
                return;
            }
            int next = readFields(s, b, pos + header, end, count);
            if (next == -1) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            if (next < 0) {
                out.dropped(DropReason.BAD_TEMPLATE);
                pos = -next - 2;
                continue;
            }
            e.learn(s, id, options, count, 0, now, out);
            pos = next;
        }
    }

    /** Handles a record with field count 0; false when it is padding or malformed (stop the set). */
    private static boolean withdrawal(TemplateEngine e, ExporterState s, boolean options, int id, DecodeListener out) {
        if (id >= 256) {
            e.withdraw(s, id, out);
            return true;
        }
        if (id == (options ? 3 : 2)) {
            e.withdrawAll(s, options, out);
            return true;
        }
        if (id != 0) {
            out.dropped(DropReason.BAD_TEMPLATE);
        }
        return false; // id 0 with count 0: padding
    }

    /**
     * Reads the field specifiers into the state's field arrays (enterprise fields as type -1).
     *
     * @return the position after them; -1 when they run past the set; {@code -(position + 2)} when
     *     they are complete but a field has length 0
     */
    private static int readFields(ExporterState s, ByteBuffer b, int pos, int end, int count) {
        int[] types = s.fieldTypes();
        int[] lengths = s.fieldLengths();
        boolean usable = true;
        for (int i = 0; i < count; i++) {
            if (end - pos < 4) {
                return -1;
            }
            int type = b.getShort(pos) & 0xFFFF;
            lengths[i] = b.getShort(pos + 2) & 0xFFFF;
            pos += 4;
            if ((type & ENTERPRISE_BIT) != 0) {
                if (end - pos < 4) {
                    return -1;
                }
                pos += 4;
                types[i] = -1;
            } else {
                types[i] = type;
            }
            usable &= lengths[i] != 0;
        }
        return usable ? pos : -(pos + 2);
    }
}
