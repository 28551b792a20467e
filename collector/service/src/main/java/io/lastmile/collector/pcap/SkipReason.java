package io.lastmile.collector.pcap;

/** Why a frame of a capture did not yield a UDP datagram. */
public enum SkipReason {
    /** Not IPv4 or IPv6 (ARP, LLDP ...). */
    NOT_IP,
    /** IP, but not UDP (TCP, ICMP ...). */
    NOT_UDP,
    /** An IP fragment: the datagram is not whole in this frame. */
    FRAGMENT,
    /** The frame was cut by the capture's snap length, or its UDP length is impossible. */
    TRUNCATED,
    /** pkts.io could not parse the frame's headers. */
    UNPARSABLE
}
