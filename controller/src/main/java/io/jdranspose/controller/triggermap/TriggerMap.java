package io.jdranspose.controller.triggermap;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * One part of a trigger map: for every stream, one {@link Cell} per event, all streams equally long.
 *
 * <p>This is upstream's single "map" ({@code POST /api/v1/mapping} body, or one entry of
 * {@code parts} in {@code POST /api/v1/sequence}). A part is stored once however often the sequence
 * repeats it. The builders ({@link #uniform}, {@link #batched}, {@link #roundRobin}) compute their
 * cells on demand, so a 10 000-event part costs a few objects, not 10 000 per stream.
 */
public final class TriggerMap {

    private final Map<String, List<Cell>> cells;
    private final int length;
    /** The streams and their cells by position, so the assignment engine reads a cell without a hash lookup. */
    private final List<String> streamList;
    private final List<List<Cell>> cellLists;
    private final boolean hasAllCells;
    /** See {@link #constraintOfEvent()}; null when the part is not of that kind. */
    private final LongUnaryOperator constraintOfEvent;

    private TriggerMap(Map<String, List<Cell>> cells, int length, boolean hasAllCells, LongUnaryOperator constraintOfEvent) {
        this.cells = Collections.unmodifiableMap(cells);
        this.length = length;
        this.streamList = List.copyOf(cells.keySet());
        this.cellLists = List.copyOf(cells.values());
        this.hasAllCells = hasAllCells;
        this.constraintOfEvent = constraintOfEvent;
    }

    /**
     * A part from explicit cells.
     *
     * @throws TriggerMapException if the streams do not all have the same number of events
     */
    public static TriggerMap of(Map<String, ? extends List<? extends Cell>> cellsByStream) {
        var copy = new LinkedHashMap<String, List<Cell>>();
        String firstStream = null;
        int length = 0;
        for (var entry : cellsByStream.entrySet()) {
            if (entry.getKey().isEmpty()) {
                throw new TriggerMapException("stream names must not be empty");
            }
            List<Cell> streamCells = List.copyOf(entry.getValue());
            if (firstStream == null) {
                firstStream = entry.getKey();
                length = streamCells.size();
            } else if (streamCells.size() != length) {
                throw new TriggerMapException("all streams must have the same number of events, but '" + firstStream
                        + "' has " + length + " and '" + entry.getKey() + "' has " + streamCells.size());
            }
            copy.put(entry.getKey(), streamCells);
        }
        boolean hasAllCells = copy.values().stream()
                .anyMatch(streamCells -> streamCells.stream().anyMatch(cell -> cell.virtualWorkers().stream().anyMatch(VirtualWorker::isAll)));
        return compacted(copy, length, hasAllCells);
    }

    /**
     * Streams whose every cell is {@code [{"constraint": c}]} (what uniform and batched maps post) are kept
     * as one number per event, computing their cells when asked: 8 bytes per event instead of about 80 for
     * the parsed objects. Streams with equal numbers share them, and a part where every stream has the
     * same ones gets {@link #constraintOfEvent()}.
     */
    private static TriggerMap compacted(LinkedHashMap<String, List<Cell>> cells, int length, boolean hasAllCells) {
        long[] shared = null;
        ConstraintSeries sharedSeries = null;
        boolean allShare = !cells.isEmpty();
        for (var entry : cells.entrySet()) {
            long[] constraints = plainConstraints(entry.getValue());
            if (constraints == null) {
                allShare = false;
            } else if (shared == null) {
                shared = constraints;
                sharedSeries = new ConstraintSeries(length, i -> constraints[(int) i]);
                entry.setValue(sharedSeries);
            } else if (Arrays.equals(shared, constraints)) {
                entry.setValue(sharedSeries);
            } else {
                allShare = false;
                entry.setValue(new ConstraintSeries(length, i -> constraints[(int) i]));
            }
        }
        long[] everyStream = shared;
        return new TriggerMap(cells, length, hasAllCells, allShare ? i -> everyStream[(int) i] : null);
    }

    /** The constraint of every cell if each is one virtual worker with the generic tag and a constraint, else null. */
    private static long[] plainConstraints(List<Cell> cells) {
        long[] constraints = new long[cells.size()];
        for (int i = 0; i < constraints.length; i++) {
            List<VirtualWorker> vws = cells.get(i).virtualWorkers();
            if (vws.size() != 1) {
                return null;
            }
            VirtualWorker vw = vws.get(0);
            if (vw.isAll() || vw.tags().size() != 1 || !vw.tags().contains(VirtualWorker.GENERIC)) {
                return null;
            }
            constraints[i] = vw.constraint();
        }
        return constraints;
    }

    /** Every stream gets {@code [{"constraint": i}]} in event i: one worker per event, as the sardana hook builds. */
    public static TriggerMap uniform(Collection<String> streams, int events) {
        return computed(streams, events, i -> i);
    }

    /** Every stream gets {@code [{"constraint": i / batch}]}: {@code batch} consecutive events per worker. */
    public static TriggerMap batched(Collection<String> streams, int events, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return computed(streams, events, i -> i / batch);
    }

    /**
     * Every stream gets {@code [{"constraint": i % workers}]}. Constraints are only claimed once per part
     * instance, so with exactly {@code workers} workers this cycles through them.
     */
    public static TriggerMap roundRobin(Collection<String> streams, int events, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        return computed(streams, events, i -> i % workers);
    }

    private static TriggerMap computed(Collection<String> streams, int events, LongUnaryOperator constraintOfEvent) {
        if (events < 0) {
            throw new IllegalArgumentException("number of events must not be negative, got " + events);
        }
        var series = new ConstraintSeries(events, constraintOfEvent);
        var cells = new LinkedHashMap<String, List<Cell>>();
        for (String stream : streams) {
            cells.put(stream, series);
        }
        return new TriggerMap(cells, cells.isEmpty() ? 0 : events, false, cells.isEmpty() ? null : constraintOfEvent);
    }

    /** Stream names in the order they were given. */
    public Set<String> streams() {
        return cells.keySet();
    }

    /** Number of events; 0 for a part without streams. */
    public int length() {
        return length;
    }

    public boolean hasStream(String stream) {
        return cells.containsKey(stream);
    }

    /** The cells of one stream, or an empty list if the part does not have that stream. */
    public List<Cell> cells(String stream) {
        return cells.getOrDefault(stream, List.of());
    }

    /** The cell of a stream in an event; {@link Cell.Absent} for a stream this part does not have. */
    public Cell cell(String stream, int event) {
        List<Cell> streamCells = cells.get(stream);
        return streamCells == null ? Cell.absent() : streamCells.get(event);
    }

    /** Stream names in the order they were given, by position (see {@link #cellLists()}). */
    List<String> streamList() {
        return streamList;
    }

    /** The cells of every stream, in {@link #streamList()} order. */
    List<List<Cell>> cellLists() {
        return cellLists;
    }

    /**
     * Whether any cell has an "all" virtual worker ({@code "constraint": null}). Most data parts have none,
     * and then the engine need not look for "all" cells in their events.
     */
    boolean hasAllCells() {
        return hasAllCells;
    }

    /**
     * For a part where every stream has {@code [{"constraint": c}]} with the same {@code c} in each event
     * (uniform and batched maps, the sardana hook's map), the constraint of each local event; null for any
     * other part. The engine then deals in these numbers without reading cells.
     */
    LongUnaryOperator constraintOfEvent() {
        return constraintOfEvent;
    }

    /** Every tag used by any virtual worker of this part. */
    public Set<String> tags() {
        var tags = new TreeSet<String>();
        for (List<Cell> streamCells : cells.values()) {
            for (Cell cell : streamCells) {
                for (VirtualWorker vw : cell.virtualWorkers()) {
                    tags.addAll(vw.tags());
                }
            }
        }
        return tags;
    }

    /**
     * The largest number of distinct constraints any single event uses across its streams: fewer
     * workers than this can never make the event fully assigned (tags are not taken into account, as
     * upstream does not either).
     */
    public int minWorkers() {
        int max = 0;
        var constraints = new HashSet<Long>();
        for (int event = 0; event < length; event++) {
            constraints.clear();
            for (List<Cell> streamCells : cells.values()) {
                for (VirtualWorker vw : streamCells.get(event).virtualWorkers()) {
                    if (vw.constraint() != null) {
                        constraints.add(vw.constraint());
                    }
                }
            }
            max = Math.max(max, constraints.size());
        }
        return max;
    }

    @Override
    public String toString() {
        return "TriggerMap" + cells.keySet() + " x " + length + " events";
    }

    /** Cells {@code [{"constraint": f(i)}]} computed when asked, so large generated parts stay small. */
    private static final class ConstraintSeries extends AbstractList<Cell> {
        private final int size;
        private final LongUnaryOperator constraintOfEvent;
        /**
         * The cell asked for last: the engine reads each event's cell several times in a row, for every
         * stream. Racy on purpose: threads that miss it just compute the cell again, and the record's final
         * fields are never seen half-written.
         */
        private LastCell last;

        private record LastCell(int index, Cell cell) {
        }

        ConstraintSeries(int size, LongUnaryOperator constraintOfEvent) {
            this.size = size;
            this.constraintOfEvent = constraintOfEvent;
        }

        @Override
        public Cell get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("event " + index + " of " + size);
            }
            LastCell cached = last;
            if (cached != null && cached.index == index) {
                return cached.cell;
            }
            Cell cell = Cell.constrained(constraintOfEvent.applyAsLong(index));
            last = new LastCell(index, cell);
            return cell;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
