package io.lastmile.collector.netflow.v5;

import java.nio.ByteBuffer;

/**
 * The NetFlow v5 header: version, count, sysUptime (ms), unix secs, unix nsecs, flow sequence,
 * engine type, engine id, and the sampling field (2 bits of mode, 14 bits of interval).
 */
record V5Header(int count, long uptimeMillis, long exportMillis, int engineType, int engineId, int samplingInterval) {

    static V5Header read(ByteBuffer b, int p) {
        int count = b.getShort(p + 2) & 0xFFFF;
        long uptime = b.getInt(p + 4) & 0xFFFFFFFFL;
        long secs = b.getInt(p + 8) & 0xFFFFFFFFL;
        long nanos = b.getInt(p + 12) & 0xFFFFFFFFL;
        int engineType = b.get(p + 20) & 0xFF;
        int engineId = b.get(p + 21) & 0xFF;
        int sampling = b.getShort(p + 22) & 0xFFFF;
        int mode = sampling >>> 14;
        int interval = sampling & 0x3FFF;
        return new V5Header(
                count, uptime, secs * 1000 + nanos / 1_000_000, engineType, engineId, mode != 0 ? interval : 0);
    }

    /** Epoch ms of a record's sysUptime stamp (First or Last). */
    long epochMillis(long stamp) {
        return exportMillis - (int) (uptimeMillis - stamp);
    }
}
