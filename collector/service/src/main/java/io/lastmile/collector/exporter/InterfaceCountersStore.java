package io.lastmile.collector.exporter;

import io.lastmile.collector.flow.InterfaceCounters;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest generic interface counters (sFlow counter samples) per agent and ifIndex, for the NOC;
 * bounded: when full, the tenth updated longest ago is forgotten.
 */
public final class InterfaceCountersStore {

    private final ConcurrentHashMap<Key, Latest> latest = new ConcurrentHashMap<>();
    private final int capacity;

    public InterfaceCountersStore(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Counters from {@code exporter} (the datagram's source; the agent named inside may differ). */
    public void put(InetAddress exporter, InterfaceCounters counters, long nowMillis) {
        InetAddress agent = counters.agent() == null ? exporter : counters.agent();
        Key key = new Key(agent, counters.ifIndex());
        if (!latest.containsKey(key) && latest.size() >= capacity) {
            evictOldest();
        }
        latest.put(key, new Latest(exporter, counters, nowMillis));
    }

    /** The interfaces of the agent at {@code address}, or sent from it, by ifIndex. */
    public List<Latest> of(InetAddress address) {
        return latest.entrySet().stream()
                .filter(e -> e.getKey().agent().equals(address)
                        || e.getValue().exporter().equals(address))
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparing((Latest l) -> l.counters().agent() == null
                                ? ""
                                : l.counters().agent().getHostAddress())
                        .thenComparingLong(l -> l.counters().ifIndex()))
                .toList();
    }

    public int size() {
        return latest.size();
    }

    private static String agentOf(Latest l) {
        return l.counters().agent() == null ? "" : l.counters().agent().getHostAddress();
    }

    private synchronized void evictOldest() {
        if (latest.size() < capacity) {
            return;
        }
        List<Map.Entry<Key, Latest>> entries = new ArrayList<>(latest.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().receivedMillis()));
        int evict = Math.max(1, capacity / 10);
        for (int i = 0; i < evict && i < entries.size(); i++) {
            latest.remove(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }

    record Key(InetAddress agent, long ifIndex) {}

    /** The latest counters of one interface and when they came. */
    public record Latest(InetAddress exporter, InterfaceCounters counters, long receivedMillis) {}
}
