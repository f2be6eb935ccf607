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
 * @param rateHz      events per second to hand out, to watch a replay live as if the detector were
 *                    running; 0 means as fast as possible
 * @param datasets    HDF5 datasets to replay as STINS streams, each from the HDF5 file among {@code files} that
 *                    holds it; required when a file is HDF5 (recognised by content, not extension)
 */
public record ReplayOptions(List<Path> files, int workers, Map<String, byte[]> parameters, int queueEvents,
                            double rateHz, List<DatasetStream> datasets) {
    public ReplayOptions {
        files = List.copyOf(files);
        datasets = List.copyOf(datasets);
        java.util.Set<String> streams = new java.util.HashSet<>();
        for (DatasetStream d : datasets) {
            if (!streams.add(d.stream())) {
                throw new IllegalArgumentException("stream name '" + d.stream() + "' is given to two datasets");
            }
        }
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
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rate must be a positive number of events per second, or 0, got " + rateHz);
        }
    }

    /** Options for recordings only, no HDF5 datasets. */
    public ReplayOptions(List<Path> files, int workers, Map<String, byte[]> parameters, int queueEvents, double rateHz) {
        this(files, workers, parameters, queueEvents, rateHz, List.of());
    }

    public static ReplayOptions of(List<Path> files, int workers) {
        return new ReplayOptions(files, workers, Map.of(), 1024, 0);
    }

    public ReplayOptions withParameters(Map<String, byte[]> values) {
        return new ReplayOptions(files, workers, values, queueEvents, rateHz, datasets);
    }

    public ReplayOptions withRate(double hz) {
        return new ReplayOptions(files, workers, parameters, queueEvents, hz, datasets);
    }

    public ReplayOptions withDatasets(List<DatasetStream> chosen) {
        return new ReplayOptions(files, workers, parameters, queueEvents, rateHz, chosen);
    }
}
