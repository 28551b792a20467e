package io.lastmile.collector.netflow.template;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * An open-addressing map from long keys to values with a fixed capacity, so that a lookup on the
 * decoding path neither boxes a key nor allocates. Linear probing, backward-shift deletion. Not
 * thread-safe: each exporter's state is used by one thread at a time.
 */
final class LongObjectMap<V> {
    private final long[] keys;
    private final Object[] values;
    private final int mask;
    private final int limit;
    private int size;

    /** @param limit the most entries it keeps; {@link #put} refuses more */
    LongObjectMap(int limit) {
        int capacity = Integer.highestOneBit(Math.max(4, limit * 2 - 1)) << 1;
        this.keys = new long[capacity];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
        this.limit = limit;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Puts or replaces; false (and nothing kept) when the key is new and the map is full. */
    boolean put(long key, V value) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = value;
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size >= limit) {
            return false;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return true;
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = slot(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V old = (V) values[i];
                deleteAt(i);
                return old;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Removes every entry the test accepts. */
    @SuppressWarnings("unchecked")
    int removeIf(LongPredicate keyTest, Predicate<V> valueTest) {
        int removed = 0;
        int i = 0;
        while (i < values.length) {
            if (values[i] != null && (keyTest.test(keys[i]) || valueTest.test((V) values[i]))) {
                deleteAt(i);
                removed++;
                // the slot may now hold a shifted entry: look at it again
            } else {
                i++;
            }
        }
        return removed;
    }

    @SuppressWarnings("unchecked")
    void forEach(Consumer<V> action) {
        for (Object v : values) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void deleteAt(int hole) {
        values[hole] = null;
        size--;
        int i = (hole + 1) & mask;
        while (values[i] != null) {
            int home = slot(keys[i]);
            // move the entry back into the hole when its home is not in (hole, i]
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                values[i] = null;
                hole = i;
            }
            i = (i + 1) & mask;
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
