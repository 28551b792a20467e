package io.lastmile.collector.flow;

/**
 * Why a packet, a set or a record was dropped. Every drop is counted per exporter and reason;
 * decoders never throw on bad input. New reasons may be added; keep the names stable, they are
 * shown in the API and in metrics.
 */
public enum DropReason {
    /** The packet or a structure in it ends before its own length says. */
    TRUNCATED,
    /** The version field is not one this port decodes. */
    UNSUPPORTED_VERSION,
    /** A length field is impossible: zero, smaller than its header, or past the packet's end. */
    BAD_LENGTH,
    /** A count field is absurd for the packet's size. */
    BAD_COUNT,
    /** A template or options template that cannot be used (zero fields, field length 0 ...). */
    BAD_TEMPLATE,
    /** Data for a template that had not come within the hold time. */
    TEMPLATE_NOT_RECEIVED,
    /** Data held for its template was pushed out because the hold buffer was full. */
    HOLD_BUFFER_FULL,
    /** A sample or record type this decoder does not know; skipped by its length. */
    UNKNOWN_RECORD,
    /** The receive queue between the socket and the decoder workers was full. */
    QUEUE_FULL,
    /** The kernel's socket buffer overflowed (read from /proc/net/udp). */
    KERNEL_DROP,
    /**
     * A configured bound was reached (exporters tracked, templates per exporter, sampler entries):
     * the new one was not kept.
     */
    LIMIT_REACHED
}
