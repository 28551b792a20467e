package io.lastmile.collector.traffic;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.traffic.map.MapDocument;
import io.lastmile.collector.traffic.map.SubscriberMap;
import io.lastmile.collector.traffic.map.TrafficClasses;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The driver of {@code bench/traffic-aggregate}: flows over 65,536 subscriber addresses (IPv4 /32s,
 * and one IPv6 /56 per 16 subscribers) and three traffic classes, given to the aggregator on one
 * thread, its CPU time measured; then a flush's drain. Prints flows per CPU-second.
 */
public final class AggregateRun {

    private AggregateRun() {}

    public static void main(String[] args) throws Exception {
        int flows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int subscribers = 65_536;
        TrafficClasses classes = new TrafficClasses();
        long built = System.nanoTime();
        SubscriberMap map = SubscriberMap.of(document(subscribers), classes);
        System.out.printf(
                "map of %d subscribers, %d prefixes built in %d ms%n",
                map.subscriberCount(), map.prefixCount(), (System.nanoTime() - built) / 1_000_000);
        TrafficAggregator aggregator =
                new TrafficAggregator(() -> map, new ExporterIds(), Clock.systemUTC(), Duration.ofMinutes(15));
        aggregator.tick(); // as the collector's ticker does, every 100 ms
        FlowRecord[] pool = flows(4096, subscribers);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        run(aggregator, pool, Math.min(flows, 2_000_000)); // warm-up, not counted
        aggregator.drain();
        long lookup0 = cpu.getCurrentThreadCpuTime();
        long found = lookups(map, pool, flows);
        long lookupNanos = cpu.getCurrentThreadCpuTime() - lookup0;
        System.out.printf(
                "longest-prefix match alone: %d lookups per CPU-second (%d matched)%n",
                (long) (2.0 * flows / (lookupNanos / 1e9)), found);
        long cpu0 = cpu.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        run(aggregator, pool, flows);
        long cpuNanos = cpu.getCurrentThreadCpuTime() - cpu0;
        long wallNanos = System.nanoTime() - wall0;
        long drain0 = System.nanoTime();
        int cells = aggregator.drain().size();
        long drainMillis = (System.nanoTime() - drain0) / 1_000_000;
        System.out.printf(
                "%d flows in %.3f CPU-s (%.3f s wall); drain of %d usage cells: %d ms%n",
                flows, cpuNanos / 1e9, wallNanos / 1e9, cells, drainMillis);
        System.out.printf(
                "flows per CPU-second: %d (65,536 subscribers, aggregation per account, class and minute)%n",
                (long) (flows / (cpuNanos / 1e9)));
    }

    private static void run(TrafficAggregator aggregator, FlowRecord[] pool, int flows) {
        int mask = pool.length - 1;
        for (int i = 0; i < flows; i++) {
            aggregator.accept(pool[i & mask]);
        }
    }

    /** Both addresses of each flow looked up, as the aggregator does, without summing. */
    private static long lookups(SubscriberMap map, FlowRecord[] pool, int flows) {
        int mask = pool.length - 1;
        long found = 0;
        for (int i = 0; i < flows; i++) {
            FlowRecord f = pool[i & mask];
            found += map.accountOf(f.srcAddress, 4) + map.accountOf(f.dstAddress, 4);
        }
        return found;
    }

    private static MapDocument document(int subscribers) {
        List<MapDocument.Subscriber> subs = new ArrayList<>(subscribers);
        for (int i = 0; i < subscribers; i++) {
            List<String> prefixes = new ArrayList<>(2);
            prefixes.add("10." + (i >> 16 & 0xff | 64) + "." + (i >> 8 & 0xff) + "." + (i & 0xff) + "/32");
            if (i % 16 == 0) {
                prefixes.add(String.format("2001:db8:%x:%x00::/56", i >> 8, i & 0xff));
            }
            subs.add(new MapDocument.Subscriber(i + 1, prefixes));
        }
        return new MapDocument(
                1,
                subs,
                List.of(
                        new MapDocument.TrafficClass("local", List.of("10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12")),
                        new MapDocument.TrafficClass(
                                "peering", List.of("185.1.0.0/16", "195.208.208.0/21", "2001:7f8::/32"))),
                "internet");
    }

    /** Flows between a random subscriber and a random remote address; one in 20 of nobody. */
    private static FlowRecord[] flows(int count, int subscribers) throws Exception {
        Random random = new Random(42);
        InetAddress exporter = InetAddress.getByName("192.0.2.1");
        FlowRecord[] out = new FlowRecord[count];
        for (int n = 0; n < count; n++) {
            FlowRecord f = new FlowRecord();
            f.exporter = exporter;
            f.protocolVersion = FlowProtocol.NETFLOW_V9;
            f.ipVersion = 4;
            int s = random.nextInt(subscribers);
            byte[] subscriber = {10, (byte) (s >> 16 & 0xff | 64), (byte) (s >> 8), (byte) s};
            byte[] remote = new byte[4];
            random.nextBytes(remote);
            if (n % 20 == 0) {
                subscriber = new byte[] {(byte) 198, 51, 100, (byte) n};
            }
            boolean download = random.nextBoolean();
            System.arraycopy(download ? remote : subscriber, 0, f.srcAddress, 0, 4);
            System.arraycopy(download ? subscriber : remote, 0, f.dstAddress, 0, 4);
            f.bytes = 64 + random.nextInt(1400);
            f.packets = 1 + random.nextInt(10);
            out[n] = f;
        }
        return out;
    }
}
