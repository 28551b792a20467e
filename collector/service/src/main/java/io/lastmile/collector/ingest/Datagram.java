package io.lastmile.collector.ingest;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;

/**
 * One received datagram on its way to a worker. Whoever holds it owns {@code content} and releases
 * it exactly once: the worker after decoding, or the receiving thread when the queue is full.
 */
record Datagram(InetAddress sender, ByteBuf content, long receivedMillis) {}
