package io.lastmile.collector.ingest;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** On the event loop: hands each datagram to the worker pool and nothing else. */
@ChannelHandler.Sharable
final class DatagramHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DatagramHandler.class);

    private final WorkerPool pool;
    private final AtomicLong errors = new AtomicLong();

    DatagramHandler(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            // the pool owns the content from here: it is released by the worker or on a full queue
            pool.submit(packet.sender().getAddress(), packet.content());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        long n = errors.incrementAndGet();
        if (n <= 10 || n % 1000 == 0) {
            log.warn("receiving on {} failed (error {}): {}", ctx.channel().localAddress(), n, cause.toString());
        }
    }
}
