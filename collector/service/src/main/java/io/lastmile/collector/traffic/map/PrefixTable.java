package io.lastmile.collector.traffic.map;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Longest-prefix match over IPv4 and IPv6 prefixes, each mapped to an int value. Built once,
 * immutable, and allocation-free per lookup: nested prefixes are flattened at build time into
 * disjoint address ranges (the innermost prefix wins inside its range), so a lookup is one binary
 * search over sorted range starts (about 17 steps for 65,536 prefixes).
 */
public final class PrefixTable {

    /** What a lookup answers when no prefix covers the address. */
    public static final int NONE = -1;

    private static final PrefixTable EMPTY = new Builder().build();

    // IPv4: range starts as unsigned ints with the sign bit flipped, so signed order is address order
    private final int[] v4Starts;
    private final int[] v4Values;
    // for each /16, the index of its first range start (65,537 entries): most lookups of an address
    // far from every prefix end here, the others search only the starts inside their /16
    private final int[] v4Index;
    // IPv6: 128-bit starts as two longs, sign bits flipped
    private final long[] v6High;
    private final long[] v6Low;
    private final int[] v6Values;

    private PrefixTable(int[] v4Starts, int[] v4Values, long[] v6High, long[] v6Low, int[] v6Values) {
        this.v4Starts = v4Starts;
        this.v4Values = v4Values;
        this.v4Index = index(v4Starts);
        this.v6High = v6High;
        this.v6Low = v6Low;
        this.v6Values = v6Values;
    }

    public static PrefixTable empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param address 16 bytes as in {@code FlowRecord}: the first 4 used for IPv4
     * @param ipVersion 4 or 6; anything else matches nothing
     * @return the value of the longest prefix covering the address, or {@link #NONE}
     */
    public int lookup(byte[] address, int ipVersion) {
        if (ipVersion == 4) {
            return lookupV4(readInt(address, 0));
        }
        if (ipVersion == 6) {
            return lookupV6(readLong(address, 0), readLong(address, 8));
        }
        return NONE;
    }

    /** @param address the IPv4 address as an int (first octet in the high byte) */
    public int lookupV4(int address) {
        int key = address ^ Integer.MIN_VALUE;
        int[] starts = v4Starts;
        int bucket = address >>> 16;
        int lo = v4Index[bucket];
        int hi = v4Index[bucket + 1] - 1;
        // the range open at the /16's first address, unless a start inside the /16 is closer
        int found = lo - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? NONE : v4Values[found];
    }

    public int lookupV6(long high, long low) {
        long kh = high ^ Long.MIN_VALUE;
        long kl = low ^ Long.MIN_VALUE;
        long[] hs = v6High;
        long[] ls = v6Low;
        int lo = 0;
        int hi = hs.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (hs[mid] < kh || (hs[mid] == kh && ls[mid] <= kl)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? NONE : v6Values[found];
    }

    private static int[] index(int[] flippedStarts) {
        int[] first = new int[65_537];
        int i = 0;
        for (int bucket = 0; bucket <= 65_536; bucket++) {
            while (i < flippedStarts.length && ((flippedStarts[i] ^ Integer.MIN_VALUE) >>> 16) < bucket) {
                i++;
            }
            first[bucket] = i;
        }
        return first;
    }

    /** How many disjoint ranges the prefixes became (IPv4 plus IPv6). */
    public int ranges() {
        return v4Starts.length + v6High.length;
    }

    static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static long readLong(byte[] b, int at) {
        return (long) readInt(b, at) << 32 | (readInt(b, at + 4) & 0xffffffffL);
    }

    /** Collects prefixes; a prefix given twice keeps the value given last. */
    public static final class Builder {
        private final List<Entry> v4 = new ArrayList<>();
        private final List<Entry> v6 = new ArrayList<>();

        public Builder add(Prefix prefix, int value) {
            if (value < 0) {
                throw new IllegalArgumentException("values are >= 0");
            }
            List<Entry> list = prefix.isV4() ? v4 : v6;
            int bits = prefix.isV4() ? 32 : 128;
            BigInteger start = new BigInteger(1, prefix.address());
            BigInteger end =
                    start.add(BigInteger.ONE.shiftLeft(bits - prefix.length())).subtract(BigInteger.ONE);
            list.add(new Entry(start, end, bits, prefix.length(), value, list.size()));
            return this;
        }

        public PrefixTable build() {
            List<Boundary> b4 = flatten(v4);
            List<Boundary> b6 = flatten(v6);
            int[] s4 = new int[b4.size()];
            int[] val4 = new int[b4.size()];
            for (int i = 0; i < s4.length; i++) {
                s4[i] = b4.get(i).start.intValue() ^ Integer.MIN_VALUE;
                val4[i] = b4.get(i).value;
            }
            long[] h6 = new long[b6.size()];
            long[] l6 = new long[b6.size()];
            int[] val6 = new int[b6.size()];
            for (int i = 0; i < h6.length; i++) {
                BigInteger s = b6.get(i).start;
                h6[i] = s.shiftRight(64).longValue() ^ Long.MIN_VALUE;
                l6[i] = s.longValue() ^ Long.MIN_VALUE;
                val6[i] = b6.get(i).value;
            }
            return new PrefixTable(s4, val4, h6, l6, val6);
        }

        /** Disjoint ranges, each given by its start and the value of the innermost prefix over it. */
        private static List<Boundary> flatten(List<Entry> entries) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing(Entry::start)
                    .thenComparingInt(Entry::length)
                    .thenComparingInt(Entry::order));
            List<Boundary> out = new ArrayList<>();
            List<Entry> open = new ArrayList<>();
            for (Entry e : sorted) {
                while (!open.isEmpty() && last(open).end.compareTo(e.start) < 0) {
                    close(open, out);
                }
                emit(out, e.start, e.value);
                open.add(e);
            }
            while (!open.isEmpty()) {
                close(open, out);
            }
            return merged(out);
        }

        private static void close(List<Entry> open, List<Boundary> out) {
            Entry done = open.removeLast();
            BigInteger next = done.end.add(BigInteger.ONE);
            // past the end of the address space nothing follows
            if (next.bitLength() <= done.bits) {
                emit(out, next, open.isEmpty() ? NONE : last(open).value);
            }
        }

        private static void emit(List<Boundary> out, BigInteger start, int value) {
            if (!out.isEmpty() && last(out).start.equals(start)) {
                out.set(out.size() - 1, new Boundary(start, value));
            } else {
                out.add(new Boundary(start, value));
            }
        }

        private static List<Boundary> merged(List<Boundary> in) {
            List<Boundary> out = new ArrayList<>(in.size());
            for (Boundary b : in) {
                if (out.isEmpty() ? b.value != NONE : last(out).value != b.value) {
                    out.add(b);
                }
            }
            return out;
        }

        private static <T> T last(List<T> list) {
            return list.get(list.size() - 1);
        }
    }

    private record Entry(BigInteger start, BigInteger end, int bits, int length, int value, int order) {}

    private record Boundary(BigInteger start, int value) {}
}
