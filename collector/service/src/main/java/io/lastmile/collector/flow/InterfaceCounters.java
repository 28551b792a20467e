package io.lastmile.collector.flow;

import java.net.InetAddress;

/** Generic interface counters (sFlow counter record 0:1), as the agent reported them. */
public record InterfaceCounters(
        InetAddress agent,
        long sourceId,
        long ifIndex,
        long ifType,
        long ifSpeed,
        int ifDirection,
        int ifStatus,
        long inOctets,
        long inUnicastPackets,
        long inMulticastPackets,
        long inBroadcastPackets,
        long inDiscards,
        long inErrors,
        long inUnknownProtocols,
        long outOctets,
        long outUnicastPackets,
        long outMulticastPackets,
        long outBroadcastPackets,
        long outDiscards,
        long outErrors,
        long promiscuousMode) {}
