package io.lastmile.collector.exporter;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every exporter heard from, with its counters, in memory and bounded: when full, the tenth that
 * has been idle longest is forgotten in one go (so a flood of spoofed sources costs one scan per
 * tenth of the capacity, not one per packet). A newly seen exporter is handed to {@code newcomer}
 * (which records it in the database, in batches).
 */
public final class ExporterRegistry {

    private final ConcurrentHashMap<InetAddress, ExporterStats> exporters = new ConcurrentHashMap<>();
    private final int capacity;
    private final Consumer<InetAddress> newcomer;

    public ExporterRegistry(int capacity, Consumer<InetAddress> newcomer) {
        this.capacity = Math.max(1, capacity);
        this.newcomer = newcomer;
    }

    /** The counters of {@code exporter}, created when it is first heard from. */
    public ExporterStats stats(InetAddress exporter, long nowMillis) {
        ExporterStats s = exporters.get(exporter);
        if (s != null) {
            return s;
        }
        if (exporters.size() >= capacity) {
            evictIdlest();
        }
        ExporterStats created = new ExporterStats(exporter, nowMillis);
        ExporterStats raced = exporters.putIfAbsent(exporter, created);
        if (raced != null) {
            return raced;
        }
        newcomer.accept(exporter);
        return created;
    }

    public Optional<ExporterStats> find(InetAddress exporter) {
        return Optional.ofNullable(exporters.get(exporter));
    }

    public List<ExporterStats> all() {
        return List.copyOf(exporters.values());
    }

    public int size() {
        return exporters.size();
    }

    public int capacity() {
        return capacity;
    }

    private synchronized void evictIdlest() {
        if (exporters.size() < capacity) {
            return;
        }
        List<ExporterStats> byIdle = new ArrayList<>(exporters.values());
        byIdle.sort(Comparator.comparingLong(ExporterStats::lastSeenMillis));
        int evict = Math.max(1, capacity / 10);
        for (int i = 0; i < evict && i < byIdle.size(); i++) {
            exporters.remove(byIdle.get(i).address(), byIdle.get(i));
        }
    }
}
