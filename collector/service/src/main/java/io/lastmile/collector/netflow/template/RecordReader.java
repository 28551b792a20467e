package io.lastmile.collector.netflow.template;

import io.lastmile.collector.flow.FlowRecord;
import java.nio.ByteBuffer;

/**
 * Decodes one data record by a compiled {@link Template}: the hot loop. Absolute reads only, a
 * bounds check per field, no allocation.
 */
final class RecordReader {

    private RecordReader() {}

    /**
     * Reads the record at {@code pos} into {@code f} and {@code s} (both already reset).
     *
     * @return the position after the record, or -1 when the record runs past {@code end}
     */
    static int read(ByteBuffer b, int pos, int end, Template t, FlowRecord f, RecordScratch s) {
        int[] targets = t.targets;
        int[] lengths = t.lengths;
        for (int i = 0; i < targets.length; i++) {
            int len = lengths[i];
            if (len == Template.VARIABLE) {
                if (pos >= end) {
                    return -1;
                }
                len = b.get(pos++) & 0xFF;
                if (len == 255) {
                    if (pos + 2 > end) {
                        return -1;
                    }
                    len = b.getShort(pos) & 0xFFFF;
                    pos += 2;
                }
            }
            if (len > end - pos) {
                return -1;
            }
            int target = targets[i];
            if (target != FieldTarget.SKIP) {
                store(b, pos, len, target, f, s);
            }
            pos += len;
        }
        return pos;
    }

    private static void store(ByteBuffer b, int pos, int len, int target, FlowRecord f, RecordScratch s) {
        switch (target) {
            case FieldTarget.SRC_V4 -> address(b, pos, 4, f.srcAddress, f, 4);
            case FieldTarget.DST_V4 -> address(b, pos, 4, f.dstAddress, f, 4);
            case FieldTarget.SRC_V6 -> address(b, pos, 16, f.srcAddress, f, 6);
            case FieldTarget.DST_V6 -> address(b, pos, 16, f.dstAddress, f, 6);
            case FieldTarget.NEXT_HOP_V4 -> {
                b.get(pos, f.nextHop, 0, 4);
                f.nextHopVersion = 4;
            }
            case FieldTarget.NEXT_HOP_V6 -> {
                b.get(pos, f.nextHop, 0, 16);
                f.nextHopVersion = 6;
            }
            case FieldTarget.BGP_NEXT_HOP_V4 -> {
                b.get(pos, s.bgpNextHop, 0, 4);
                s.bgpNextHopVersion = 4;
            }
            case FieldTarget.BGP_NEXT_HOP_V6 -> {
                b.get(pos, s.bgpNextHop, 0, 16);
                s.bgpNextHopVersion = 6;
            }
            case FieldTarget.START_NTP -> s.startNtp = b.getLong(pos);
            case FieldTarget.END_NTP -> s.endNtp = b.getLong(pos);
            default -> number(target, unsigned(b, pos, len), f, s);
        }
    }

    private static void address(ByteBuffer b, int pos, int len, byte[] into, FlowRecord f, int version) {
        b.get(pos, into, 0, len);
        f.ipVersion = version;
    }

    private static void number(int target, long v, FlowRecord f, RecordScratch s) {
        switch (target) {
            case FieldTarget.BYTES -> {
                f.bytes = v;
                s.bytesSeen = true;
            }
            case FieldTarget.PACKETS -> {
                f.packets = v;
                s.packetsSeen = true;
            }
            case FieldTarget.PROTOCOL -> f.protocol = (int) v;
            case FieldTarget.TOS -> f.tos = (int) v;
            case FieldTarget.TCP_FLAGS -> f.tcpFlags = (int) v;
            case FieldTarget.SRC_PORT -> f.srcPort = (int) v;
            case FieldTarget.DST_PORT -> f.dstPort = (int) v;
            case FieldTarget.SRC_MASK -> f.srcPrefixLength = (int) v;
            case FieldTarget.DST_MASK -> f.dstPrefixLength = (int) v;
            case FieldTarget.INPUT_IF -> f.inputInterface = v;
            case FieldTarget.OUTPUT_IF -> f.outputInterface = v;
            case FieldTarget.SRC_AS -> f.srcAs = v;
            case FieldTarget.DST_AS -> f.dstAs = v;
            case FieldTarget.SRC_VLAN -> f.vlan = (int) v;
            case FieldTarget.DST_VLAN -> {
                if (f.vlan == 0) {
                    f.vlan = (int) v;
                }
            }
            default -> scratch(target, v, s);
        }
    }

    private static void scratch(int target, long v, RecordScratch s) {
        switch (target) {
            case FieldTarget.END_UPTIME -> s.endUptime = v;
            case FieldTarget.START_UPTIME -> s.startUptime = v;
            case FieldTarget.OUT_BYTES -> s.outBytes = v;
            case FieldTarget.OUT_PACKETS -> s.outPackets = v;
            case FieldTarget.TOTAL_BYTES -> s.totalBytes = v;
            case FieldTarget.TOTAL_PACKETS -> s.totalPackets = v;
            case FieldTarget.START_SECONDS -> s.startSeconds = v;
            case FieldTarget.END_SECONDS -> s.endSeconds = v;
            case FieldTarget.START_MILLIS -> s.startMillis = v;
            case FieldTarget.END_MILLIS -> s.endMillis = v;
            case FieldTarget.SYSTEM_INIT_MILLIS -> s.systemInitMillis = v;
            case FieldTarget.SAMPLING_INTERVAL -> s.samplingInterval = v;
            case FieldTarget.SAMPLER_ID -> s.samplerId = v;
            case FieldTarget.SAMPLER_RANDOM_INTERVAL -> s.samplerRandomInterval = v;
            case FieldTarget.PACKET_INTERVAL -> s.packetInterval = v;
            case FieldTarget.PACKET_SPACE -> s.packetSpace = v;
            default -> {}
        }
    }

    /** A big-endian unsigned number of 1 to 8 bytes (reduced-size encoding, RFC 7011 6.2). */
    static long unsigned(ByteBuffer b, int pos, int len) {
        switch (len) {
            case 1:
                return b.get(pos) & 0xFFL;
            case 2:
                return b.getShort(pos) & 0xFFFFL;
            case 4:
                return b.getInt(pos) & 0xFFFFFFFFL;
            case 8:
                return b.getLong(pos);
            default:
                long v = 0;
                for (int i = 0; i < len; i++) {
                    v = (v << 8) | (b.get(pos + i) & 0xFF);
                }
                return v;
        }
    }
}
