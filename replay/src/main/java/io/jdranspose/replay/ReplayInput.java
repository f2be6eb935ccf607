package io.jdranspose.replay;

import io.jdranspose.runtime.recording.Recorded;
import io.jdranspose.runtime.recording.RecordingException;
import io.jdranspose.runtime.recording.RecordingReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file being replayed, as records in event-number order: an ingester recording, or an HDF5 file whose
 * datasets are turned into STINS series. {@link RecordingMerger} joins the inputs' records by event number.
 */
sealed interface ReplayInput extends Iterator<Recorded>, Closeable permits ReplayInput.Recording, Hdf5Input {

    /** The HDF5 signature, at offset 0 of files without a user block. */
    byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    Path path();

    /** Bytes consumed so far, for progress. */
    long bytesRead();

    long fileSize();

    /**
     * @throws RecordingException when the next record is damaged; the merger then treats this input as ended
     */
    @Override
    Recorded next();

    /** An ingester recording ({@code .cbors}, gzipped or not). */
    record Recording(RecordingReader reader) implements ReplayInput {
        @Override
        public Path path() {
            return reader.path();
        }

        @Override
        public long bytesRead() {
            return reader.bytesRead();
        }

        @Override
        public long fileSize() {
            return reader.fileSize();
        }

        @Override
        public boolean hasNext() {
            return reader.hasNext();
        }

        @Override
        public Recorded next() {
            return reader.next();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /**
     * Opens every file, telling HDF5 from recordings by content. Each dataset is taken from the one HDF5 file
     * that holds it.
     *
     * @throws RecordingException naming the file and dataset when a file cannot be opened, datasets are given
     *                            without an HDF5 file, an HDF5 file has no dataset to replay (the message lists
     *                            the ones it has), a dataset is in no file or in several, or the datasets differ
     *                            in frame count
     */
    static List<ReplayInput> openAll(List<Path> files, List<DatasetStream> datasets) {
        List<Path> hdf5 = new ArrayList<>();
        for (Path f : files) {
            if (isHdf5(f)) {
                hdf5.add(f);
            }
        }
        if (hdf5.isEmpty() && !datasets.isEmpty()) {
            throw new RecordingException("--dataset " + datasets.get(0).path() + " given, but no file is HDF5: " + files);
        }
        Map<Path, List<DatasetStream>> wanted = assign(hdf5, datasets);
        List<ReplayInput> inputs = new ArrayList<>();
        try {
            for (Path f : files) {
                inputs.add(wanted.containsKey(f) ? Hdf5Input.open(f, wanted.get(f)) : new Recording(RecordingReader.open(f)));
            }
            Hdf5Input.requireSameFrameCount(inputs.stream()
                    .filter(Hdf5Input.class::isInstance).map(Hdf5Input.class::cast).toList());
            return inputs;
        } catch (IOException | RuntimeException e) {
            for (ReplayInput in : inputs) {
                try {
                    in.close();
                } catch (IOException | RuntimeException ignored) {
                    // already failing; the first error is the one to report
                }
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new RecordingException(e.getMessage(), e);
        }
    }

    /** Which datasets each HDF5 file supplies; every dataset must be in exactly one file, every file used. */
    private static Map<Path, List<DatasetStream>> assign(List<Path> hdf5, List<DatasetStream> datasets) {
        Map<Path, List<DatasetStream>> wanted = new LinkedHashMap<>();
        Map<Path, Map<String, String>> available = new LinkedHashMap<>();
        for (Path f : hdf5) {
            available.put(f, Hdf5Input.framedDatasets(f));
            wanted.put(f, new ArrayList<>());
        }
        for (DatasetStream d : datasets) {
            List<Path> holders = hdf5.stream().filter(f -> available.get(f).containsKey(d.path())).toList();
            if (holders.isEmpty()) {
                throw new RecordingException("no dataset " + d.path() + " with a frame axis in "
                        + (hdf5.size() == 1 ? hdf5.get(0) : "any of " + hdf5) + "; "
                        + Hdf5Input.describe(hdf5.get(0), available.get(hdf5.get(0))));
            }
            if (holders.size() > 1) {
                throw new RecordingException("dataset " + d.path() + " is in both " + holders.get(0) + " and "
                        + holders.get(1) + "; replay one of them");
            }
            wanted.get(holders.get(0)).add(d);
        }
        for (Path f : hdf5) {
            if (wanted.get(f).isEmpty()) {
                throw new RecordingException(f + " is an HDF5 file: choose its datasets with --dataset PATH=STREAM; "
                        + Hdf5Input.describe(f, available.get(f)));
            }
        }
        return wanted;
    }

    /** True when the file starts with the HDF5 signature (extensions are not trusted). */
    static boolean isHdf5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HDF5_MAGIC.length), HDF5_MAGIC);
        } catch (IOException e) {
            // unreadable: the recording reader reports it with its own message
            return false;
        }
    }
}
