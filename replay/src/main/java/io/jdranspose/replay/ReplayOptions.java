package io.jdranspose.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to replay and how.
 *
 * @param files       recordings, one per ingester ({@code .cbors}, optionally gzipped)
 * @param workers     number of in-process workers (each with its own plugin instance and thread)
 * @param parameters  raw parameter values (from a parameter file); declared parameters without a value
 *                    get their defaults
 * @param queueEvents bound on events waiting for a worker (memory stays bounded for any file size)
 */
public record ReplayOptions(List<Path> files, int workers, Map<String, byte[]> parameters, int queueEvents) {
    public ReplayOptions {
        files = List.copyOf(files);
        parameters = Map.copyOf(parameters);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no recording to replay: give at least one file with -f");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("need at least one worker, got " + workers);
        }
        if (queueEvents < 1) {
            throw new IllegalArgumentException("queue must hold at least one event");
        }
    }

    public static ReplayOptions of(List<Path> files, int workers) {
        return new ReplayOptions(files, workers, Map.of(), 1024);
    }

    public ReplayOptions withParameters(Map<String, byte[]> values) {
        return new ReplayOptions(files, workers, values, queueEvents);
    }
}
