package io.lastmile.collector.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.InterfaceCounters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterRegistryTest {

    private static InetAddress address(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
    }

    @Test
    void forgetsTheLongestIdleTenthWhenFullAndHandsEachNewcomerOnOnce() throws Exception {
        List<InetAddress> newcomers = new ArrayList<>();
        ExporterRegistry registry = new ExporterRegistry(100, newcomers::add);
        for (int i = 0; i < 100; i++) {
            registry.stats(address(i), 1000 + i);
        }
        // exporter 0 spoke last: it is the most recent, not the oldest
        registry.stats(address(0), 5000).packet(FlowProtocol.NETFLOW_V9, 100, 5000);

        registry.stats(address(100), 6000);

        assertThat(registry.size()).isEqualTo(91);
        assertThat(registry.find(address(0))).isPresent();
        assertThat(registry.find(address(1))).isEmpty();
        assertThat(registry.find(address(10))).isEmpty();
        assertThat(registry.find(address(11))).isPresent();
        assertThat(registry.find(address(100))).isPresent();
        assertThat(newcomers).hasSize(101).doesNotHaveDuplicates();
    }

    @Test
    void sumsTemplatesOverProtocolsAndKeepsDropsByReason() throws Exception {
        ExporterStats stats = new ExporterRegistry(10, a -> {}).stats(address(1), 0);
        stats.templates(FlowProtocol.NETFLOW_V9, 3);
        stats.templates(FlowProtocol.IPFIX, 2);
        stats.templates(FlowProtocol.NETFLOW_V9, 1);
        stats.dropped(DropReason.BAD_LENGTH);
        stats.dropped(DropReason.BAD_LENGTH);
        stats.dropped(DropReason.QUEUE_FULL);

        ExporterStats.Snapshot s = stats.snapshot();

        assertThat(s.templates()).isEqualTo(3);
        assertThat(s.drops(DropReason.BAD_LENGTH)).isEqualTo(2);
        assertThat(s.drops(DropReason.QUEUE_FULL)).isEqualTo(1);
        assertThat(s.drops(DropReason.TRUNCATED)).isZero();
    }

    @Test
    void keepsTheLatestCountersPerAgentAndInterfaceWithinItsBound() throws Exception {
        InterfaceCountersStore store = new InterfaceCountersStore(20);
        InetAddress agent = address(7);
        store.put(agent, counters(agent, 1, 100), 1);
        store.put(agent, counters(agent, 1, 250), 2);
        for (int i = 0; i < 30; i++) {
            store.put(address(1000 + i), counters(address(1000 + i), 1, i), 10 + i);
        }

        assertThat(store.size()).isLessThanOrEqualTo(20);
        assertThat(store.of(address(1029)))
                .singleElement()
                .satisfies(l -> assertThat(l.counters().inOctets()).isEqualTo(29));
        assertThat(store.of(agent)).as("the oldest went first").isEmpty();

        InterfaceCountersStore roomy = new InterfaceCountersStore(20);
        roomy.put(agent, counters(agent, 1, 100), 1);
        roomy.put(agent, counters(agent, 1, 250), 2);
        roomy.put(agent, counters(agent, 2, 5), 2);
        assertThat(roomy.of(agent)).extracting(l -> l.counters().inOctets()).containsExactly(250L, 5L);
    }

    private static InterfaceCounters counters(InetAddress agent, long ifIndex, long inOctets) {
        return new InterfaceCounters(
                agent, 0, ifIndex, 6, 1_000_000_000L, 1, 3, inOctets, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
