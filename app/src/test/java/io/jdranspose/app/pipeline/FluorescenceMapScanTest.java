package io.jdranspose.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.contrast.Contrast;
import io.jdranspose.api.contrast.ContrastPacket;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.xspress.Xspress3;
import io.jdranspose.api.xspress.Xspress3Packet;
import io.jdranspose.app.SharedData;
import io.jdranspose.examples.FluorescenceMapReducer;
import io.jdranspose.examples.FluorescenceMapWorker;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.recording.CaptureReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two-stream scan a beamline scientist looks at first: the contrast scan software's motor positions and
 * the Xspress3 spectra, both captures played onto real sockets at once, joined into events by position
 * through the real pipeline, and reduced by the example fluorescence map plugin into a map keyed by motor
 * position.
 */
class FluorescenceMapScanTest {
    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void contrastPositionsAndXspress3SpectraMakeAMapKeyedByMotorPosition() throws Exception {
        Path contrast = SharedData.file("captures/contrast-dump.cbors");
        Path xspress = SharedData.file("captures/xspress3-dump.cbors");
        Plugin plugin = new Plugin(null, null, FluorescenceMapWorker.class, FluorescenceMapReducer.class);
        try (PipelineHarness p = PipelineHarness.start(redis.url(), "", plugin)) {
            p.worker("w1");
            p.worker("w2");
            p.stream("contrast", "contrast");
            p.stream("xspress3", "xspress3");
            p.ready();
            p.postMapping(UniformMap.of(List.of("contrast", "xspress3"), 20, 1));
            var positions = p.playCapture("contrast", contrast, "pub");
            var spectra = p.playCapture("xspress3", xspress, "pub");
            JsonNode progress = p.awaitFinished();
            assertThat(positions.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(spectra.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(progress.path("completed_events").asLong()).isEqualTo(22);

            // what each scan point should show, read straight from the two files
            List<ContrastPacket.Running> points = runningPoints(contrast);
            List<Double> counts = imageCounts(xspress);
            assertThat(points).hasSize(20);
            assertThat(counts).hasSize(20);

            var tree = p.local.reducer().tree();
            assertThat(values(tree.find("/points/x"))).containsExactly(points.stream().mapToDouble(r -> r.number("sx")).toArray());
            assertThat(values(tree.find("/points/y"))).containsExactly(points.stream().mapToDouble(r -> r.number("sy")).toArray());
            assertThat(values(tree.find("/points/counts"))).containsExactly(counts.stream().mapToDouble(Double::doubleValue).toArray());

            assertThat(tree.find("/map").attributes()).containsKeys("NX_class", "signal", "axes");
            assertThat(values(tree.find("/map/x"))).containsExactly(-2, -2 + 4.0 / 3, -2 + 8.0 / 3, 2);
            assertThat(values(tree.find("/map/y"))).containsExactly(-2, -1, 0, 1, 2);
            NumericValue map = ((NumericDataset) tree.find("/map/counts")).snapshot();
            assertThat(map.shape()).containsExactly(5, 4);
            double total = 0;
            for (int i = 0; i < 20; i++) {
                // mesh sx -2 2 3 sy -2 2 4: sx is the slow motor (column i / 5), sy the fast one (row i % 5)
                assertThat(map.getDouble((i % 5) * 4 + i / 5)).as("map cell of point %d", i).isEqualTo(counts.get(i));
                total += map.getDouble(i);
            }
            assertThat(total).as("every count of the scan is on the map").isEqualTo(47);
        }
    }

    private static double[] values(Object dataset) {
        NumericValue v = ((NumericDataset) dataset).snapshot();
        double[] out = new double[(int) v.shape()[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.getDouble(i);
        }
        return out;
    }

    private static List<ContrastPacket.Running> runningPoints(Path capture) throws Exception {
        List<ContrastPacket.Running> points = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            while (reader.hasNext()) {
                if (Contrast.parse(reader.next()) instanceof ContrastPacket.Running r) {
                    points.add(r);
                }
            }
        }
        return points;
    }

    /** Sum of every spectrum bin of each image (legacy format: header, spectra and meta as three messages). */
    private static List<Double> imageCounts(Path capture) throws Exception {
        List<Double> counts = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            while (reader.hasNext()) {
                List<byte[]> message = reader.next();
                if (Xspress3.classify(message) == Xspress3.MessageKind.IMAGE_HEADER) {
                    List<byte[]> frames = List.of(message.get(0), reader.next().get(0), reader.next().get(0));
                    var image = (Xspress3Packet.Image) Xspress3.parse(new StreamData(Xspress3.TYPE, frames));
                    counts.add(image.spectra().sum());
                }
            }
        }
        return counts;
    }
}
