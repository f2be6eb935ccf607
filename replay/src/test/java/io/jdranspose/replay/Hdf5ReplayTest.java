package io.jdranspose.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.runtime.recording.RecordingException;
import io.jdranspose.runtime.recording.RecordingWriter;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays {@code hdf5/scan.h5}, written by {@code hdf5/make_test_files.py}, whose values follow formulas. */
class Hdf5ReplayTest {
    @TempDir
    Path dir;

    static Path scan() {
        try {
            return Path.of(Hdf5ReplayTest.class.getResource("/hdf5/scan.h5").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EventData> events(List<Path> files, DatasetStream... datasets) {
        List<EventData> out = new ArrayList<>();
        List<RecordingException> damage = new ArrayList<>();
        try (RecordingMerger m = new RecordingMerger(ReplayInput.openAll(files, List.of(datasets)), damage::add)) {
            m.forEachRemaining(out::add);
        }
        assertThat(damage).isEmpty();
        return out;
    }

    private static StinsPacket.Image image(EventData e, String stream) {
        StreamData s = e.stream(stream);
        assertThat(s.type()).isEqualTo(Stins.TYPE);
        return Stins.parse(s).image();
    }

    private static int eiger(int f, int y, int x) {
        return (f * 1000 + y * 41 + x) % 65536;
    }

    private static void assertEigerFrames(List<EventData> events, String stream) {
        for (int f = 0; f < 5; f++) {
            StinsPacket.Image img = image(events.get(f + 1), stream);
            assertThat(img.frame()).isEqualTo(f);
            assertThat(img.msgNumber()).isEqualTo(f + 1);
            assertThat(img.compression()).isEqualTo("none");
            NdArray a = img.data();
            assertThat(a.dtype()).isEqualTo(DType.UINT16);
            assertThat(a.shape()).containsExactly(37, 41);
            for (int y = 0; y < 37; y++) {
                for (int x = 0; x < 41; x++) {
                    assertThat((int) a.get(y, x)).as("%s frame %d (%d, %d)", stream, f, y, x).isEqualTo(eiger(f, y, x));
                }
            }
        }
    }

    @Test
    void bitshuffleLz4FramesOfANonBlockAlignedSizeDecodeExactly() {
        List<EventData> events = events(List.of(scan()), new DatasetStream("/entry/data/data", "eiger"));
        assertThat(events).hasSize(5 + 2);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).eventNumber()).isEqualTo(i);
        }
        StinsPacket start = Stins.parse(events.get(0).stream("eiger"));
        assertThat(start).isInstanceOf(StinsPacket.Start.class);
        assertThat(((StinsPacket.Start) start).filename()).isEqualTo(scan().toString());
        assertThat(start.msgNumber()).isZero();
        assertEigerFrames(events, "eiger");
        StinsPacket end = Stins.parse(events.get(6).stream("eiger"));
        assertThat(end).isInstanceOf(StinsPacket.End.class);
        assertThat(end.msgNumber()).isEqualTo(6);
    }

    @Test
    void lz4ChunksSpanningTwoFramesAreSplitIntoFrames() {
        assertEigerFrames(events(List.of(scan()), new DatasetStream("entry/data/multi", "multi")), "multi");
    }

    @Test
    void gzipFloat32Frames() {
        List<EventData> events = events(List.of(scan()), new DatasetStream("/entry/gzip", "g"));
        assertThat(events).hasSize(4 + 2);
        for (int f = 0; f < 4; f++) {
            NdArray a = image(events.get(f + 1), "g").data();
            assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(a.shape()).containsExactly(8, 8);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertThat(a.get(y, x)).isEqualTo(f + y * 0.5 + x * 0.25);
                }
            }
        }
    }

    @Test
    void uncompressedSignedIntFrames() {
        List<EventData> events = events(List.of(scan()), new DatasetStream("/entry/plain", "p"));
        assertThat(events).hasSize(3 + 2);
        for (int f = 0; f < 3; f++) {
            int frame = f;
            NdArray a = image(events.get(f + 1), "p").data();
            assertThat(a.dtype()).isEqualTo(DType.INT32);
            assertThat(a.shape()).containsExactly(10);
            assertThat((int[]) a.toArray()).containsExactly(java.util.stream.IntStream.range(0, 10)
                    .map(x -> (frame * 10 + x) * -7).toArray());
        }
    }

    @Test
    void severalDatasetsBecomeStreamsOfTheSameEventsAndOneDimensionalOnesScalarFrames() {
        List<EventData> events = events(List.of(scan()), new DatasetStream("/entry/data/data", "eiger"),
                new DatasetStream("/entry/motor", "motor"), new DatasetStream("/entry/big_endian", "be"),
                new DatasetStream("/entry/small", "small"), new DatasetStream("/entry/wide", "wide"));
        assertThat(events).hasSize(7);
        assertThat(events).allSatisfy(e -> assertThat(e.streams()).containsOnlyKeys("eiger", "motor", "be", "small", "wide"));
        assertThat(Stins.parse(events.get(0).stream("motor"))).isInstanceOf(StinsPacket.Start.class);
        assertThat(Stins.parse(events.get(6).stream("be"))).isInstanceOf(StinsPacket.End.class);
        for (int f = 0; f < 5; f++) {
            EventData e = events.get(f + 1);
            NdArray motor = image(e, "motor").data();
            assertThat(motor.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(motor.shape()).isEmpty();
            assertThat(motor.getDouble(0)).isEqualTo(f * 0.1 + 1.0);

            StinsPacket.Image be = image(e, "be");
            assertThat(be.header()).containsEntry("type", "uint32");  // converted to little endian
            NdArray b = be.data();
            assertThat(b.shape()).containsExactly(3, 4);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat((long) b.get(y, x)).isEqualTo(3_000_000_000L + f * 100_000L + y * 4 + x);
                }
            }
            NdArray small = image(e, "small").data();
            assertThat(small.dtype()).isEqualTo(DType.INT8);
            assertThat((byte[]) small.toArray()).containsExactly((byte) (f * 4 - 10), (byte) (f * 4 - 9),
                    (byte) (f * 4 - 8), (byte) (f * 4 - 7));
            NdArray wide = image(e, "wide").data();
            assertThat(wide.dtype()).isEqualTo(DType.UINT64);
            long bits = wide.buffer().getLong(0);
            assertThat(new BigInteger(Long.toUnsignedString(bits)))
                    .isEqualTo(BigInteger.TWO.pow(63).add(BigInteger.valueOf(f * 3L)));
        }
    }

    @Test
    void aRecordingAndAnHdf5FileReplayTogetherAlignedByEventNumber() throws Exception {
        Path rec = dir.resolve("pcap.h5-but-really-cbors");  // content decides, not the name
        try (RecordingWriter w = RecordingWriter.create(rec)) {
            for (int e = 0; e < 7; e++) {
                w.write(e, Map.of("pcap", StreamData.of("raw", new byte[] {(byte) e})), Instant.now());
            }
        }
        Path copy = dir.resolve("scan.cbors");  // an HDF5 file with a recording's extension
        Files.copy(scan(), copy);
        List<EventData> events = events(List.of(rec, copy), new DatasetStream("/entry/motor", "motor"));
        assertThat(events).hasSize(7);
        for (EventData e : events) {
            assertThat(e.streams()).containsOnlyKeys("pcap", "motor");
            assertThat(e.stream("pcap").frames().get(0)[0]).isEqualTo((byte) e.eventNumber());
        }
        assertThat(image(events.get(3), "motor").data().getDouble(0)).isEqualTo(2 * 0.1 + 1.0);
    }

    @Test
    void errorsNameTheFileTheDatasetAndWhatIsWrong() throws Exception {
        Path scan = scan();
        assertThatThrownBy(() -> ReplayInput.openAll(List.of(scan), List.of()))
                .isInstanceOf(RecordingException.class)
                .hasMessageStartingWith(scan + " is an HDF5 file: choose its datasets with --dataset PATH=STREAM; "
                        + "datasets with a frame axis in scan.h5: ")
                .hasMessageContaining("/entry/data/data [5, 37, 41] uint16")
                .hasMessageContaining("/entry/motor [5] float64")
                .hasMessageContaining("/entry/big_endian [5, 3, 4] uint32")
                .hasMessageNotContaining("/entry/title");
        assertThatThrownBy(() -> ReplayInput.openAll(List.of(scan), List.of(new DatasetStream("/entry/nope", "x"))))
                .hasMessageStartingWith("no dataset /entry/nope with a frame axis in " + scan + "; ");
        Path rec = dir.resolve("a.cbors");
        try (RecordingWriter w = RecordingWriter.create(rec)) {
            w.write(0, Map.of("a", StreamData.of("raw", new byte[] {1})), Instant.now());
        }
        assertThatThrownBy(() -> ReplayInput.openAll(List.of(rec), List.of(new DatasetStream("/entry/motor", "m"))))
                .hasMessage("--dataset /entry/motor given, but no file is HDF5: [" + rec + "]");
        assertThatThrownBy(() -> ReplayInput.openAll(List.of(scan),
                List.of(new DatasetStream("/entry/data/data", "e"), new DatasetStream("/entry/gzip", "g"))))
                .hasMessage("datasets replayed together must have the same number of frames: /entry/data/data in "
                        + scan + " has 5, /entry/gzip in " + scan + " has 4");
        Path twin = Files.copy(scan, dir.resolve("twin.h5"));
        assertThatThrownBy(() -> ReplayInput.openAll(List.of(scan, twin), List.of(new DatasetStream("/entry/motor", "m"))))
                .hasMessage("dataset /entry/motor is in both " + scan + " and " + twin + "; replay one of them");
        Path other = dir.resolve("other.h5");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(other)) {
            w.putDataset("counts", new int[] {1, 2, 3});
        }
        assertThatThrownBy(() -> ReplayInput.openAll(List.of(scan, other), List.of(new DatasetStream("/entry/motor", "m"))))
                .hasMessage(other + " is an HDF5 file: choose its datasets with --dataset PATH=STREAM; "
                        + "datasets with a frame axis in other.h5: /counts [3] int32");
        assertThatThrownBy(() -> ReplayOptions.of(List.of(scan), 1).withDatasets(List.of(
                new DatasetStream("/entry/motor", "m"), new DatasetStream("/entry/small", "m"))))
                .hasMessage("stream name 'm' is given to two datasets");
        assertThatThrownBy(() -> DatasetStream.parse("/entry/data/data"))
                .hasMessage("--dataset '/entry/data/data' is not PATH=STREAM, e.g. /entry/data/data=eiger");
    }

    @Test
    void aCorruptChunkEndsTheFileThereAndIsReportedWithFileDatasetAndFrame() throws Exception {
        byte[] raw;
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(scan())) {
            java.nio.ByteBuffer b = ((io.jhdf.api.dataset.ChunkedDataset) h.getDatasetByPath("/entry/data/data"))
                    .getRawChunkBuffer(new int[] {2, 0, 0});
            raw = new byte[b.remaining()];
            b.get(raw);
        }
        byte[] file = Files.readAllBytes(scan());
        int at = indexOf(file, raw);
        assertThat(at).isPositive();
        // the first LZ4 block's length (after the 12 B header) now points far past the chunk
        file[at + 12] = 0x7f;
        Path bad = Files.write(dir.resolve("bad.h5"), file);
        List<EventData> events = new ArrayList<>();
        List<RecordingException> damage = new ArrayList<>();
        try (RecordingMerger m = new RecordingMerger(ReplayInput.openAll(List.of(bad),
                List.of(new DatasetStream("/entry/data/data", "eiger"))), damage::add)) {
            m.forEachRemaining(events::add);
        }
        assertThat(events).extracting(EventData::eventNumber).containsExactly(0L, 1L, 2L);
        assertThat(damage).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith(bad + ": dataset /entry/data/data, frames 2..2 unreadable: ");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Sums each eiger frame and records the motor position: a plugin written for STINS detectors. */
    public static final class FrameSumWorker implements Worker<double[]> {
        @Override
        public double[] process(EventData event, Parameters parameters) {
            StinsPacket.Image img = Stins.parse(event.stream("eiger")).image();
            if (img == null) {
                return null;
            }
            return new double[] {img.frame(), img.data().sum(), Stins.parse(event.stream("motor")).image().data().getDouble(0)};
        }
    }

    public static final class FrameSumReducer implements Reducer<double[]> {
        @Override
        public void reduce(ResultData<double[]> r, Parameters parameters, PublishTree publish) {
            int frame = (int) r.payload()[0];
            publish.numeric("/sum", DType.FLOAT64).set(frame, r.payload()[1]);
            publish.numeric("/motor", DType.FLOAT64).set(frame, r.payload()[2]);
        }
    }

    @Test
    void replaysThroughAWorkerAndReducerPlugin() throws Exception {
        Replay replay = new Replay(PluginLoader.load(null, FrameSumWorker.class.getName(), FrameSumReducer.class.getName()),
                ReplayOptions.of(List.of(scan()), 2).withDatasets(List.of(
                        new DatasetStream("/entry/data/data", "eiger"), new DatasetStream("/entry/motor", "motor"))));
        ReplaySummary s = replay.run(ReplayProgress.NONE);
        assertThat(s.events()).isEqualTo(7);
        assertThat(s.errors()).isZero();
        NumericDataset sum = (NumericDataset) replay.tree().find("/sum");
        NumericDataset motor = (NumericDataset) replay.tree().find("/motor");
        assertThat(sum.shape()).containsExactly(5);
        for (int f = 0; f < 5; f++) {
            long expected = 0;
            for (int y = 0; y < 37; y++) {
                for (int x = 0; x < 41; x++) {
                    expected += eiger(f, y, x);
                }
            }
            assertThat(sum.snapshot().getDouble(f)).isEqualTo(expected);
            assertThat(motor.snapshot().getDouble(f)).isEqualTo(f * 0.1 + 1.0);
        }
    }

}
