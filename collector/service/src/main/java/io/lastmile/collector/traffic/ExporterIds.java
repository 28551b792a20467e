package io.lastmile.collector.traffic;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Exporters as small ints for the unmatched-traffic table. Bounded: past {@link #MAX} distinct
 * exporters the rest share id 0, shown as "other" (a collector hears from its own routers only).
 */
final class ExporterIds {

    static final int MAX = 65_536;
    static final String OTHER = "other";

    private final ConcurrentHashMap<InetAddress, Integer> ids = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<String> names = new CopyOnWriteArrayList<>();

    ExporterIds() {
        names.add(OTHER);
    }

    /** Allocation-free for an exporter seen before. */
    int id(InetAddress exporter) {
        if (exporter == null) {
            return 0;
        }
        Integer id = ids.get(exporter);
        return id != null ? id : register(exporter);
    }

    private synchronized int register(InetAddress exporter) {
        Integer id = ids.get(exporter);
        if (id != null) {
            return id;
        }
        if (names.size() >= MAX) {
            return 0;
        }
        names.add(exporter.getHostAddress());
        ids.put(exporter, names.size() - 1);
        return names.size() - 1;
    }

    String name(int id) {
        return names.get(id);
    }
}
