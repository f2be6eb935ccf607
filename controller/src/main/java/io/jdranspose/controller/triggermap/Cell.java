package io.jdranspose.controller.triggermap;

import java.util.List;

/**
 * What one stream does in one event of a trigger map.
 *
 * <p>The three cases are kept apart on purpose: {@link Absent} ({@code null} in JSON) means the
 * stream has no frame in this event and nothing is consumed, while {@link Discard} ({@code []}) means
 * the ingester consumes the frame (and records it) but sends it to nobody. Confusing the two shifts
 * every later frame of the stream into the wrong event.
 */
public sealed interface Cell {

    /** {@code null}: the stream has no frame in this event. */
    record Absent() implements Cell {
    }

    /** {@code []}: the stream's frame is consumed and dropped. */
    record Discard() implements Cell {
    }

    /**
     * {@code [vw, ...]}: the frame goes to the union of the real workers behind these virtual workers.
     *
     * @param virtualWorkers at least one
     */
    record Workers(List<VirtualWorker> virtualWorkers) implements Cell {
        public Workers {
            virtualWorkers = List.copyOf(virtualWorkers);
            if (virtualWorkers.isEmpty()) {
                throw new IllegalArgumentException("a Workers cell needs at least one virtual worker; use Cell.discard()");
            }
        }
    }

    Absent ABSENT = new Absent();
    Discard DISCARD = new Discard();

    static Cell absent() {
        return ABSENT;
    }

    static Cell discard() {
        return DISCARD;
    }

    /** A cell with these virtual workers, or {@link #discard()} if there are none (JSON {@code []}). */
    static Cell of(List<VirtualWorker> virtualWorkers) {
        return virtualWorkers.isEmpty() ? DISCARD : new Workers(virtualWorkers);
    }

    static Cell of(VirtualWorker... virtualWorkers) {
        return of(List.of(virtualWorkers));
    }

    /** {@code [{"tags":["generic"],"constraint":c}]}, the cell of uniform and batched maps. */
    static Cell constrained(long constraint) {
        return new Workers(List.of(VirtualWorker.constrained(constraint)));
    }

    /** The virtual workers of this cell; empty for {@link Absent} and {@link Discard}. */
    default List<VirtualWorker> virtualWorkers() {
        return List.of();
    }
}
