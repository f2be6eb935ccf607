package io.jdranspose.api;

import java.util.List;

/**
 * The map side of a plugin. One instance per worker and scan, so fields may hold state across the
 * events a worker receives (events with the same constraint always reach the same worker).
 *
 * @param <R> what {@link #process} returns. It travels to the reducer as CBOR: records, primitive arrays,
 *            strings, numbers, lists and maps work as they are; other classes a result refers to
 *            polymorphically must be listed in {@link #resultTypes()}. Never Java serialization.
 */
public interface Worker<R> {

    /** The parameters this worker reads; values arrive typed in {@link Parameters}. */
    default List<Parameter<?>> parameters() {
        return List.of();
    }

    /**
     * Maps one event. Called for every event assigned to this worker, including the start and end events
     * (use the protocol parsers to tell them apart).
     *
     * @return the result for the reducer, or {@code null} when there is nothing to reduce. An exception
     *         is logged with the event number and counted; the scan goes on.
     */
    R process(EventData event, Parameters parameters) throws Exception;

    /** Called once at the end of a scan, after the last event. */
    default void finish(Parameters parameters) throws Exception {
    }

    /**
     * Whether this worker holds on to an event's frames after {@link #process} returned: keeps a frame's
     * array, or an object that shares it (such as a parsed image viewing the frame's bytes), in a field. A
     * result that contains a frame does not count: it is encoded before {@code process} returns.
     *
     * <p>The default, {@code true}, is always safe. Return {@code false} to promise that nothing of a frame
     * outlives the call; the worker then takes later frames of the same size out of shared memory into the
     * same arrays. For frames of megabytes this halves the cost of that copy, since writing into memory that
     * no cache holds costs about as much again as the copy itself. A worker that breaks the promise sees the
     * frames it kept change under it.
     */
    default boolean keepsFrames() {
        return true;
    }

    /**
     * Extra classes the result codec may decode, beyond the declared result type {@code R} itself
     * (which is registered automatically when it is a concrete class).
     */
    default List<Class<?>> resultTypes() {
        return List.of();
    }
}
