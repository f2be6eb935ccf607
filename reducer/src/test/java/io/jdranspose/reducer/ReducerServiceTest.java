package io.jdranspose.reducer;

import static io.jdranspose.reducer.Control.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.hsds.HsdsIds;
import io.jdranspose.runtime.codec.ResultCodec;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.ControlJson;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.ParameterHash;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.plugin.Plugin;
import io.jhdf.HdfFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReducerServiceTest {
    static final Parameter<String> LABEL = Parameter.string("label", "none", "a label the reducer publishes");

    /** Every Summer that reduced something, in order of its first result. */
    static final List<Summer> ACTIVE = Collections.synchronizedList(new ArrayList<>());

    /** Sums the payloads into /sum, counts them in /count, publishes the label parameter at the end. */
    static final class Summer implements Reducer<Long> {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        volatile boolean finished;
        long sum;

        @Override
        public List<Parameter<?>> parameters() {
            return List.of(LABEL);
        }

        @Override
        public void reduce(ResultData<Long> result, Parameters parameters, PublishTree publish) {
            if (seen.isEmpty()) {
                ACTIVE.add(this);
            }
            seen.add(result.worker() + ":" + result.eventNumber());
            sum += result.payload();
            publish.numeric("/sum", DType.INT64).set(sum);
            publish.numeric("/count", DType.INT64).set(seen.size());
        }

        @Override
        public void finish(Parameters parameters, PublishTree publish) {
            publish.scalar("/label", parameters.get(LABEL));
            finished = true;
        }
    }

    /** Ten times the event number. */
    static final class Tenfold implements Worker<Long> {
        @Override
        public Long process(EventData event, Parameters parameters) {
            return event.eventNumber() * 10;
        }
    }

    static final Plugin PLUGIN = new Plugin(null, null, Tenfold.class, Summer.class);
    static final ResultCodec CODEC = ResultCodec.forWorker(new Tenfold());

    static RedisServerProcess server;
    Control control;
    final List<ReducerService> reducers = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        control = new Control(server);
        ACTIVE.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        reducers.forEach(ReducerService::close);
        control.close();
    }

    ReducerService reducer(String hdf5Prefix) throws Exception {
        ReducerService r = ReducerService.start(control.redis, PLUGIN,
                new ReducerConfig("127.0.0.1", "127.0.0.1", 0, hdf5Prefix));
        reducers.add(r);
        return r;
    }

    static byte[] payload(long value) {
        return CODEC.encode(value);
    }

    static long longAt(PublishTree tree, String path) {
        return ((NumericDataset) tree.find(path)).snapshot().getLong(0);
    }

    @Test
    void configHasTheDocumentedDefaults() {
        assertThat(ReducerConfig.defaults()).isEqualTo(new ReducerConfig("127.0.0.1", "127.0.0.1", 5010, ""));
        assertThat(new ReducerConfig("0.0.0.0", "host", 0, null).hdf5Prefix()).isEmpty();
    }

    @Test
    void reducesResultsOfTheScanReportsThemAndServesTheTreeOverHttp() throws Exception {
        ReducerService r = reducer("");
        await("member key", () -> control.member(ComponentKind.REDUCER, "reducer") != null);
        MemberState state = control.member(ComponentKind.REDUCER, "reducer");
        assertThat(state.kind()).isEqualTo("reducer");
        assertThat(state.name()).isEqualTo("reducer");
        assertThat(state.url()).isEqualTo(r.inboxUrl()).matches("tcp://127\\.0\\.0\\.1:\\d+");
        assertThat(state.httpUrl()).isEqualTo(r.httpUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        byte[] description = control.commands.get(control.keys.parameterDescription("hdf5_prefix"));
        assertThat(ControlJson.MAPPER.readTree(description).get("description").asText())
                .isEqualTo("HDF5 file per scan: <prefix><mapping uuid>.h5; empty = none");
        assertThat(control.commands.get(control.keys.parameterDescription("label"))).isNotNull();

        ScanUpdate scan = control.startScan(5);
        control.awaitOn(ComponentKind.REDUCER, "reducer", scan);
        Control.Push w1 = control.push(r.inboxUrl());
        Control.Push w2 = control.push(r.inboxUrl());
        w1.result(5, 0, "w1", null, payload(0));
        w2.result(5, 1, "w2", null, payload(10));
        w1.result(5, 2, "w1", null, payload(20));
        w2.result(5, 3, "w2", null, payload(30));
        await(() -> control.reducedCount(scan.mappingUuid()) == 4, () -> "4 reduced in " + control.reports(scan.mappingUuid()));

        assertThat(control.reduced(scan.mappingUuid())).containsOnly(Map.entry("w1", List.of(0L, 2L)),
                Map.entry("w2", List.of(1L, 3L)));
        assertThat(r.reduced()).isEqualTo(4);
        assertThat(longAt(r.tree(), "/sum")).isEqualTo(60);
        Control.Reply value = control.get(r.httpUrl(), "datasets/" + HsdsIds.datasetId("/sum") + "/value");
        assertThat(value.status()).isEqualTo(200);
        assertThat(value.json().get("value").asLong()).isEqualTo(60);
        Control.Reply root = control.get(r.httpUrl(), "");
        assertThat(root.json().get("root").asText()).isEqualTo(HsdsIds.ROOT_GROUP_ID);
        Control.Reply download = control.get(r.httpUrl(), "api/v1/hdf5");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/x-hdf5");
        assertThat(control.get(r.httpUrl(), "viewer/").status()).isEqualTo(200);
        Control.Reply label = control.get(r.httpUrl(), "api/v1/parameter/label");
        assertThat(label.status()).isEqualTo(200);
        assertThat(new String(label.body(), StandardCharsets.UTF_8)).isEqualTo("none");
        assertThat(control.get(r.httpUrl(), "api/v1/parameter/nothing").status()).isEqualTo(404);
        await("reduced count in the member state", () -> control.member(ComponentKind.REDUCER, "reducer")
                .processedEvents() == 4);
    }

    @Test
    void dropsResultsOfOtherScansAndGivesEachScanAFreshReducerAndTree() throws Exception {
        ReducerService r = reducer("");
        ScanUpdate first = control.startScan(10);
        control.awaitOn(ComponentKind.REDUCER, "reducer", first);
        Control.Push w = control.push(r.inboxUrl());
        w.result(10, 0, "w1", null, payload(5));
        await("first result", () -> control.reducedCount(first.mappingUuid()) == 1);
        PublishTree firstTree = r.tree();
        assertThat(longAt(firstTree, "/sum")).isEqualTo(5);

        ScanUpdate second = control.startScan(20);
        control.awaitOn(ComponentKind.REDUCER, "reducer", second);
        assertThat(r.tree()).isNotSameAs(firstTree);
        assertThat(r.tree().find("/sum")).isNull();
        assertThat(control.get(r.httpUrl(), "datasets/" + HsdsIds.datasetId("/sum") + "/value").status())
                .as("HTTP serves the new scan's empty tree").isEqualTo(404);
        w.result(10, 1, "w1", null, payload(1000));   // a late result of the first scan
        w.result(20, 0, "w1", null, payload(7));
        await("second result", () -> control.reducedCount(second.mappingUuid()) == 1);
        await("the stale result counted", () -> r.stale() == 1);
        assertThat(longAt(r.tree(), "/sum")).isEqualTo(7);

        // a result of a scan the reducer has not heard of yet waits for the announcement
        w.result(30, 0, "w2", null, payload(3));
        Thread.sleep(200);
        ScanUpdate third = control.startScan(30);
        await("third result", () -> control.reducedCount(third.mappingUuid()) == 1);
        assertThat(longAt(r.tree(), "/sum")).isEqualTo(3);

        assertThat(control.reduced(first.mappingUuid())).containsExactly(Map.entry("w1", List.of(0L)));
        assertThat(control.reduced(second.mappingUuid())).containsExactly(Map.entry("w1", List.of(0L)));
        assertThat(ACTIVE).hasSize(3).doesNotHaveDuplicates();
        assertThat(ACTIVE.get(0).seen).containsExactly("w1:0");
        assertThat(ACTIVE.get(0).finished).as("an abandoned scan gets no finish").isFalse();
        assertThat(r.reduced()).isEqualTo(3);
    }

    @Test
    void finishReducesWhatIsQueuedCallsFinishWritesTheFileAndReportsFinished() throws Exception {
        String prefix = tmp.resolve("not/yet/there/scan_").toString();
        ReducerService r = reducer(prefix);
        ScanUpdate scan = control.startScan(40);
        control.awaitOn(ComponentKind.REDUCER, "reducer", scan);
        Control.Push w = control.push(r.inboxUrl());
        for (long e = 0; e < 50; e++) {
            w.result(40, e, "w1", null, payload(e));
        }
        await("all reduced", () -> control.reducedCount(scan.mappingUuid()) == 50);
        control.publish(scan.asFinished());
        await(() -> control.reports(scan.mappingUuid()).stream().anyMatch(Report.Finished.class::isInstance),
                () -> "Finished in " + control.reports(scan.mappingUuid()));

        List<Report> reports = control.reports(scan.mappingUuid());
        assertThat(reports.get(reports.size() - 1)).isEqualTo(new Report.Finished("reducer", "reducer"));
        assertThat(reports.subList(0, reports.size() - 1)).allMatch(Report.Reduced.class::isInstance);
        assertThat(control.reduced(scan.mappingUuid()).get("w1")).hasSize(50);
        assertThat(ACTIVE).hasSize(1);
        assertThat(ACTIVE.get(0).finished).isTrue();
        Path file = Path.of(prefix + scan.mappingUuid() + ".h5");
        assertThat(r.lastFile()).isEqualTo(file);
        assertThat(file).isRegularFile();
        try (HdfFile hdf = new HdfFile(file)) {
            assertThat(((Number) hdf.getDatasetByPath("/sum").getData()).longValue()).isEqualTo(49 * 50 / 2);
            assertThat(((Number) hdf.getDatasetByPath("/count").getData()).longValue()).isEqualTo(50);
            assertThat(hdf.getDatasetByPath("/label").getData()).isEqualTo("none");
        }
        await("finished_uuid", () -> scan.mappingUuid().equals(control.member(ComponentKind.REDUCER, "reducer")
                .finishedUuid()));

        w.result(40, 50, "w1", null, payload(1));
        await("the late result counted", () -> r.late() == 1);
        assertThat(ACTIVE.get(0).seen).hasSize(50);
        assertThat(control.reports(scan.mappingUuid())).hasSize(reports.size());
    }

    @Test
    void takesItsParametersFromRedisAndStillFinishesWhenTheFileCannotBeWritten() throws Exception {
        ReducerService r = reducer("");
        Path blocker = Files.writeString(tmp.resolve("a-file"), "not a directory");
        String v1 = control.setParameter("hdf5_prefix", blocker.resolve("sub/scan_").toString());
        String v2 = control.setParameter("label", "calibration");
        Map<String, String> versions = Map.of("hdf5_prefix", v1, "label", v2);
        ScanUpdate scan = control.startScan(50, versions);
        control.awaitOn(ComponentKind.REDUCER, "reducer", scan);
        assertThat(control.member(ComponentKind.REDUCER, "reducer").parametersHash())
                .isEqualTo(ParameterHash.of(versions));
        assertThat(new String(control.get(r.httpUrl(), "api/v1/parameter/label").body(), StandardCharsets.UTF_8))
                .isEqualTo("calibration");
        Control.Push w = control.push(r.inboxUrl());
        w.result(50, 0, "w1", ParameterHash.of(versions), payload(4));
        await("reduced", () -> control.reducedCount(scan.mappingUuid()) == 1);

        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            control.publish(scan.asFinished());
            await(() -> control.reports(scan.mappingUuid()).contains(new Report.Finished("reducer", "reducer")),
                    () -> "Finished in " + control.reports(scan.mappingUuid()));
        } finally {
            System.setErr(originalErr);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("cannot write the HDF5 file "
                + blocker.resolve("sub/scan_" + scan.mappingUuid() + ".h5"));
        assertThat(r.lastFile()).isNull();
        assertThat(r.tree().find("/label")).isNotNull();
        Control.Reply label = control.get(r.httpUrl(), "datasets/" + HsdsIds.datasetId("/label") + "/value");
        assertThat(label.json().get("value").asText()).isEqualTo("calibration");
    }

    @Test
    void dropsMalformedMessagesAndReducesLaterResults() throws Exception {
        ReducerService r = reducer("");
        ScanUpdate scan = control.startScan(60);
        control.awaitOn(ComponentKind.REDUCER, "reducer", scan);
        Control.Push w = control.push(r.inboxUrl());
        w.send("garbage".getBytes(StandardCharsets.UTF_8));
        w.send(new byte[] {1, 2, 3}, payload(1));
        w.send(new io.jdranspose.runtime.wire.ResultHeader(60, 0, 0, "w1", null).encode(), payload(1), payload(2));
        w.result(60, 1, "w1", null, "not CBOR".getBytes(StandardCharsets.UTF_8));  // reaches the plugin's codec
        w.result(60, 2, "w1", null, payload(9));
        var pack = new io.jdranspose.runtime.wire.PackedMessages();
        pack.add(new io.jdranspose.runtime.wire.ResultHeader(60, 3, 0, "w1", null).encode(), payload(10));
        pack.add(new io.jdranspose.runtime.wire.ResultHeader(60, 4, 0, "w1", null).encode(), payload(20));
        byte[] twoResults = pack.take();
        byte[] badCount = twoResults.clone();
        badCount[7] = 3;                                   // announces 3 messages, holds 2
        w.send(badCount);
        w.send(twoResults);
        await(() -> control.reducedCount(scan.mappingUuid()) == 4,
                () -> "4 handled in " + control.reports(scan.mappingUuid()));
        assertThat(r.malformed()).isEqualTo(4);
        assertThat(r.reduced()).isEqualTo(3);
        assertThat(control.reduced(scan.mappingUuid())).containsExactly(Map.entry("w1", List.of(1L, 2L, 3L, 4L)));
        assertThat(longAt(r.tree(), "/sum")).isEqualTo(39);
        await("drops in the member state", () -> control.member(ComponentKind.REDUCER, "reducer").dropped() == 4);
    }
}
