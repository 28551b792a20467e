import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.sflow.SflowDecoder;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * sFlow v5 decode only, one thread: datagrams like a switch's (eight compact flow samples, each a
 * 128-byte Ethernet/802.1Q/IPv4/TCP raw header and an extended switch record, plus one counter
 * sample with generic interface counters), decoded again and again after a warm-up. Prints the
 * bytes allocated per record (0 when the hot path allocates nothing) and, last, the rate.
 *
 *   java -cp collector/service/target/classes bench/lib/sflow/SflowDecodeBench.java [seconds]
 * Last line: `sflow records per second per core: N`.
 */
public class SflowDecodeBench {
    private static final int FLOW_SAMPLES = 8;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        byte[] datagram = datagram();
        SflowDecoder decoder = new SflowDecoder();
        InetAddress exporter = InetAddress.getByName("192.0.2.1");
        Counting out = new Counting();
        ByteBuffer b = ByteBuffer.wrap(datagram);
        run(decoder, exporter, b, out, 2.0);
        if (out.dropped != 0 || out.flows == 0) {
            System.err.println("sflow bench: the datagram did not decode (" + out.dropped + " drops)");
            System.exit(1);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long allocated = threads.getThreadAllocatedBytes(tid);
        out.flows = 0;
        // CPU time of this thread, so that a busy shared machine does not lower the figure
        long start = threads.getCurrentThreadCpuTime();
        run(decoder, exporter, b, out, seconds);
        double elapsed = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        allocated = threads.getThreadAllocatedBytes(tid) - allocated;
        long records = out.flows;
        System.out.printf("datagram: %d bytes, %d flow samples (checksum %d)%n", datagram.length, FLOW_SAMPLES, out.sum);
        System.out.printf("decoded %d flow records in %.2f CPU-seconds; %.3f bytes allocated per record%n",
                records, elapsed, (double) allocated / records);
        System.out.printf("sflow records per second per core: %d%n", Math.round(records / elapsed));
    }

    private static void run(SflowDecoder d, InetAddress exporter, ByteBuffer b, Counting out, double seconds) {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < until) {
            for (int i = 0; i < 1000; i++) {
                b.clear();
                d.decode(exporter, b, 1L, out);
            }
        }
    }

    private static final class Counting implements DecodeListener {
        long flows;
        long dropped;
        long sum;

        @Override
        public void flow(FlowRecord f) {
            flows++;
            sum += f.srcPort + f.dstAddress[3] + f.bytes;
        }

        @Override
        public void dropped(DropReason reason) {
            dropped++;
        }
    }

    /** Field by field from sflow_version_5.txt. */
    private static byte[] datagram() {
        Out d = new Out().u32(5).u32(1).u32(0xC0000209L).u32(0).u32(1).u32(100).u32(FLOW_SAMPLES + 1);
        for (int i = 0; i < FLOW_SAMPLES; i++) {
            Out sample = new Out().u32(i).u32(3).u32(1024).u32(100_000).u32(0).u32(3).u32(7).u32(2);
            Out header = new Out().u32(1).u32(1518).u32(4).u32(128).bytes(frame(i));
            sample.u32(1).u32(header.size()).bytes(header);
            sample.u32(1001).u32(16).u32(10).u32(0).u32(20).u32(0);
            d.u32(1).u32(sample.size()).bytes(sample);
        }
        Out counters = new Out().u32(1).u32(6).u64(10_000_000_000L).u32(1).u32(3);
        for (int i = 0; i < 2; i++) {
            counters.u64(1_000_000).u32(1).u32(2).u32(3).u32(4).u32(5);
            if (i == 0) {
                counters.u32(6);
            }
        }
        counters.u32(0);
        Out sample = new Out().u32(1).u32(3).u32(1).u32(1).u32(counters.size()).bytes(counters);
        return d.u32(2).u32(sample.size()).bytes(sample).toArray();
    }

    /** 128 bytes: Ethernet, 802.1Q tag, IPv4 (20), TCP (20), payload. */
    private static Out frame(int i) {
        Out f = new Out().u32(0x00112233).u16(0x4455).u32(0x00667788).u16(0x99AA).u16(0x8100).u16(10).u16(0x0800);
        f.u8(0x45).u8(0).u16(1500).u16(i).u16(0x4000).u8(64).u8(6).u16(0).u32(0x0A000001L + i).u32(0xC6336407L);
        f.u16(40_000 + i).u16(443).u32(1).u32(2).u8(0x50).u8(0x18).u16(65535).u32(0);
        while (f.size() < 128) {
            f.u8(0);
        }
        return f;
    }

    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out u8(int v) {
            out.write(v);
            return this;
        }

        Out u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        Out u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v);
        }

        Out u64(long v) {
            return u32(v >>> 32).u32(v);
        }

        Out bytes(Out o) {
            out.writeBytes(o.toArray());
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
