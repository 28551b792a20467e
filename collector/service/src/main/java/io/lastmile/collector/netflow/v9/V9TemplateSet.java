package io.lastmile.collector.netflow.v9;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.netflow.template.ExporterState;
import io.lastmile.collector.netflow.template.TemplateEngine;
import java.nio.ByteBuffer;

/**
 * A NetFlow v9 template FlowSet (id 0): template records of template id, field count and per field
 * its type and length (RFC 3954 section 5.2).
 */
final class V9TemplateSet {

    private V9TemplateSet() {}

    static void read(TemplateEngine e, ExporterState s, ByteBuffer b, int pos, int end, long now, DecodeListener out) {
        while (end - pos >= 4) {
            int id = b.getShort(pos) & 0xFFFF;
            int count = b.getShort(pos + 2) & 0xFFFF;
            if (id == 0 && count == 0) {
                return; // padding
            }
            if (id < 256 || count == 0 || count > s.maxFields()) {
                out.dropped(DropReason.BAD_TEMPLATE);
                return;
            }
            int recordLength = 4 + 4 * count;
            if (recordLength > end - pos) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            if (readFields(s, b, pos + 4, count)) {
                e.learn(s, id, false, count, 0, now, out);
            } else {
                out.dropped(DropReason.BAD_TEMPLATE);
            }
            pos += recordLength;
        }
    }

    /**
     * Reads {@code count} (type, length) pairs into the state's field arrays; false when a field has
     * length 0.
     */
    static boolean readFields(ExporterState s, ByteBuffer b, int pos, int count) {
        int[] types = s.fieldTypes();
        int[] lengths = s.fieldLengths();
        boolean usable = true;
        for (int i = 0; i < count; i++, pos += 4) {
            types[i] = b.getShort(pos) & 0xFFFF;
            lengths[i] = b.getShort(pos + 2) & 0xFFFF;
            usable &= lengths[i] != 0;
        }
        return usable;
    }
}
