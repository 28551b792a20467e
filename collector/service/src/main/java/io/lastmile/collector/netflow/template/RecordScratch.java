package io.lastmile.collector.netflow.template;

/**
 * What a record carries besides the {@link io.lastmile.collector.flow.FlowRecord}'s own fields:
 * raw times, alternative counters, sampling. One per exporter, reset before each record.
 */
final class RecordScratch {
    long startUptime = -1;
    long endUptime = -1;
    long startSeconds = -1;
    long endSeconds = -1;
    long startMillis = -1;
    long endMillis = -1;
    long startNtp = -1;
    long endNtp = -1;
    long systemInitMillis = -1;
    long outBytes = -1;
    long outPackets = -1;
    long totalBytes = -1;
    long totalPackets = -1;
    long samplerId = -1;
    long samplingInterval = -1;
    long samplerRandomInterval = -1;
    long packetInterval = -1;
    long packetSpace = -1;
    boolean bytesSeen;
    boolean packetsSeen;
    final byte[] bgpNextHop = new byte[16];
    int bgpNextHopVersion;

    void reset() {
        startUptime = -1;
        endUptime = -1;
        startSeconds = -1;
        endSeconds = -1;
        startMillis = -1;
        endMillis = -1;
        startNtp = -1;
        endNtp = -1;
        systemInitMillis = -1;
        outBytes = -1;
        outPackets = -1;
        totalBytes = -1;
        totalPackets = -1;
        samplerId = -1;
        samplingInterval = -1;
        samplerRandomInterval = -1;
        packetInterval = -1;
        packetSpace = -1;
        bytesSeen = false;
        packetsSeen = false;
        bgpNextHopVersion = 0;
    }

    /** The sampling rate this record itself states (options data or a data record), or -1. */
    long statedSamplingRate() {
        if (samplerRandomInterval > 0) {
            return samplerRandomInterval;
        }
        if (samplingInterval > 0) {
            return samplingInterval;
        }
        if (packetInterval > 0) {
            // RFC 5477: packetInterval packets selected, then packetSpace not selected
            return packetSpace >= 0 ? Math.max(1, (packetInterval + packetSpace) / packetInterval) : packetInterval;
        }
        return -1;
    }
}
