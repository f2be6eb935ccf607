package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive-keyed tables behave as the java.util collections they replace. */
class LongObjectMapTest {

    @Test
    void randomOperationsMatchAHashMap() {
        var random = new Random(5);
        var map = new LongObjectMap<String>();
        var reference = new HashMap<Long, String>();
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys, clustered and extreme ones, so probe runs, wrap-around and shifts happen
            long key = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(64);
                case 1 -> 1_000_000L + random.nextInt(300);
                case 2 -> -random.nextInt(50);
                default -> random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
            };
            String value = "v" + random.nextInt(5);
            switch (random.nextInt(5)) {
                case 0, 1 -> assertThat(map.put(key, value)).isEqualTo(reference.put(key, value));
                case 2 -> assertThat(map.putIfAbsent(key, value)).isEqualTo(reference.putIfAbsent(key, value));
                case 3 -> assertThat(map.remove(key)).isEqualTo(reference.remove(key));
                default -> assertThat(map.get(key)).isEqualTo(reference.get(key));
            }
            assertThat(map.size()).isEqualTo(reference.size());
            if (i % 10_000 == 0) {
                assertThat(contents(map)).isEqualTo(reference);
                if (random.nextBoolean()) {
                    String doomed = "v" + random.nextInt(5);
                    assertThat(map.removeIf((k, v) -> v.equals(doomed))).isEqualTo(reference.containsValue(doomed));
                    reference.values().removeIf(doomed::equals);
                    assertThat(contents(map)).isEqualTo(reference);
                }
            }
        }
        map.clear();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get(5)).isNull();
    }

    @Test
    void eventWorkersKeepPairs() {
        var pairs = new EventWorkers();
        assertThat(pairs.add(3, "w1")).isTrue();
        assertThat(pairs.add(3, "w1")).isFalse();
        assertThat(pairs.add(3, "w2")).isTrue();
        assertThat(pairs.add(4, "w1")).isTrue();
        assertThat(pairs.size()).isEqualTo(3);
        assertThat(pairs.remove(3, "w9")).isFalse();
        assertThat(pairs.remove(3, "w1")).isTrue();
        assertThat(pairs.hasEvent(3)).isTrue();
        assertThat(pairs.remove(3, "w2")).isTrue();
        assertThat(pairs.hasEvent(3)).isFalse();
        assertThat(pairs.removeEvent(4)).containsExactly("w1");
        assertThat(pairs.removeEvent(4)).isEmpty();
        assertThat(pairs.isEmpty()).isTrue();
    }

    private static Map<Long, String> contents(LongObjectMap<String> map) {
        var copy = new HashMap<Long, String>();
        map.forEach(copy::put);
        return copy;
    }
}
