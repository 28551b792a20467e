package io.lastmile.collector.flow;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Tells the export protocol from a datagram's first bytes, so one port may take several (routers
 * send v5 and v9 to the same 2055). NetFlow and IPFIX start with a 16-bit version (5, 9, 10); sFlow
 * with a 32-bit version 5, whose first 16 bits are therefore 0.
 */
public final class ProtocolSniffer {

    private ProtocolSniffer() {}

    public static Optional<FlowProtocol> sniff(ByteBuffer packet) {
        int p = packet.position();
        if (packet.remaining() < 4) {
            return Optional.empty();
        }
        int first = Short.toUnsignedInt(packet.getShort(p));
        return switch (first) {
            case 5 -> Optional.of(FlowProtocol.NETFLOW_V5);
            case 9 -> Optional.of(FlowProtocol.NETFLOW_V9);
            case 10 -> Optional.of(FlowProtocol.IPFIX);
            case 0 -> packet.getInt(p) == 5 ? Optional.of(FlowProtocol.SFLOW_V5) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
