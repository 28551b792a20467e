import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * bench/collector's flow generator (JDK only, run as a source file): sends NetFlow v5, NetFlow v9,
 * IPFIX or sFlow v5 datagrams over UDP at a chosen rate of flows per second, paced in small bursts
 * (the sender sleeps whenever it is more than {@code --burst-us} ahead of the schedule; rate 0
 * sends as fast as it can). Packets are built from the specifications: Cisco's NetFlow v5 export
 * format, RFC 3954 (v9), RFC 7011/7012 (IPFIX) and sFlow version 5 (flow samples with a raw
 * Ethernet/IPv4/TCP header, sampling rate 1).
 *
 * <p>Flow {@code i} (0 to flows-1, the same for every run, whatever the protocol) belongs to
 * subscriber {@code 10.0.0.0 + (i mod 65536)}; blocks of 65,536 flows alternate in direction
 * (even blocks towards the subscriber, odd ones from it) and the remote end is one of 4096
 * addresses in 198.18.0.0/20. It carries {@code 1 + i mod 7} packets of {@code 40 + i mod 1461}
 * bytes each (sFlow: one sampled packet of that size). v9 and IPFIX send their template first and
 * again every {@code --template-every} data datagrams.
 *
 * <p>Last line: {@code sent: flows=F datagrams=D packets=P bytes=B seconds=S rate=R}, where P and
 * B are the totals of the flows' own counters (what a collector should add up).
 */
public class FlowLoad {

    static final int SUBSCRIBERS = 65_536;
    static final int SUBSCRIBER_BASE = 0x0A000000; // 10.0.0.0/16
    static final int REMOTE_BASE = 0xC6120000; // 198.18.0.0/20
    static final int REMOTES = 4096;
    static final int TEMPLATE_ID = 260;

    String protocol = "v9";
    String target = "127.0.0.1:2055";
    String bind = "127.0.0.1";
    long flows = 1_000_000;
    long rate = 0;
    long burstMicros = 500;
    int templateEvery = 1000;
    int sourceId = 1;

    long bootMillis = System.currentTimeMillis() - 3_600_000L; // the exporter "booted" an hour ago
    long sequence;
    long sentPackets;
    long sentBytes;

    public static void main(String[] args) throws IOException {
        FlowLoad load = new FlowLoad();
        load.parse(args);
        load.run();
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : usage("missing value for " + args[i]);
            switch (args[i]) {
                case "--protocol" -> protocol = value;
                case "--target" -> target = value;
                case "--bind" -> bind = value;
                case "--flows" -> flows = Long.parseLong(value);
                case "--rate" -> rate = Long.parseLong(value);
                case "--burst-us" -> burstMicros = Long.parseLong(value);
                case "--template-every" -> templateEvery = Integer.parseInt(value);
                case "--source-id" -> sourceId = Integer.parseInt(value);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (!protocol.matches("v5|v9|ipfix|sflow")) {
            usage("--protocol is one of v5, v9, ipfix, sflow");
        }
    }

    static String usage(String problem) {
        System.err.println("FlowLoad: " + problem + "\nusage: java FlowLoad.java --protocol v5|v9|ipfix|sflow"
                + " --target HOST:PORT [--bind ADDR] [--flows N] [--rate FLOWS_PER_S (0: no pacing)]"
                + " [--burst-us US] [--template-every DATAGRAMS] [--source-id N]");
        System.exit(2);
        return null;
    }

    void run() throws IOException {
        int colon = target.lastIndexOf(':');
        InetSocketAddress to = new InetSocketAddress(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)));
        Encoder encoder = switch (protocol) {
            case "v5" -> new V5();
            case "v9" -> new V9();
            case "ipfix" -> new Ipfix();
            default -> new Sflow();
        };
        ByteBuffer buf = ByteBuffer.allocateDirect(65_535);
        long datagrams = 0;
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(bind, 0));
            long start = System.nanoTime();
            long next = 0;
            int dataSinceTemplate = templateEvery;
            while (next < flows) {
                if (encoder.hasTemplate() && dataSinceTemplate >= templateEvery) {
                    buf.clear();
                    encoder.template(buf);
                    buf.flip();
                    send(channel, buf, to);
                    datagrams++;
                    dataSinceTemplate = 0;
                }
                int n = (int) Math.min(encoder.perDatagram(), flows - next);
                pace(start, next);
                buf.clear();
                encoder.data(buf, next, n);
                buf.flip();
                send(channel, buf, to);
                datagrams++;
                dataSinceTemplate++;
                next += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("sent: flows=%d datagrams=%d packets=%d bytes=%d seconds=%.3f rate=%.0f%n",
                    flows, datagrams, sentPackets, sentBytes, seconds, flows / seconds);
        }
    }

    static void send(DatagramChannel channel, ByteBuffer buf, InetSocketAddress to) throws IOException {
        // not connected, so a port nobody listens on does not fail the run; ENOBUFS is retried
        while (true) {
            try {
                channel.send(buf, to);
                return;
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("No buffer space")) {
                    throw e;
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    void pace(long start, long flowsSent) {
        if (rate <= 0) {
            return;
        }
        long due = start + flowsSent * 1_000_000_000L / rate;
        long ahead = due - System.nanoTime();
        if (ahead > burstMicros * 1000) {
            LockSupport.parkNanos(ahead);
        }
    }

    // ---- the flows ----

    static int subscriber(long i) {
        return SUBSCRIBER_BASE + (int) (i % SUBSCRIBERS);
    }

    static int remote(long i) {
        return REMOTE_BASE + (int) ((i * 7919) % REMOTES);
    }

    static boolean inbound(long i) {
        return ((i / SUBSCRIBERS) & 1) == 0;
    }

    static int src(long i) {
        return inbound(i) ? remote(i) : subscriber(i);
    }

    static int dst(long i) {
        return inbound(i) ? subscriber(i) : remote(i);
    }

    static int packets(long i) {
        return 1 + (int) (i % 7);
    }

    static int packetSize(long i) {
        return 40 + (int) (i % 1461);
    }

    static int srcPort(long i) {
        return inbound(i) ? 443 : 1024 + (int) (i % 60_000);
    }

    static int dstPort(long i) {
        return inbound(i) ? 1024 + (int) (i % 60_000) : 443;
    }

    void count(long i) {
        sentPackets += packets(i);
        sentBytes += (long) packets(i) * packetSize(i);
    }

    long uptime() {
        return System.currentTimeMillis() - bootMillis;
    }

    static void pad4(ByteBuffer b) {
        while ((b.position() & 3) != 0) {
            b.put((byte) 0);
        }
    }

    interface Encoder {
        int perDatagram();

        default boolean hasTemplate() {
            return false;
        }

        default void template(ByteBuffer b) {}

        void data(ByteBuffer b, long first, int n);
    }

    /** Cisco NetFlow v5: 24-byte header, 48-byte records, at most 30 per datagram. */
    final class V5 implements Encoder {
        public int perDatagram() {
            return 30;
        }

        public void data(ByteBuffer b, long first, int n) {
            long now = System.currentTimeMillis();
            int up = (int) uptime();
            b.putShort((short) 5).putShort((short) n).putInt(up)
                    .putInt((int) (now / 1000)).putInt((int) (now % 1000) * 1_000_000)
                    .putInt((int) sequence).put((byte) 0).put((byte) sourceId).putShort((short) 0);
            for (long i = first; i < first + n; i++) {
                b.putInt(src(i)).putInt(dst(i)).putInt(0xC0000201) // next hop 192.0.2.1
                        .putShort((short) (inbound(i) ? 1 : 2)).putShort((short) (inbound(i) ? 2 : 1))
                        .putInt(packets(i)).putInt(packets(i) * packetSize(i))
                        .putInt(up - 2000).putInt(up - 100)
                        .putShort((short) srcPort(i)).putShort((short) dstPort(i))
                        .put((byte) 0).put((byte) 0x18).put((byte) 6).put((byte) 0)
                        .putShort((short) 0).putShort((short) 0)
                        .put((byte) (inbound(i) ? 20 : 32)).put((byte) (inbound(i) ? 32 : 20))
                        .putShort((short) 0);
                count(i);
            }
            sequence += n; // v5: flows seen before this datagram
        }
    }

    /** One template set of one template (v9 and IPFIX lay it out alike; only the set id differs). */
    static void templateSet(ByteBuffer b, int setId, int[][] fields) {
        b.putShort((short) setId).putShort((short) (4 + 4 + 4 * fields.length));
        b.putShort((short) TEMPLATE_ID).putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
    }

    /** The v9 template fields (type, length): a 45-byte record as routers commonly send. */
    static final int[][] V9_FIELDS = {
        {8, 4}, {12, 4}, {15, 4}, {10, 2}, {14, 2}, {2, 4}, {1, 4}, {22, 4}, {21, 4},
        {7, 2}, {11, 2}, {6, 1}, {4, 1}, {5, 1}, {16, 2}, {17, 2}, {9, 1}, {13, 1}
    };

    /** RFC 3954: 20-byte header, FlowSet 0 (templates), data FlowSet 260. */
    final class V9 implements Encoder {
        public int perDatagram() {
            return 30; // 20 + 4 + 30 * 45 = 1374 bytes
        }

        public boolean hasTemplate() {
            return true;
        }

        void header(ByteBuffer b, int count) {
            b.putShort((short) 9).putShort((short) count).putInt((int) uptime())
                    .putInt((int) (System.currentTimeMillis() / 1000)).putInt((int) sequence++).putInt(sourceId);
        }

        public void template(ByteBuffer b) {
            header(b, 1);
            templateSet(b, 0, V9_FIELDS);
        }

        public void data(ByteBuffer b, long first, int n) {
            header(b, n);
            int setStart = b.position();
            b.putShort((short) TEMPLATE_ID).putShort((short) 0);
            int up = (int) uptime();
            for (long i = first; i < first + n; i++) {
                b.putInt(src(i)).putInt(dst(i)).putInt(0xC0000201)
                        .putShort((short) (inbound(i) ? 1 : 2)).putShort((short) (inbound(i) ? 2 : 1))
                        .putInt(packets(i)).putInt(packets(i) * packetSize(i))
                        .putInt(up - 2000).putInt(up - 100)
                        .putShort((short) srcPort(i)).putShort((short) dstPort(i))
                        .put((byte) 0x18).put((byte) 6).put((byte) 0)
                        .putShort((short) 0).putShort((short) 0)
                        .put((byte) (inbound(i) ? 20 : 32)).put((byte) (inbound(i) ? 32 : 20));
                count(i);
            }
            pad4(b);
            b.putShort(setStart + 2, (short) (b.position() - setStart));
        }
    }

    /** The IPFIX template (IE, length): v9's record with millisecond times (152, 153). */
    static final int[][] IPFIX_FIELDS = {
        {8, 4}, {12, 4}, {15, 4}, {10, 4}, {14, 4}, {2, 4}, {1, 4}, {152, 8}, {153, 8},
        {7, 2}, {11, 2}, {6, 1}, {4, 1}, {5, 1}, {16, 4}, {17, 4}, {9, 1}, {13, 1}
    };

    /** RFC 7011: 16-byte message header, set 2 (templates), data set 260; sequence counts data records. */
    final class Ipfix implements Encoder {
        public int perDatagram() {
            return 22; // 16 + 4 + 22 * 61 = 1362 bytes
        }

        public boolean hasTemplate() {
            return true;
        }

        int header(ByteBuffer b) {
            int start = b.position();
            b.putShort((short) 10).putShort((short) 0).putInt((int) (System.currentTimeMillis() / 1000))
                    .putInt((int) sequence).putInt(sourceId);
            return start;
        }

        public void template(ByteBuffer b) {
            int start = header(b);
            templateSet(b, 2, IPFIX_FIELDS);
            b.putShort(start + 2, (short) (b.position() - start));
        }

        public void data(ByteBuffer b, long first, int n) {
            int start = header(b);
            int setStart = b.position();
            b.putShort((short) TEMPLATE_ID).putShort((short) 0);
            long now = System.currentTimeMillis();
            for (long i = first; i < first + n; i++) {
                b.putInt(src(i)).putInt(dst(i)).putInt(0xC0000201)
                        .putInt(inbound(i) ? 1 : 2).putInt(inbound(i) ? 2 : 1)
                        .putInt(packets(i)).putInt(packets(i) * packetSize(i))
                        .putLong(now - 2000).putLong(now - 100)
                        .putShort((short) srcPort(i)).putShort((short) dstPort(i))
                        .put((byte) 0x18).put((byte) 6).put((byte) 0)
                        .putInt(0).putInt(0)
                        .put((byte) (inbound(i) ? 20 : 32)).put((byte) (inbound(i) ? 32 : 20));
                count(i);
            }
            b.putShort(setStart + 2, (short) (b.position() - setStart));
            b.putShort(start + 2, (short) (b.position() - start));
            sequence += n;
        }
    }

    /**
     * sFlow v5: datagram header (agent IPv4 = 192.0.2.1), flow samples (enterprise 0, format 1)
     * each with one raw packet header record (0:1) of Ethernet + IPv4 + TCP, 54 bytes.
     */
    final class Sflow implements Encoder {
        public int perDatagram() {
            return 10; // 28 + 10 * 120 = 1228 bytes
        }

        public void data(ByteBuffer b, long first, int n) {
            b.putInt(5).putInt(1).putInt(0xC0000201).putInt(sourceId).putInt((int) sequence++)
                    .putInt((int) uptime()).putInt(n);
            for (long i = first; i < first + n; i++) {
                sample(b, i);
            }
        }

        void sample(ByteBuffer b, long i) {
            int in = inbound(i) ? 1 : 2;
            b.putInt(1).putInt(112); // flow sample, its length after this word
            b.putInt((int) i).putInt(in).putInt(1).putInt((int) i).putInt(0)
                    .putInt(in).putInt(3 - in).putInt(1);
            b.putInt(1).putInt(72); // raw packet header record and its length
            b.putInt(1).putInt(packetSize(i)).putInt(4).putInt(54);
            // Ethernet
            b.putInt(0x02000000).putShort((short) 1).putInt(0x02000000).putShort((short) 2).putShort((short) 0x0800);
            // IPv4, 20 bytes, protocol TCP; total length = the sampled packet's size minus FCS
            int total = Math.max(40, packetSize(i));
            b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src(i)).putInt(dst(i));
            // TCP, 20 bytes
            b.putShort((short) srcPort(i)).putShort((short) dstPort(i)).putInt(0).putInt(0)
                    .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
            b.putShort((short) 0); // pad 54 to 56
            sentPackets += 1;
            sentBytes += packetSize(i);
        }
    }
}
