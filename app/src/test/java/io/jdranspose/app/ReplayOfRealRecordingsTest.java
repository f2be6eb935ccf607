package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.publish.Group;
import io.jdranspose.api.publish.Node;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.replay.Replay;
import io.jdranspose.replay.ReplayOptions;
import io.jdranspose.replay.ReplayProgress;
import io.jdranspose.replay.ReplaySummary;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.runtime.recording.RecordingReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays of recordings made at MAX IV and by upstream dranspose itself, checked value by value. */
class ReplayOfRealRecordingsTest {
    @TempDir
    Path dir;

    @Test
    void dumpXrdGivesNineImagesAndTheirRoiMeans() throws Exception {
        Path xrd = SharedData.file("captures/dump_xrd.cbors");
        Path h5 = dir.resolve("xrd.h5");
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", xrd.toString(),
                "--output", h5.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("11 events, 9 results reduced").contains("0 errors")
                .contains("HDF5 file: " + h5.toAbsolutePath());

        // the independent truth: every image of the recording, decoded here, ROI = the central half
        List<StinsPacket.Image> images = new ArrayList<>();
        try (RecordingReader r = RecordingReader.open(xrd)) {
            while (r.hasNext()) {
                EventData e = r.next().toEvent();
                StinsPacket.Image image = Stins.parse(e.stream("xrd")).image();
                if (image != null) {
                    images.add(image);
                }
            }
        }
        assertThat(images).hasSize(9);
        images.forEach(i -> {
            assertThat(i.shape()).containsExactly(10, 10);
            assertThat(i.dtype()).isEqualTo(DType.UINT16);
        });

        Replay replay = new Replay(PluginLoader.load(null, DemoCommand.WORKER, DemoCommand.REDUCER),
                ReplayOptions.of(List.of(xrd), 2));
        ReplaySummary summary = replay.run(ReplayProgress.NONE);
        assertThat(summary.reduced()).isEqualTo(9);
        NumericValue means = ((NumericDataset) replay.tree().find("/entry/roi/mean")).snapshot();
        NumericValue events = ((NumericDataset) replay.tree().find("/entry/event")).snapshot();
        assertThat(means.shape()).containsExactly(9);   // one row per image
        for (int k = 0; k < 9; k++) {
            assertThat(events.getLong(k)).as("event of frame " + k).isEqualTo(k + 1);
            assertThat(means.getDouble(k)).as("ROI mean of frame " + k)
                    .isCloseTo(images.get(k).data().roiMean(2, 8, 2, 8), within(1e-9));
        }
        assertThat(((NumericDataset) replay.tree().find("/entry/azint/I")).shape()).containsExactly(9, 100);

        String dump = H5dump.run(h5, "-d", "/entry/roi/mean");
        assertThat(dump).contains("DATASPACE  SIMPLE { ( 9 ) / ( 9 ) }");
        List<String> dumped = H5dump.data(dump);
        assertThat(dumped).hasSize(9);
        for (int k = 0; k < 9; k++) {  // h5dump prints 6 significant digits
            assertThat(Double.parseDouble(dumped.get(k))).isCloseTo(means.getDouble(k), within(1e-3));
        }
        assertThat(H5dump.run(h5, "-H")).contains("DATASET \"I\"").contains("( 9, 100 )");
        assertThat(H5dump.run(h5, "-a", "/entry/NX_class")).contains("\"NXentry\"");
    }

    @Test
    void upstreamsRecordingsWithASumPerStreamPluginGiveExactlyTheExpectedSums() throws Exception {
        Path eiger = SharedData.file("recorded-by-dranspose/scan-eiger-ingester.cbors");
        Path orca = SharedData.file("recorded-by-dranspose/scan-orca-ingester.cbors");
        JsonNode expected = new ObjectMapper().readTree(SharedData.file("recorded-by-dranspose/expected.json").toFile())
                .get("replay");
        Replay replay = new Replay(PluginLoader.load(null, "io.jdranspose.examples.StreamSumWorker",
                "io.jdranspose.examples.StreamSumReducer"), ReplayOptions.of(List.of(eiger, orca), 2));
        ReplaySummary summary = replay.run(ReplayProgress.NONE);
        assertThat(summary.events()).isEqualTo(12);
        assertThat(summary.reduced()).isEqualTo(expected.get("expected_results").asLong()).isEqualTo(13);
        assertThat(summary.errors()).isZero();
        assertTreeEquals(replay.tree().root(), expected.get("expected_publish"), "/");

        Path h5 = dir.resolve("sums.h5");
        Cli cli = Cli.run("replay", "-w", "io.jdranspose.examples.StreamSumWorker", "-r",
                "io.jdranspose.examples.StreamSumReducer", "-f", eiger.toString(), orca.toString(), "-o", h5.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String eigerSums = H5dump.run(h5, "-d", "/eiger/sum");
        assertThat(eigerSums).contains("H5T_STD_I64LE");
        assertThat(H5dump.data(eigerSums)).containsExactly("403202", "370806", "382008", "390529", "394331", "407902",
                "380491", "413651", "358645", "399128");
        String orcaSums = H5dump.run(h5, "-d", "/orca/sum");
        assertThat(orcaSums).contains("H5T_IEEE_F64LE");
        assertThat(H5dump.data(orcaSums)).containsExactly("2761.5", "2809", "3033", "3238.5", "3194.5", "3123", "3367.5",
                "2924.5", "3300", "3381");
    }

    /** Compares a published group with upstream's publish-dict JSON ({@code X_attrs} = attributes of X). */
    private static void assertTreeEquals(Group group, JsonNode expected, String path) {
        List<String> children = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.endsWith("_attrs")) {
                Node owner = group.get(name.substring(0, name.length() - "_attrs".length()));
                assertThat(owner).as(path + name).isNotNull();
                e.getValue().properties().forEach(a -> assertThat(owner.attributes().get(a.getKey()))
                        .as("attribute " + a.getKey() + " of " + owner.path())
                        .isEqualTo(StringValue.scalar(a.getValue().asText())));
                continue;
            }
            children.add(name);
            Node node = group.get(name);
            assertThat(node).as(path + name).isNotNull();
            if (e.getValue().isObject()) {
                assertTreeEquals((Group) node, e.getValue(), path + name + "/");
            } else {
                assertDatasetEquals((NumericDataset) node, e.getValue());
            }
        }
        assertThat(group.children()).extracting(Node::name).as("children of " + path)
                .containsExactlyInAnyOrderElementsOf(children);
    }

    private static void assertDatasetEquals(NumericDataset d, JsonNode expected) {
        NumericValue v = d.snapshot();
        List<JsonNode> values = new ArrayList<>();
        if (expected.isArray()) {
            expected.forEach(values::add);
            assertThat(v.shape()).as(d.path()).containsExactly(values.size());
        } else {
            values.add(expected);
            assertThat(v.shape()).as(d.path()).isEmpty();
        }
        boolean floats = values.stream().anyMatch(JsonNode::isFloatingPointNumber);
        assertThat(v.dtype()).as(d.path()).isEqualTo(floats ? DType.FLOAT64 : DType.INT64);
        for (int i = 0; i < values.size(); i++) {
            if (floats) {
                assertThat(v.getDouble(i)).as(d.path() + "[" + i + "]").isEqualTo(values.get(i).asDouble());
            } else {
                assertThat(v.getLong(i)).as(d.path() + "[" + i + "]").isEqualTo(values.get(i).asLong());
            }
        }
    }
}
