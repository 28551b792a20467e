package io.lastmile.collector.traffic;

import java.util.Arrays;

/**
 * Bytes, packets and flows summed per key, in primitive arrays (open addressing, linear probing):
 * adding to a key already present allocates nothing. The key is an owner (an account id, or an
 * exporter for unmatched traffic) and a {@link #cell} packing minute, class and direction. Not
 * thread-safe: each worker has its own (see {@link TrafficAggregator}).
 */
final class UsageTable {

    static final int IN = 0;
    static final int OUT = 1;
    static final int UNMATCHED = 2;

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] owners;
    private long[] cells;
    private long[] bytes;
    private long[] packets;
    private long[] flows;
    private int size;
    private int mask;

    UsageTable() {
        this(64);
    }

    UsageTable(int capacity) {
        allocate(Integer.highestOneBit(Math.max(16, capacity - 1)) << 1);
    }

    /** minute (epoch minutes), class id (< 4096) and direction in one long. */
    static long cell(long minute, int classId, int direction) {
        return minute << 14 | (long) classId << 2 | direction;
    }

    static long minuteOf(long cell) {
        return cell >>> 14;
    }

    static int classOf(long cell) {
        return (int) (cell >>> 2) & 0xfff;
    }

    static int directionOf(long cell) {
        return (int) cell & 3;
    }

    void add(long owner, long cell, long addBytes, long addPackets, long addFlows) {
        int i = slot(owner, cell);
        if (owners[i] == EMPTY) {
            owners[i] = owner;
            cells[i] = cell;
            if (++size * 4 > owners.length * 3) {
                grow();
                i = slot(owner, cell);
            }
        }
        bytes[i] += addBytes;
        packets[i] += addPackets;
        flows[i] += addFlows;
    }

    /** Adds every entry of another table into this one. */
    void addAll(UsageTable other) {
        other.forEach(this::add);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(owners, EMPTY);
            Arrays.fill(bytes, 0);
            Arrays.fill(packets, 0);
            Arrays.fill(flows, 0);
            size = 0;
        }
    }

    interface Visitor {
        void visit(long owner, long cell, long bytes, long packets, long flows);
    }

    void forEach(Visitor visitor) {
        for (int i = 0; i < owners.length; i++) {
            if (owners[i] != EMPTY) {
                visitor.visit(owners[i], cells[i], bytes[i], packets[i], flows[i]);
            }
        }
    }

    private int slot(long owner, long cell) {
        long h = owner * 0x9E3779B97F4A7C15L + cell * 0xC2B2AE3D27D4EB4FL;
        int i = (int) (h ^ (h >>> 29)) & mask;
        while (owners[i] != EMPTY && (owners[i] != owner || cells[i] != cell)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] o = owners;
        long[] c = cells;
        long[] b = bytes;
        long[] p = packets;
        long[] f = flows;
        allocate(o.length * 2);
        for (int j = 0; j < o.length; j++) {
            if (o[j] != EMPTY) {
                int i = slot(o[j], c[j]);
                owners[i] = o[j];
                cells[i] = c[j];
                bytes[i] = b[j];
                packets[i] = p[j];
                flows[i] = f[j];
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        owners = new long[capacity];
        Arrays.fill(owners, EMPTY);
        cells = new long[capacity];
        bytes = new long[capacity];
        packets = new long[capacity];
        flows = new long[capacity];
        mask = capacity - 1;
        size = 0;
    }
}
