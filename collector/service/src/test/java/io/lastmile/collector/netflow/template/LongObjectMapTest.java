package io.lastmile.collector.netflow.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void behavesLikeAHashMapThroughPutsRemovesAndRemoveIf() {
        Random random = new Random(7);
        LongObjectMap<Long> map = new LongObjectMap<>(64);
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys, so that probe chains collide and wrap around
            long key = random.nextInt(100) * 0x10000L + random.nextInt(3);
            int op = random.nextInt(10);
            if (op < 5) {
                boolean kept = map.put(key, (long) i);
                if (expected.containsKey(key) || expected.size() < 64) {
                    assertThat(kept).isTrue();
                    expected.put(key, (long) i);
                } else {
                    assertThat(kept).isFalse();
                }
            } else if (op < 9) {
                assertThat(map.remove(key)).isEqualTo(expected.remove(key));
            } else {
                long mod = 2 + random.nextInt(5);
                int removed = map.removeIf(k -> k % mod == 0, v -> false);
                int before = expected.size();
                expected.keySet().removeIf(k -> k % mod == 0);
                assertThat(removed).isEqualTo(before - expected.size());
            }
            assertThat(map.size()).isEqualTo(expected.size());
            assertThat(map.get(key)).isEqualTo(expected.get(key));
        }
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Test
    void refusesNewKeysPastItsLimitButReplacesKnownOnes() {
        LongObjectMap<String> map = new LongObjectMap<>(2);

        assertThat(map.put(1, "a")).isTrue();
        assertThat(map.put(2, "b")).isTrue();
        assertThat(map.put(3, "c")).isFalse();
        assertThat(map.put(2, "B")).isTrue();

        assertThat(map.get(2)).isEqualTo("B");
        assertThat(map.get(3)).isNull();
        assertThat(map.size()).isEqualTo(2);
    }
}
