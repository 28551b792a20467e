package io.lastmile.collector.netflow.v9;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.netflow.template.ExporterState;
import io.lastmile.collector.netflow.template.TemplateEngine;
import java.nio.ByteBuffer;

/**
 * A NetFlow v9 options template FlowSet (id 1, RFC 3954 section 6.1): template id, option scope
 * length and option length in bytes, the scope fields, then the option fields. Scope field types
 * (1 system, 2 interface, 3 line card, 4 cache, 5 template) are not field types: they are skipped
 * by length.
 */
final class V9OptionsTemplateSet {

    private V9OptionsTemplateSet() {}

    static void read(TemplateEngine e, ExporterState s, ByteBuffer b, int pos, int end, long now, DecodeListener out) {
        while (end - pos >= 6) {
            int id = b.getShort(pos) & 0xFFFF;
            int scopeLength = b.getShort(pos + 2) & 0xFFFF;
            int optionLength = b.getShort(pos + 4) & 0xFFFF;
            if (id == 0 && scopeLength == 0 && optionLength == 0) {
                return; // padding
            }
            int count = (scopeLength + optionLength) / 4;
            if (id < 256 || scopeLength % 4 != 0 || optionLength % 4 != 0 || count == 0 || count > s.maxFields()) {
                out.dropped(DropReason.BAD_TEMPLATE);
                return;
            }
            int recordLength = 6 + scopeLength + optionLength;
            if (recordLength > end - pos) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            int scopes = scopeLength / 4;
            if (V9TemplateSet.readFields(s, b, pos + 6, count)) {
                e.learn(s, id, true, count, scopes, now, out);
            } else {
                out.dropped(DropReason.BAD_TEMPLATE);
            }
            pos += recordLength;
        }
    }
}
