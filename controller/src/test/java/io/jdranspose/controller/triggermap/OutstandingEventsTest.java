package io.jdranspose.controller.triggermap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A worker's outstanding events behave as the sorted set they replace, whatever the report order. */
class OutstandingEventsTest {

    @Test
    void randomReportsMatchASortedSet() {
        var random = new Random(11);
        var events = new OutstandingEvents();
        var reference = new TreeSet<Long>();
        long next = 0;
        for (int i = 0; i < 100_000; i++) {
            if (random.nextInt(2) == 0 || reference.isEmpty()) {
                next += 1 + random.nextInt(3);
                events.add(next);
                reference.add(next);
            } else {
                // mostly the oldest, sometimes any held one, sometimes one never held or already reported
                var held = new ArrayList<>(reference.headSet(reference.first() + 40));
                long event = switch (random.nextInt(6)) {
                    case 0, 1, 2 -> reference.first();
                    case 3, 4 -> held.get(random.nextInt(held.size()));
                    default -> random.nextInt((int) next + 2) - 1;
                };
                assertThat(events.remove(event)).isEqualTo(reference.remove(event));
            }
            assertThat(events.size()).isEqualTo(reference.size());
            if (!reference.isEmpty()) {
                assertThat(events.first()).isEqualTo(reference.first());
            }
        }
    }

    @Test
    void anEventNeverReportedDoesNotKeepEveryLaterOne() {
        var events = new OutstandingEvents();
        events.add(0);
        for (long e = 1; e < 100_000; e++) {
            events.add(e);
            assertThat(events.remove(e)).isTrue();
        }
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.first()).isZero();
        assertThat(events.remove(0)).isTrue();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void eventsMustBeAddedInOrder() {
        var events = new OutstandingEvents();
        events.add(5);
        assertThatThrownBy(() -> events.add(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.add(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
