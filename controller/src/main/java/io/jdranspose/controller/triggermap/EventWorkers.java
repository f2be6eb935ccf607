package io.jdranspose.controller.triggermap;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A set of (event, worker) pairs, keyed by event. Nearly every event the controller tracks concerns one
 * worker, so that worker is stored as the value itself and a set is made only for an event with several:
 * adding and removing the usual pair allocates nothing. Worker names must not be null. Not thread-safe.
 */
final class EventWorkers {

    /** Receives the pairs of {@link #forEach}. */
    @FunctionalInterface
    interface Pairs {
        void accept(long event, String worker);
    }

    /** Per event: the one worker as a {@code String}, or a {@code HashSet<String>} of two or more. */
    private final LongObjectMap<Object> byEvent = new LongObjectMap<>();
    private int pairs;

    /** Adds a pair; returns false if it was there already. */
    boolean add(long event, String worker) {
        Objects.requireNonNull(worker, "worker");
        Object held = byEvent.putIfAbsent(event, worker);
        if (held == null) {
            pairs++;
            return true;
        }
        if (held instanceof String one) {
            if (one.equals(worker)) {
                return false;
            }
            var several = new HashSet<String>(4);
            several.add(one);
            several.add(worker);
            byEvent.put(event, several);
            pairs++;
            return true;
        }
        if (several(held).add(worker)) {
            pairs++;
            return true;
        }
        return false;
    }

    /** Removes a pair; returns false if it was not there. */
    boolean remove(long event, String worker) {
        Object held = byEvent.get(event);
        if (held == null) {
            return false;
        }
        if (held instanceof String one) {
            if (!one.equals(worker)) {
                return false;
            }
            byEvent.remove(event);
            pairs--;
            return true;
        }
        Set<String> several = several(held);
        if (!several.remove(worker)) {
            return false;
        }
        pairs--;
        if (several.isEmpty()) {
            byEvent.remove(event);
        }
        return true;
    }

    /** Whether any pair has this event. */
    boolean hasEvent(long event) {
        return byEvent.containsKey(event);
    }

    /** Removes every pair of an event; returns its workers (empty if none). */
    Set<String> removeEvent(long event) {
        Object held = byEvent.remove(event);
        if (held == null) {
            return Set.of();
        }
        Set<String> workers = held instanceof String one ? Set.of(one) : several(held);
        pairs -= workers.size();
        return workers;
    }

    int size() {
        return pairs;
    }

    boolean isEmpty() {
        return pairs == 0;
    }

    void forEach(Pairs action) {
        byEvent.forEach((event, held) -> {
            if (held instanceof String one) {
                action.accept(event, one);
            } else {
                several(held).forEach(worker -> action.accept(event, worker));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Set<String> several(Object held) {
        return (Set<String>) held;
    }
}
