package io.lastmile.collector.netflow.template;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;

/**
 * Turns what a record carried into the flow's final fields: counters from whichever form came,
 * epoch times from whichever clock, the next hop, the sampling rate.
 */
final class RecordFinisher {
    /** Seconds from the NTP era (1900) to the Unix epoch. */
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private RecordFinisher() {}

    static void finish(ExporterState s, FlowRecord f, RecordScratch sc) {
        f.observationDomain = s.domain;
        if (!sc.bytesSeen) {
            f.bytes = sc.totalBytes >= 0 ? sc.totalBytes : Math.max(0, sc.outBytes);
        }
        if (!sc.packetsSeen) {
            f.packets = sc.totalPackets >= 0 ? sc.totalPackets : Math.max(0, sc.outPackets);
        }
        if (f.nextHopVersion == 0 && sc.bgpNextHopVersion != 0) {
            System.arraycopy(sc.bgpNextHop, 0, f.nextHop, 0, 16);
            f.nextHopVersion = sc.bgpNextHopVersion;
        }
        f.startMillis = time(s, sc, sc.startMillis, sc.startNtp, sc.startSeconds, sc.startUptime);
        f.endMillis = time(s, sc, sc.endMillis, sc.endNtp, sc.endSeconds, sc.endUptime);
        f.samplingRate = rate(s, sc);
    }

    private static long time(ExporterState s, RecordScratch sc, long millis, long ntp, long seconds, long uptime) {
        if (millis >= 0) {
            return millis;
        }
        if (ntp != -1) {
            return ntpToMillis(ntp);
        }
        if (seconds >= 0) {
            return seconds * 1000;
        }
        if (uptime < 0) {
            return 0;
        }
        if (s.flow.protocolVersion == FlowProtocol.NETFLOW_V9) {
            // RFC 3954: sysUptime in ms at the first/last packet; the header pairs sysUptime with unix secs
            return s.uptimeMillis < 0 ? 0 : s.exportSeconds * 1000 - (int) (s.uptimeMillis - uptime);
        }
        long init = sc.systemInitMillis >= 0 ? sc.systemInitMillis : orMinusOne(s.systemInit.get(s.domain));
        return init < 0 ? 0 : init + uptime;
    }

    /** RFC 7011 6.1.9/6.1.10: 32 bits of seconds since 1900, 32 bits of fraction. */
    static long ntpToMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFFFFFFL;
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000 + ((fraction * 1000) >>> 32);
    }

    private static long rate(ExporterState s, RecordScratch sc) {
        long stated = sc.statedSamplingRate();
        if (stated > 0) {
            return stated;
        }
        if (sc.samplerId >= 0) {
            Long byId = s.samplerRates.get(samplerKey(s.domain, sc.samplerId));
            if (byId != null) {
                return byId;
            }
        }
        Long byDomain = s.domainRates.get(s.domain);
        return byDomain != null ? byDomain : s.configuredRate;
    }

    static long samplerKey(long domain, long samplerId) {
        return (domain * 0x9E3779B97F4A7C15L) ^ samplerId;
    }

    private static long orMinusOne(Long v) {
        return v == null ? -1 : v;
    }
}
