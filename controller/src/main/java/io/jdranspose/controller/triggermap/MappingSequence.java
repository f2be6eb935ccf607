package io.jdranspose.controller.triggermap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A scan's trigger map: named parts and the sequence in which they are played, as posted to
 * {@code POST /api/v1/sequence}.
 *
 * <p>Parts are stored once; the sequence only refers to them by name, so a sequence that repeats a
 * 980-event part 1 000 times holds 1 000 small {@link PartInstance}s, not 980 000 events. Events are
 * computed on demand by {@link #event(long)}.
 *
 * <p>With {@code allWrap} (upstream's default) the sequence is wrapped in the part
 * {@value #START_END_PART}: one event in which every stream of the map has one "all" virtual worker
 * per tag used anywhere in the parts. It carries the streams' start and end messages, so event 0 and
 * the last event reach every worker whose tags occur in the map.
 */
public final class MappingSequence {

    /** Name of the part added at both ends by the start/end wrapping. */
    public static final String START_END_PART = "reserved_start_end";

    /** Part name used for the legacy single map ({@code POST /api/v1/mapping}). */
    public static final String LEGACY_PART = "main";

    /** Part name used by the sardana hook. */
    public static final String SARDANA_PART = "sardana";

    private static final MappingSequence EMPTY = new MappingSequence(Map.of(), List.of());

    private final Map<String, TriggerMap> parts;
    private final List<String> sequence;
    private final List<PartInstance> instances;
    private final Set<String> streams;
    private final long totalEvents;
    /** Start events of the non-empty instances, for binary search; zero-length instances hold no event. */
    private final long[] nonEmptyStarts;
    private final PartInstance[] nonEmptyInstances;

    private MappingSequence(Map<String, TriggerMap> parts, List<String> sequence) {
        this.parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        this.sequence = List.copyOf(sequence);
        var allStreams = new LinkedHashSet<String>();
        parts.values().forEach(part -> allStreams.addAll(part.streams()));
        this.streams = Collections.unmodifiableSet(allStreams);

        var built = new ArrayList<PartInstance>(sequence.size());
        var nonEmpty = new ArrayList<PartInstance>();
        long start = 0;
        for (int i = 0; i < sequence.size(); i++) {
            var instance = new PartInstance(i, sequence.get(i), parts.get(sequence.get(i)), start);
            built.add(instance);
            if (instance.length() > 0) {
                nonEmpty.add(instance);
            }
            start = instance.endEvent();
        }
        this.instances = List.copyOf(built);
        this.totalEvents = start;
        this.nonEmptyInstances = nonEmpty.toArray(PartInstance[]::new);
        this.nonEmptyStarts = nonEmpty.stream().mapToLong(PartInstance::startEvent).toArray();
    }

    /**
     * A sequence of named parts.
     *
     * @param parts    parts by name, in the order they should be written back
     * @param sequence part names in play order; must not be empty and may repeat names
     * @param allWrap  add the {@value #START_END_PART} part at both ends (upstream's {@code all_wrap})
     * @throws TriggerMapException if the sequence is empty, names an unknown part, or (with
     *                             {@code allWrap}) a part uses the reserved name
     */
    public static MappingSequence of(Map<String, TriggerMap> parts, List<String> sequence, boolean allWrap) {
        for (String name : parts.keySet()) {
            if (name.isEmpty()) {
                throw new TriggerMapException("part names must not be empty");
            }
            if (allWrap && name.equals(START_END_PART)) {
                throw new TriggerMapException("part name '" + START_END_PART
                        + "' is reserved for the start/end wrapping (all_wrap=true)");
            }
        }
        if (sequence.isEmpty()) {
            throw new TriggerMapException("sequence must not be empty");
        }
        for (int i = 0; i < sequence.size(); i++) {
            if (!parts.containsKey(sequence.get(i))) {
                throw new TriggerMapException("sequence entry " + i + " names unknown part '" + sequence.get(i)
                        + "' (known parts: " + quotedSorted(parts.keySet()) + ")");
            }
        }
        if (!allWrap) {
            return new MappingSequence(parts, sequence);
        }
        var wrappedParts = new LinkedHashMap<>(parts);
        wrappedParts.put(START_END_PART, startEndPart(parts.values()));
        var wrappedSequence = new ArrayList<String>(sequence.size() + 2);
        wrappedSequence.add(START_END_PART);
        wrappedSequence.addAll(sequence);
        wrappedSequence.add(START_END_PART);
        return new MappingSequence(wrappedParts, wrappedSequence);
    }

    /** The legacy single map ({@code POST /api/v1/mapping}): part {@value #LEGACY_PART}, sequence {@code ["main"]}. */
    public static MappingSequence single(TriggerMap map, boolean allWrap) {
        return of(Map.of(LEGACY_PART, map), List.of(LEGACY_PART), allWrap);
    }

    /**
     * What {@code POST /api/v1/sardana_hook} builds: part {@value #SARDANA_PART}, a
     * {@linkplain TriggerMap#uniform uniform} map of {@code nbPoints} events over the given streams
     * (the caller intersects them with the available streams first).
     */
    public static MappingSequence sardana(Collection<String> streams, int nbPoints, boolean allWrap) {
        return of(Map.of(SARDANA_PART, TriggerMap.uniform(streams, nbPoints)), List.of(SARDANA_PART), allWrap);
    }

    /** The mapping the controller starts with: no parts, no events. */
    public static MappingSequence empty() {
        return EMPTY;
    }

    /**
     * The start/end part: one event; every stream gets one "all" virtual worker per tag. Sorted so the
     * result does not depend on hash order (upstream builds it from Python sets).
     */
    private static TriggerMap startEndPart(Collection<TriggerMap> parts) {
        var tags = new TreeSet<String>();
        var allStreams = new TreeSet<String>();
        for (TriggerMap part : parts) {
            tags.addAll(part.tags());
            allStreams.addAll(part.streams());
        }
        Cell broadcast = Cell.of(tags.stream().map(tag -> new VirtualWorker(Set.of(tag), null)).toList());
        var cells = new LinkedHashMap<String, List<Cell>>();
        for (String stream : allStreams) {
            cells.put(stream, List.of(broadcast));
        }
        return TriggerMap.of(cells);
    }

    private static String quotedSorted(Collection<String> names) {
        return names.isEmpty() ? "none" : new TreeSet<>(names).stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    /** Parts by name, including {@value #START_END_PART} when wrapped. */
    public Map<String, TriggerMap> parts() {
        return parts;
    }

    /** Part names in play order, including the wrapping entries. */
    public List<String> sequence() {
        return sequence;
    }

    /** One entry per sequence entry, with its global start event. */
    public List<PartInstance> instances() {
        return instances;
    }

    /** Every stream named in any part (upstream's {@code active_streams}), in first-seen order. */
    public Set<String> streams() {
        return streams;
    }

    /** Sum of the lengths of the sequenced parts. */
    public long totalEvents() {
        return totalEvents;
    }

    /**
     * Fewest registered workers a scan of this map needs: the largest number of distinct constraints
     * any single event of any part uses across its streams. Uploads with fewer workers are refused.
     */
    public int minWorkers() {
        return parts.values().stream().mapToInt(TriggerMap::minWorkers).max().orElse(0);
    }

    /** The part instance holding a global event. */
    public PartInstance locate(long event) {
        if (event < 0 || event >= totalEvents) {
            throw new IndexOutOfBoundsException("event " + event + " is outside 0.." + (totalEvents - 1));
        }
        int found = Arrays.binarySearch(nonEmptyStarts, event);
        // Not found: -(insertion point) - 1, and the instance we want starts just before that point.
        return nonEmptyInstances[found >= 0 ? found : -found - 2];
    }

    /** The cell of one stream in one global event; {@link Cell.Absent} if the event's part lacks the stream. */
    public Cell cell(long event, String stream) {
        PartInstance instance = locate(event);
        return instance.part().cell(stream, instance.localIndex(event));
    }

    /** One event with its part instance and the cell of every stream. */
    public MappedEvent event(long event) {
        PartInstance instance = locate(event);
        int local = instance.localIndex(event);
        var cells = new LinkedHashMap<String, Cell>();
        for (String stream : streams) {
            cells.put(stream, instance.part().cell(stream, local));
        }
        return new MappedEvent(event, instance, local, cells);
    }

    /** All events in order, computed lazily. */
    public Stream<MappedEvent> events() {
        return LongStream.range(0, totalEvents).mapToObj(this::event);
    }

    @Override
    public String toString() {
        return "MappingSequence" + sequence + " (" + totalEvents + " events)";
    }
}
