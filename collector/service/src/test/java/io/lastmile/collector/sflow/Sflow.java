package io.lastmile.collector.sflow;

/**
 * sFlow v5 structures for tests, field by field from sflow_version_5.txt. Lengths and counts are
 * computed; tests that need wrong ones write the bytes themselves.
 */
final class Sflow {

    private Sflow() {}

    /** Datagram with an IPv4 agent: version 5, address type 1, sub-agent, sequence, uptime, samples. */
    static Wire datagram(String agent, Wire... samples) {
        Wire w = Wire.of().u32(5).u32(agent.contains(":") ? 2 : 1).ip(agent);
        w.u32(0).u32(42).u32(123_456).u32(samples.length);
        for (Wire s : samples) {
            w.bytes(s);
        }
        return w;
    }

    /** Flow sample (0:1), compact source id and interfaces. */
    static Wire flowSample(long sourceId, long rate, long input, long output, Wire... records) {
        Wire body = Wire.of()
                .u32(1)
                .u32(sourceId)
                .u32(rate)
                .u32(1000)
                .u32(0)
                .u32(input)
                .u32(output);
        return Wire.of().item(1, withRecords(body, records));
    }

    /** Expanded flow sample (0:3). */
    static Wire expandedFlowSample(
            long sourceType,
            long sourceIndex,
            long rate,
            long inFormat,
            long inValue,
            long outFormat,
            long outValue,
            Wire... records) {
        Wire body = Wire.of()
                .u32(1)
                .u32(sourceType)
                .u32(sourceIndex)
                .u32(rate)
                .u32(1000)
                .u32(0);
        body.u32(inFormat).u32(inValue).u32(outFormat).u32(outValue);
        return Wire.of().item(3, withRecords(body, records));
    }

    /** Counter sample (0:2). */
    static Wire counterSample(long sourceId, Wire... records) {
        return Wire.of().item(2, withRecords(Wire.of().u32(7).u32(sourceId), records));
    }

    /** Expanded counter sample (0:4). */
    static Wire expandedCounterSample(long sourceType, long sourceIndex, Wire... records) {
        return Wire.of().item(4, withRecords(Wire.of().u32(7).u32(sourceType).u32(sourceIndex), records));
    }

    /** Raw packet header record (0:1): protocol, frame length, stripped, header<>. */
    static Wire rawHeader(int protocol, long frameLength, byte[] header) {
        return Wire.of().item(1, Wire.of().u32(protocol).u32(frameLength).u32(4).opaque(header));
    }

    /** Extended switch (0:1001). */
    static Wire extendedSwitch(int srcVlan, int dstVlan) {
        return Wire.of().item(1001, Wire.of().u32(srcVlan).u32(0).u32(dstVlan).u32(0));
    }

    /** Extended router (0:1002): next hop, source and destination mask lengths. */
    static Wire extendedRouter(String nextHop, int srcMask, int dstMask) {
        return Wire.of().item(1002, address(nextHop).u32(srcMask).u32(dstMask));
    }

    /** Extended gateway (0:1003); each path segment is {type, as...}. */
    static Wire extendedGateway(String nextHop, long as, long srcAs, long srcPeerAs, long[]... segments) {
        Wire body = address(nextHop).u32(as).u32(srcAs).u32(srcPeerAs).u32(segments.length);
        for (long[] segment : segments) {
            body.u32(segment[0]).u32(segment.length - 1);
            for (int i = 1; i < segment.length; i++) {
                body.u32(segment[i]);
            }
        }
        return Wire.of().item(1003, body.u32(1).u32(0xFDE80064L).u32(100));
    }

    /** Generic interface counters (counter record 0:1, 88 bytes); every counter is base + its place. */
    static Wire genericInterfaceCounters(long ifIndex, long base) {
        Wire b = Wire.of().u32(ifIndex).u32(6).u64(10_000_000_000L).u32(1).u32(3);
        b.u64(base + 1)
                .u32(base + 2)
                .u32(base + 3)
                .u32(base + 4)
                .u32(base + 5)
                .u32(base + 6)
                .u32(base + 7);
        b.u64(base + 8)
                .u32(base + 9)
                .u32(base + 10)
                .u32(base + 11)
                .u32(base + 12)
                .u32(base + 13);
        return Wire.of().item(1, b.u32(1));
    }

    /** Ethernet interface counters (counter record 0:2, 13 counters), which the decoder skips. */
    static Wire ethernetCounters() {
        Wire b = Wire.of();
        for (int i = 0; i < 13; i++) {
            b.u32(i);
        }
        return Wire.of().item(2, b);
    }

    static Wire address(String literal) {
        byte[] a = Wire.address(literal);
        return Wire.of().u32(a.length == 4 ? 1 : 2).bytes(a);
    }

    private static Wire withRecords(Wire body, Wire... records) {
        body.u32(records.length);
        for (Wire r : records) {
            body.bytes(r);
        }
        return body;
    }
}
