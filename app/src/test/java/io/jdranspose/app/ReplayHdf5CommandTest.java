package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.runtime.recording.RecordingWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay -f scan.h5 --dataset PATH=STREAM} on the HDF5 file the replay module's tests use. */
class ReplayHdf5CommandTest {
    /** Written by replay/src/test/resources/hdf5/make_test_files.py. */
    static final Path SCAN = Path.of("..", "replay", "src", "test", "resources", "hdf5", "scan.h5").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The motor position of each image: a plugin that only knows STINS. */
    public static final class MotorWorker implements Worker<double[]> {
        @Override
        public double[] process(EventData event, Parameters parameters) {
            StinsPacket.Image img = Stins.parse(event.stream("motor")).image();
            return img == null ? null : new double[] {img.frame(), img.data().getDouble(0)};
        }
    }

    public static final class MotorReducer implements Reducer<double[]> {
        @Override
        public void reduce(ResultData<double[]> r, Parameters parameters, PublishTree publish) {
            publish.numeric("/motor", DType.FLOAT64).set((long) r.payload()[0], r.payload()[1]);
        }
    }

    @Test
    void replaysAnHdf5DatasetThroughAPlugin() {
        Cli cli = Cli.run("replay", "-w", MotorWorker.class.getName(), "-r", MotorReducer.class.getName(),
                "-f", SCAN.toString(), "--dataset", "/entry/motor=motor", "--nworkers", "1");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("7 events");
    }

    @Test
    void anHdf5FileWithoutDatasetListsTheOnesItHas() {
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", SCAN.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).startsWith("jdranspose replay: " + SCAN + " is an HDF5 file: choose its datasets"
                        + " with --dataset PATH=STREAM; datasets with a frame axis in scan.h5: ")
                .contains("/entry/data/data [5, 37, 41] uint16", "/entry/gzip [4, 8, 8] float32",
                        "/entry/plain [3, 10] int32", "/entry/motor [5] float64")
                .doesNotContain("/entry/title");
    }

    @Test
    void aMissingDatasetNamesThePathAndTheFile() {
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", SCAN.toString(),
                "--dataset", "/entry/data/missing=eiger");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip())
                .startsWith("jdranspose replay: no dataset /entry/data/missing with a frame axis in " + SCAN + "; ");
    }

    @Test
    void aDatasetWithoutAnHdf5FileIsAnError() throws Exception {
        Path rec = dir.resolve("a.cbors");
        try (RecordingWriter w = RecordingWriter.create(rec)) {
            w.write(0, Map.of("a", io.jdranspose.api.StreamData.of("raw", new byte[] {1})), Instant.now());
        }
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", rec.toString(),
                "--dataset", "/entry/data/data=eiger");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo("jdranspose replay: --dataset /entry/data/data given, but no file is HDF5: [" + rec + "]");
        Cli malformed = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", SCAN.toString(),
                "--dataset", "/entry/data/data");
        assertThat(malformed.err().strip()).isEqualTo(
                "jdranspose replay: --dataset '/entry/data/data' is not PATH=STREAM, e.g. /entry/data/data=eiger");
    }

    @Test
    void datasetsOfDifferentLengthsAreNamedWithTheirCounts() {
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", SCAN.toString(),
                "--dataset", "/entry/data/data=eiger", "--dataset", "/entry/plain=p");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("jdranspose replay: datasets replayed together must have the same number"
                + " of frames: /entry/data/data in " + SCAN + " has 5, /entry/plain in " + SCAN + " has 3");
    }
}
