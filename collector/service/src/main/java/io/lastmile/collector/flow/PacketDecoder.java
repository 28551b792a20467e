package io.lastmile.collector.flow;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Decodes one UDP payload of a flow export protocol. Implementations are pure Java, keep their own
 * state (templates) keyed by exporter, and report bad input through {@link
 * DecodeListener#dropped}: they never throw on what the network sends. One instance may be called
 * from several worker threads, but never for the same exporter at once (workers are chosen by
 * exporter), so per-exporter state needs no locks beyond a concurrent map.
 */
public interface PacketDecoder {

    /**
     * @param exporter the packet's source address (templates are scoped by it)
     * @param packet the UDP payload, from its position to its limit; the decoder may move the
     *     position
     * @param receivedMillis when the packet arrived (epoch ms), for template expiry and held data
     */
    void decode(InetAddress exporter, ByteBuffer packet, long receivedMillis, DecodeListener out);

    /** Called now and then by the worker, to expire templates and data held for them. */
    default void tick(long nowMillis, DecodeListener out) {}
}
