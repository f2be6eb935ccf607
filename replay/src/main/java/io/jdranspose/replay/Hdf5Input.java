package io.jdranspose.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.DType;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.runtime.recording.Recorded;
import io.jdranspose.runtime.recording.RecordingException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * An HDF5 file replayed as detectors: each chosen dataset becomes a STINS stream of the same events. Event 0
 * is the series start (filename = the HDF5 file), events 1..n carry frames 0..n-1 uncompressed, little
 * endian, and event n+1 is the series end, so plugins written for STINS detectors run unchanged.
 */
final class Hdf5Input implements ReplayInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final HdfFile file;
    private final List<DatasetFrames> datasets;
    private final long fileSize;
    private final long frames;
    private long nextEvent;

    private Hdf5Input(Path path, HdfFile file, List<DatasetFrames> datasets, long fileSize) {
        this.path = path;
        this.file = file;
        this.datasets = datasets;
        this.fileSize = fileSize;
        this.frames = datasets.get(0).frames();
    }

    /**
     * Opens the datasets of one HDF5 file (they must share their frame count).
     *
     * @throws RecordingException naming the file and dataset when the file is not readable HDF5, a path is
     *                            missing or not a dataset, or a dataset cannot be sent as STINS frames
     */
    static Hdf5Input open(Path path, List<DatasetStream> wanted) {
        JhdfFilters.install();
        HdfFile file = openFile(path);
        try {
            List<DatasetFrames> frames = new ArrayList<>();
            for (DatasetStream d : wanted) {
                Node node;
                try {
                    node = file.getByPath(d.path());
                } catch (HdfException e) {
                    throw new RecordingException("no dataset " + d.path() + " in " + path);
                }
                if (!(node instanceof Dataset ds)) {
                    throw new RecordingException(path + ": " + d.path() + " is a " + node.getType().name().toLowerCase()
                            + ", not a dataset");
                }
                frames.add(DatasetFrames.open(path, ds, d));
            }
            Hdf5Input input = new Hdf5Input(path, file, frames, Files.size(path));
            requireSameFrameCount(List.of(input));
            return input;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof RecordingException re ? re : new RecordingException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Datasets of a file that have at least one axis, by path, each with its shape and type for messages.
     *
     * @throws RecordingException when the file is not readable HDF5
     */
    static Map<String, String> framedDatasets(Path path) {
        try (HdfFile file = openFile(path)) {
            Map<String, String> found = new LinkedHashMap<>();
            collect(file, found);
            return found;
        } catch (HdfException e) {
            throw new RecordingException(path + ": unreadable HDF5: " + e.getMessage(), e);
        }
    }

    /** "its datasets with a frame axis: /a [5, 3] uint16, ..." for error messages. */
    static String describe(Path path, Map<String, String> datasets) {
        return datasets.isEmpty() ? path.getFileName() + " has no dataset with a frame axis"
                : "datasets with a frame axis in " + path.getFileName() + ": " + datasets.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void collect(Group group, Map<String, String> found) {
        for (Node node : group) {
            if (node.isLink()) {
                continue;  // links may point outside the file or back up the tree
            }
            if (node instanceof Group g) {
                collect(g, found);
            } else if (node instanceof Dataset ds && !ds.isScalar() && ds.getDimensions().length > 0) {
                DType t = DatasetFrames.dtypeOf(ds.getDataType());
                found.put(ds.getPath().startsWith("/") ? ds.getPath() : "/" + ds.getPath(),
                        Arrays.toString(ds.getDimensions()) + " "
                                + (t == null ? ds.getDataType().getClass().getSimpleName() : t.numpyName()));
            }
        }
    }

    private static HdfFile openFile(Path path) {
        JhdfFilters.install();
        try {
            return new HdfFile(path);
        } catch (HdfException | UncheckedIOException e) {
            throw new RecordingException(path + ": unreadable HDF5: " + e.getMessage(), e);
        }
    }

    /**
     * @throws RecordingException naming both datasets and their counts when frame counts differ
     */
    static void requireSameFrameCount(List<Hdf5Input> inputs) {
        Hdf5Input firstInput = null;
        DatasetFrames first = null;
        for (Hdf5Input in : inputs) {
            for (DatasetFrames d : in.datasets) {
                if (first == null) {
                    first = d;
                    firstInput = in;
                } else if (d.frames() != first.frames()) {
                    throw new RecordingException("datasets replayed together must have the same number of frames: "
                            + first.target().path() + " in " + firstInput.path + " has " + first.frames() + ", "
                            + d.target().path() + " in " + in.path + " has " + d.frames());
                }
            }
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public long bytesRead() {
        return fileSize * nextEvent / (frames + 2);
    }

    @Override
    public long fileSize() {
        return fileSize;
    }

    @Override
    public boolean hasNext() {
        return nextEvent <= frames + 1;
    }

    @Override
    public Recorded next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long event = nextEvent++;
        Map<String, StreamData> streams = new LinkedHashMap<>();
        for (DatasetFrames d : datasets) {
            streams.put(d.target().stream(), packet(d, event));
        }
        return new Recorded(event, streams, null);
    }

    private StreamData packet(DatasetFrames d, long event) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (event == 0) {
            header.put("htype", "header");
            header.put("filename", path.toString());
            header.put("msg_number", 0);
            return StreamData.of(Stins.TYPE, json(header));
        }
        if (event == frames + 1) {
            header.put("htype", "series_end");
            header.put("msg_number", event);
            return StreamData.of(Stins.TYPE, json(header));
        }
        long frame = event - 1;
        byte[] pixels;
        try {
            pixels = d.frame(frame);
        } catch (RecordingException e) {
            nextEvent = frames + 2;  // unreadable data: end this input here, as a damaged recording would
            throw e;
        }
        header.put("htype", "image");
        header.put("frame", frame);
        header.put("shape", d.frameShape());
        header.put("type", d.dtype().numpyName());
        header.put("compression", "none");
        header.put("msg_number", event);
        return StreamData.of(Stins.TYPE, json(header), pixels);
    }

    private static byte[] json(Map<String, Object> header) {
        try {
            return JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
