package io.jdranspose.controller.triggermap;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The immutable stream → workers map of a {@link WorkAssignment}, in the order its streams were given,
 * with the union of its workers worked out once. The engine publishes one assignment per event; for the
 * usual event, where one worker gets the frames of every stream of its part, it hands out one shared
 * instance per worker and part instead of building a map per event.
 */
final class StreamWorkers extends AbstractMap<String, List<String>> {

    private final String[] streams;
    private final List<String>[] workers;
    /** Every worker of any stream, sorted; also as a list, to iterate without an iterator object. */
    private final SortedSet<String> allWorkers;
    private final List<String> allWorkerList;

    @SuppressWarnings("unchecked")
    private StreamWorkers(String[] streams, List<?>[] workers) {
        this.streams = streams;
        this.workers = (List<String>[]) workers;
        var union = new TreeSet<String>();
        for (List<?> names : workers) {
            for (Object name : names) {
                union.add((String) name);
            }
        }
        this.allWorkers = Collections.unmodifiableSortedSet(union);
        this.allWorkerList = List.copyOf(union);
    }

    /** An immutable copy that keeps the map's order; the worker lists are copied with {@link List#copyOf}. */
    static StreamWorkers copyOf(Map<String, ? extends List<String>> map) {
        if (map instanceof StreamWorkers same) {
            return same;
        }
        var streams = new String[map.size()];
        var workers = new List<?>[map.size()];
        int i = 0;
        for (var entry : map.entrySet()) {
            streams[i] = entry.getKey();
            workers[i] = List.copyOf(entry.getValue());
            i++;
        }
        return new StreamWorkers(streams, workers);
    }

    /** Built by the engine: the lists are immutable and the arrays are not touched afterwards. */
    static StreamWorkers of(String[] streams, List<?>[] workers) {
        return new StreamWorkers(streams, workers);
    }

    /** Every stream of {@code streamNames} to the one worker {@code worker}. */
    static StreamWorkers allTo(List<String> streamNames, String worker) {
        List<String> only = List.of(worker);
        var workers = new List<?>[streamNames.size()];
        Arrays.fill(workers, only);
        return new StreamWorkers(streamNames.toArray(String[]::new), workers);
    }

    /** The sorted union of the workers of all streams. */
    SortedSet<String> workers() {
        return allWorkers;
    }

    /** {@link #workers()} as a list. */
    List<String> workerList() {
        return allWorkerList;
    }

    @Override
    public int size() {
        return streams.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public List<String> get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : workers[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        for (int i = 0; i < streams.length; i++) {
            action.accept(streams[i], workers[i]);
        }
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return streams.length;
            }

            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < streams.length;
                    }

                    @Override
                    public Entry<String, List<String>> next() {
                        if (next >= streams.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(streams[i], workers[i]);
                    }
                };
            }
        };
    }

    private int indexOf(Object key) {
        for (int i = 0; i < streams.length; i++) {
            if (Objects.equals(streams[i], key)) {
                return i;
            }
        }
        return -1;
    }
}
