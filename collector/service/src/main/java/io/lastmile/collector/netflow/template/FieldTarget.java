package io.lastmile.collector.netflow.template;

/**
 * Where a template field goes: small int codes that a compiled template holds per field, so that
 * decoding a record is a switch over ints. Field type numbers are NetFlow v9's (RFC 3954 section 8),
 * which IPFIX's information elements (RFC 7012, IANA registry) keep for the same meaning.
 */
public final class FieldTarget {
    public static final int SKIP = 0;
    public static final int BYTES = 1;
    public static final int PACKETS = 2;
    public static final int PROTOCOL = 3;
    public static final int TOS = 4;
    public static final int TCP_FLAGS = 5;
    public static final int SRC_PORT = 6;
    public static final int SRC_V4 = 7;
    public static final int SRC_MASK = 8;
    public static final int INPUT_IF = 9;
    public static final int DST_PORT = 10;
    public static final int DST_V4 = 11;
    public static final int DST_MASK = 12;
    public static final int OUTPUT_IF = 13;
    public static final int NEXT_HOP_V4 = 14;
    public static final int SRC_AS = 15;
    public static final int DST_AS = 16;
    public static final int BGP_NEXT_HOP_V4 = 17;
    public static final int END_UPTIME = 18;
    public static final int START_UPTIME = 19;
    public static final int OUT_BYTES = 20;
    public static final int OUT_PACKETS = 21;
    public static final int SRC_V6 = 22;
    public static final int DST_V6 = 23;
    public static final int SAMPLING_INTERVAL = 24;
    public static final int SAMPLER_ID = 25;
    public static final int SAMPLER_RANDOM_INTERVAL = 26;
    public static final int SRC_VLAN = 27;
    public static final int DST_VLAN = 28;
    public static final int NEXT_HOP_V6 = 29;
    public static final int BGP_NEXT_HOP_V6 = 30;
    public static final int TOTAL_BYTES = 31;
    public static final int TOTAL_PACKETS = 32;
    public static final int START_SECONDS = 33;
    public static final int END_SECONDS = 34;
    public static final int START_MILLIS = 35;
    public static final int END_MILLIS = 36;
    public static final int START_NTP = 37;
    public static final int END_NTP = 38;
    public static final int SYSTEM_INIT_MILLIS = 39;
    public static final int PACKET_INTERVAL = 40;
    public static final int PACKET_SPACE = 41;

    private FieldTarget() {}

    /**
     * The target of a field of this type and wire length, SKIP when the type is not kept or the
     * length does not fit it (an address of another size, a counter wider than 8 bytes).
     */
    public static int of(int type, int length) {
        int target = byType(type);
        if (target == SKIP) {
            return SKIP;
        }
        return switch (target) {
            case SRC_V4, DST_V4, NEXT_HOP_V4, BGP_NEXT_HOP_V4 -> length == 4 ? target : SKIP;
            case SRC_V6, DST_V6, NEXT_HOP_V6, BGP_NEXT_HOP_V6 -> length == 16 ? target : SKIP;
            case START_NTP, END_NTP -> length == 8 ? target : SKIP;
            default -> length >= 1 && length <= 8 ? target : SKIP;
        };
    }

    private static int byType(int type) {
        return switch (type) {
            case 1 -> BYTES;
            case 2 -> PACKETS;
            case 4 -> PROTOCOL;
            case 5 -> TOS;
            case 6 -> TCP_FLAGS;
            case 7 -> SRC_PORT;
            case 8 -> SRC_V4;
            case 9, 29 -> SRC_MASK;
            case 10 -> INPUT_IF;
            case 11 -> DST_PORT;
            case 12 -> DST_V4;
            case 13, 30 -> DST_MASK;
            case 14 -> OUTPUT_IF;
            case 15 -> NEXT_HOP_V4;
            case 16 -> SRC_AS;
            case 17 -> DST_AS;
            case 18 -> BGP_NEXT_HOP_V4;
            case 21 -> END_UPTIME;
            case 22 -> START_UPTIME;
            case 23 -> OUT_BYTES;
            case 24 -> OUT_PACKETS;
            case 27 -> SRC_V6;
            case 28 -> DST_V6;
            case 34 -> SAMPLING_INTERVAL;
            case 48, 302 -> SAMPLER_ID;
            case 50 -> SAMPLER_RANDOM_INTERVAL;
            case 58 -> SRC_VLAN;
            case 59 -> DST_VLAN;
            case 62 -> NEXT_HOP_V6;
            case 63 -> BGP_NEXT_HOP_V6;
            case 85 -> TOTAL_BYTES;
            case 86 -> TOTAL_PACKETS;
            case 150 -> START_SECONDS;
            case 151 -> END_SECONDS;
            case 152 -> START_MILLIS;
            case 153 -> END_MILLIS;
            case 154, 156 -> START_NTP;
            case 155, 157 -> END_NTP;
            case 160 -> SYSTEM_INIT_MILLIS;
            case 305 -> PACKET_INTERVAL;
            case 306 -> PACKET_SPACE;
            default -> SKIP;
        };
    }
}
