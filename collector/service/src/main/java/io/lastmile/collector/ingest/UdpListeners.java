package io.lastmile.collector.ingest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The UDP sockets: NetFlow (v5 and v9), IPFIX and sFlow, on native epoll where it loads (NIO
 * otherwise). The event loop only hands datagrams to the {@link WorkerPool}. Started before the
 * web server takes requests and stopped first, then the workers decode what is queued.
 */
public final class UdpListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UdpListeners.class);

    private final IngestProperties properties;
    private final WorkerPool pool;
    private final KernelDrops kernel;
    private final List<BoundListener> bound = new ArrayList<>();
    private EventLoopGroup group;
    private volatile boolean running;

    UdpListeners(IngestProperties properties, WorkerPool pool, KernelDrops kernel) {
        this.properties = properties;
        this.pool = pool;
        this.kernel = kernel;
    }

    static boolean nativeEpoll() {
        return Epoll.isAvailable();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        pool.start();
        if (properties.enabled()) {
            boolean epoll = nativeEpoll();
            group = new MultiThreadIoEventLoopGroup(
                    properties.ioThreads(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            DatagramHandler handler = new DatagramHandler(pool);
            try {
                for (IngestProperties.Listen l : properties.listens()) {
                    if (l.enabled()) {
                        bound.add(bind(l, epoll, handler));
                    }
                }
            } catch (RuntimeException | InterruptedException e) {
                stopQuietly();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("could not bind the flow listeners: " + e.getMessage(), e);
            }
        }
        running = true;
    }

    private BoundListener bind(IngestProperties.Listen l, boolean epoll, DatagramHandler handler)
            throws InterruptedException {
        int sockets = epoll ? properties.ioThreads() : 1;
        int requested =
                (int) Math.min(Integer.MAX_VALUE, properties.receiveBuffer().toBytes());
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, requested)
                // pooled: the default adaptive allocator was seen zeroing fresh native memory on reads
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(properties.maxDatagram()))
                .handler(handler);
        if (sockets > 1) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        List<Channel> channels = new ArrayList<>();
        int port = l.port();
        for (int i = 0; i < sockets; i++) {
            Channel ch = b.bind(new InetSocketAddress(l.address(), port)).sync().channel();
            channels.add(ch);
            port = ((InetSocketAddress) ch.localAddress()).getPort();
        }
        List<KernelDrops.Socket> ids = new ArrayList<>();
        for (Channel ch : channels) {
            long inode = ch instanceof EpollDatagramChannel e ? KernelDrops.inodeOf(e.fd().intValue()) : 0;
            ids.add(new KernelDrops.Socket(inode, port));
        }
        int granted = ((DatagramChannel) channels.getFirst()).config().getReceiveBufferSize();
        BoundListener listener = new BoundListener(
                l.name(), l.address(), port, epoll ? "epoll" : "nio", channels, ids, requested, granted);
        log.info(
                "{} listening on {}:{} ({}, {} socket(s), SO_RCVBUF granted {} of {} bytes asked)",
                l.name(),
                l.address(),
                port,
                listener.transport(),
                channels.size(),
                granted,
                requested);
        if (granted < requested) {
            log.warn(
                    "{}: the kernel granted a receive buffer of {} bytes, less than the {} asked: bursts will be"
                            + " lost in the kernel; raise it with sysctl -w net.core.rmem_max={}",
                    l.name(),
                    granted,
                    requested,
                    requested);
        }
        return listener;
    }

    /** The bound sockets and what the kernel says of them. */
    public synchronized List<ListenerStatus> status() {
        return bound.stream()
                .map(l -> new ListenerStatus(
                        l.name(),
                        l.address(),
                        l.port(),
                        l.transport(),
                        l.channels().size(),
                        l.requested(),
                        l.granted(),
                        kernel.drops(l.sockets())))
                .toList();
    }

    /** The port a listener is bound to (useful with port 0), or -1 when it is not bound. */
    public synchronized int port(String name) {
        return bound.stream()
                .filter(l -> l.name().equals(name))
                .mapToInt(BoundListener::port)
                .findFirst()
                .orElse(-1);
    }

    /** The sockets of a listener (tests reach its event loop through them). */
    synchronized List<Channel> channels(String name) {
        return bound.stream()
                .filter(l -> l.name().equals(name))
                .flatMap(l -> l.channels().stream())
                .toList();
    }

    @Override
    public synchronized void stop() {
        stopQuietly();
        running = false;
    }

    private void stopQuietly() {
        for (BoundListener l : bound) {
            l.channels().forEach(ch -> ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS));
        }
        bound.clear();
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
        try {
            pool.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1024;
    }

    private record BoundListener(
            String name,
            String address,
            int port,
            String transport,
            List<Channel> channels,
            List<KernelDrops.Socket> sockets,
            int requested,
            int granted) {}

    /**
     * One listener as the API shows it.
     *
     * @param grantedReceiveBuffer SO_RCVBUF as the kernel reports it (Linux reports twice what it
     *     grants for data, counting its bookkeeping)
     * @param kernelDrops datagrams the kernel dropped on its sockets (buffer full); -1 when unknown
     */
    public record ListenerStatus(
            String name,
            String address,
            int port,
            String transport,
            int sockets,
            int requestedReceiveBuffer,
            int grantedReceiveBuffer,
            long kernelDrops) {}
}
