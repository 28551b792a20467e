package io.lastmile.collector.decode;

/** Why a UDP datagram of a capture was not given to a decoder. */
public enum DatagramSkip {
    /** Its destination port is none of the flow ports (without --sniff). */
    OTHER_PORT,
    /** Its first bytes are not NetFlow v5, v9, IPFIX or sFlow v5 (with --sniff). */
    NOT_FLOW_EXPORT,
    /** Its first bytes say a protocol that its port does not carry (v5 on the IPFIX port ...). */
    WRONG_PORT_FOR_VERSION,
    /** This build has no decoder for its protocol. */
    NO_DECODER
}
