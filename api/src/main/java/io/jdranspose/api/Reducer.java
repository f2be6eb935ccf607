package io.jdranspose.api;

import io.jdranspose.api.publish.PublishTree;
import java.time.Duration;
import java.util.List;

/**
 * The reduce side of a plugin. One instance per scan; {@link #reduce}, {@link #timer} and {@link #finish}
 * are never called concurrently, so plain fields are safe. What it publishes into the {@link PublishTree}
 * is served live to viewers and written to HDF5 at the end of the scan.
 *
 * @param <R> the worker's result type
 */
public interface Reducer<R> {

    /** The parameters this reducer reads. */
    default List<Parameter<?>> parameters() {
        return List.of();
    }

    /** Folds one worker result into the published tree. Results arrive in any order. */
    void reduce(ResultData<R> result, Parameters parameters, PublishTree publish) throws Exception;

    /**
     * Optional periodic work off the per-result path (heavy fits, republishing parameters). Called about
     * one second after the scan starts and then again after the returned delay; return {@code null} to
     * stop the timer. The default has no timer.
     */
    default Duration timer(Parameters parameters, PublishTree publish) throws Exception {
        return null;
    }

    /** Called once at the end of a scan, after the last result. */
    default void finish(Parameters parameters, PublishTree publish) throws Exception {
    }
}
