package io.jdranspose.controller.triggermap;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Where the frames of one event go, once every virtual worker of the event has a real worker.
 *
 * <p>A stream whose cell is {@code []} is present with an empty list (the ingester consumes the frame
 * and sends it to nobody); a stream whose cell is {@code null} is absent (the stream has no frame in
 * this event). Upstream writes the same thing as {@code {"event_number": n, "assignments": {...}}}.
 *
 * @param eventNumber global event number
 * @param streams     per stream, the sorted, de-duplicated names of the workers that get its frame
 */
public record WorkAssignment(long eventNumber, Map<String, List<String>> streams) {

    /** Keeps the order of {@code streams}; the engine passes a shared immutable map, which is not copied. */
    public WorkAssignment {
        streams = StreamWorkers.copyOf(streams);
    }

    /** Every worker that gets at least one frame of the event: these must report it before it is complete. */
    public SortedSet<String> workers() {
        return ((StreamWorkers) streams).workers();
    }

    /** {@link #workers()} as a list, for loops that run per event. */
    List<String> workerList() {
        return ((StreamWorkers) streams).workerList();
    }

    /** True when no worker gets anything (all cells {@code null} or {@code []}): the event is complete at once. */
    public boolean hasNoWorkers() {
        return workers().isEmpty();
    }
}
