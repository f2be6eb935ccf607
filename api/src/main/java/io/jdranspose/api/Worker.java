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
     * Extra classes the result codec may decode, beyond the declared result type {@code R} itself
     * (which is registered automatically when it is a concrete class).
     */
    default List<Class<?>> resultTypes() {
        return List.of();
    }
}
