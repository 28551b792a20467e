package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * The flow records of a flow sample, by data format (enterprise 0): raw packet header (1), IPv4
 * and IPv6 data (3, 4), extended switch, router and gateway (1001, 1002, 1003). Ethernet frame data
 * (2) adds nothing to the header and is skipped; any other record is skipped by its length and
 * counted {@link DropReason#UNKNOWN_RECORD}. A record shorter than its structure drops the sample.
 */
final class FlowRecords {

    static final int RAW_HEADER = 1;
    static final int ETHERNET_FRAME = 2;
    static final int IPV4_DATA = 3;
    static final int IPV6_DATA = 4;
    static final int EXTENDED_SWITCH = 1001;
    static final int EXTENDED_ROUTER = 1002;
    static final int EXTENDED_GATEWAY = 1003;

    private FlowRecords() {}

    static DropReason decode(int format, ByteBuffer b, int p, int end, SflowState s, DecodeListener out) {
        if (format >>> 12 != 0) {
            out.dropped(DropReason.UNKNOWN_RECORD);
            return null;
        }
        switch (format) {
            case RAW_HEADER:
                return RawPacketHeader.decode(b, p, end, s);
            case ETHERNET_FRAME:
                return null;
            case IPV4_DATA:
                return IpData.decodeV4(b, p, end, s);
            case IPV6_DATA:
                return IpData.decodeV6(b, p, end, s);
            case EXTENDED_SWITCH:
                return ExtendedSwitch.decode(b, p, end, s);
            case EXTENDED_ROUTER:
                return ExtendedRouter.decode(b, p, end, s);
            case EXTENDED_GATEWAY:
                return ExtendedGateway.decode(b, p, end, s);
            default:
                out.dropped(DropReason.UNKNOWN_RECORD);
                return null;
        }
    }
}
