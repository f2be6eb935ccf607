package io.jdranspose.worker;

import static io.jdranspose.worker.Pipeline.await;
import static io.jdranspose.worker.Pipeline.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.runtime.codec.ResultCodec;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.ParameterHash;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.PartHeader;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.jdranspose.runtime.wire.SharedMemoryMessage;
import io.jdranspose.runtime.wire.SharedMemoryRing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerServiceTest {
    static final Parameter<Long> THRESHOLD = Parameter.integer("threshold", 5, "test threshold");
    static final Duration WAIT = Duration.ofSeconds(10);
    static final List<String> AB = List.of("a", "b");
    static final List<String> S = List.of("s");

    /** "instance:event" for every event any Recorder ran, in order. */
    static final List<String> RUNS = Collections.synchronizedList(new ArrayList<>());
    static final List<Integer> FINISHED = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Describes every even event (streams, types, frames, threshold); odd events give no result. */
    static final class Recorder implements Worker<String> {
        final int id = INSTANCES.incrementAndGet();

        @Override
        public List<Parameter<?>> parameters() {
            return List.of(THRESHOLD);
        }

        @Override
        public String process(EventData event, Parameters parameters) {
            RUNS.add(id + ":" + event.eventNumber());
            if (event.eventNumber() % 2 == 1) {
                return null;
            }
            return event.streams().entrySet().stream().map(e -> e.getKey() + "=" + describe(e.getValue()))
                    .collect(Collectors.joining(";")) + " thr=" + parameters.get(THRESHOLD);
        }

        @Override
        public void finish(Parameters parameters) {
            FINISHED.add(id);
        }

        private static String describe(StreamData s) {
            return s.type() + ":" + s.frames().stream().map(f -> new String(f, StandardCharsets.UTF_8))
                    .collect(Collectors.joining("|"));
        }
    }

    /** Counts events and returns nothing. */
    static final class Counting implements Worker<String> {
        @Override
        public String process(EventData event, Parameters parameters) {
            return null;
        }
    }

    static final class Discard implements Reducer<String> {
        @Override
        public void reduce(ResultData<String> result, Parameters parameters, PublishTree publish) {
        }
    }

    static volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    /** Counted down when the gated plugin is inside event 0. */
    static volatile java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);

    /** Waits for the gate on event 0, records every event. */
    static final class Gated implements Worker<String> {
        @Override
        public String process(EventData event, Parameters parameters) throws InterruptedException {
            if (event.eventNumber() == 0) {
                entered.countDown();
                gate.await();
            }
            RUNS.add("gated:" + event.eventNumber());
            return null;
        }
    }

    /** The array of every frame a FrameWatcher was given, and what it held during the call. */
    static final List<byte[]> SEEN_ARRAYS = Collections.synchronizedList(new ArrayList<>());
    static final List<String> SEEN_CONTENT = Collections.synchronizedList(new ArrayList<>());

    /** Notes each frame's array and "event:length:first byte:last byte"; keeps frames (the default). */
    static class FrameWatcher implements Worker<String> {
        @Override
        public String process(EventData event, Parameters parameters) {
            for (StreamData s : event.streams().values()) {
                for (byte[] f : s.frames()) {
                    SEEN_ARRAYS.add(f);
                    SEEN_CONTENT.add(event.eventNumber() + ":" + f.length + ":" + f[0] + ":" + f[f.length - 1]);
                }
            }
            return null;
        }
    }

    /** A FrameWatcher that promises to keep no frame (it keeps the arrays only to compare them afterwards). */
    static final class FrameReusingWatcher extends FrameWatcher {
        @Override
        public boolean keepsFrames() {
            return false;
        }
    }

    static final Plugin RECORDER = new Plugin(null, null, Recorder.class, Discard.class);
    static final ResultCodec CODEC = ResultCodec.forWorker(new Recorder());

    static RedisServerProcess server;
    Pipeline pipeline;
    final List<WorkerService> workers = new ArrayList<>();

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
        pipeline = new Pipeline(server);
        RUNS.clear();
        FINISHED.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        workers.forEach(WorkerService::close);
        pipeline.close();
    }

    WorkerService worker(Plugin plugin, WorkerConfig config) {
        WorkerService w = WorkerService.start(pipeline.redis, plugin, config);
        workers.add(w);
        return w;
    }

    WorkerService worker(String name) {
        return worker(RECORDER, WorkerConfig.of(name));
    }

    /** Waits until the worker is on the scan (what the controller waits for before it assigns events). */
    void awaitOn(String name, ScanUpdate scan) throws InterruptedException {
        await("worker " + name + " on scan " + scan.mappingUuid(), WAIT, () -> {
            MemberState m = pipeline.member(ComponentKind.WORKER, name);
            return m != null && scan.mappingUuid().equals(m.mappingUuid());
        });
    }

    void awaitCompleted(String uuid, int events) throws InterruptedException {
        await(WAIT, () -> pipeline.completed(uuid).size() >= events,
                () -> events + " completions in " + pipeline.reports(uuid));
    }

    static String payload(Pipeline.FakeReducer.Received r) {
        return (String) CODEC.decode(r.payload());
    }

    @Test
    void configValidatesAndHasTheDocumentedDefaults() {
        WorkerConfig c = WorkerConfig.of("w1");
        assertThat(c).isEqualTo(new WorkerConfig("w1", Set.of("generic"), "127.0.0.1", "127.0.0.1", 1024));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerConfig.of("w:1"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new WorkerConfig("w1", Set.of(), "127.0.0.1", "127.0.0.1", 1)).hasMessageContaining("tag");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new WorkerConfig("w1", Set.of("x"), "127.0.0.1", "127.0.0.1", 0)).hasMessageContaining("credit");
    }

    @Test
    void registersThenAnswersAScanWithAReadyReportCarryingTagsAndCredit() throws Exception {
        WorkerService w = worker(RECORDER, new WorkerConfig("w1", Set.of("fast", "generic"), "127.0.0.1", "127.0.0.1", 7));
        assertThat(w.inboxUrl()).matches("tcp://127\\.0\\.0\\.1:\\d+");
        await("member key", WAIT, () -> pipeline.member(ComponentKind.WORKER, "w1") != null);
        MemberState before = pipeline.member(ComponentKind.WORKER, "w1");
        assertThat(before.kind()).isEqualTo("worker");
        assertThat(before.url()).isEqualTo(w.inboxUrl());
        assertThat(before.tags()).containsExactly("fast", "generic");
        assertThat(before.mappingUuid()).isNull();
        assertThat(before.version()).isNotBlank();
        assertThat(pipeline.commands.get(pipeline.keys.parameterDescription("threshold"))).isNotNull();

        ScanUpdate scan = pipeline.startScan(1);
        await(WAIT, () -> !pipeline.reports(scan.mappingUuid()).isEmpty(), () -> "a report");
        assertThat(pipeline.reports(scan.mappingUuid()))
                .containsExactly(new Report.Ready("w1", List.of("fast", "generic"), 7));
        MemberState on = pipeline.member(ComponentKind.WORKER, "w1");
        assertThat(on.mappingUuid()).isEqualTo(scan.mappingUuid());
        assertThat(on.serviceUuid()).isEqualTo(before.serviceUuid()).isEqualTo(w.serviceUuid());
        assertThat(on.parametersHash()).isEqualTo(ParameterHash.of(Map.of()));
        assertThat(on.finishedUuid()).isNull();
    }

    @Test
    void assemblesEventsFromTwoIngestersAndSendsResultsToTheReducer() throws Exception {
        Pipeline.FakeReducer reducer = pipeline.fakeReducer();
        WorkerService w = worker("w1");
        ScanUpdate scan = pipeline.startScan(10);
        awaitOn("w1", scan);
        Pipeline.Ingester ingesterA = pipeline.ingester(w.inboxUrl());
        Pipeline.Ingester ingesterB = pipeline.ingester(w.inboxUrl());
        send(ingesterA, 10, 0, -1, "a", AB, "a0.0", "a0.1");
        send(ingesterB, 10, 0, -1, "b", AB, "b0");
        send(ingesterB, 10, 1, 0, "b", AB, "b1");   // b first this time
        send(ingesterA, 10, 1, 0, "a", AB, "a1");
        send(ingesterA, 10, 2, 1, "a", AB, "a2");
        send(ingesterB, 10, 2, 1, "b", AB);          // a part may have no frames
        send(ingesterA, 10, 3, 2, "a", AB, "a3");   // b never comes: event 3 is incomplete

        awaitCompleted(scan.mappingUuid(), 3);
        Pipeline.FakeReducer.Received r0 = reducer.receive();
        Pipeline.FakeReducer.Received r2 = reducer.receive();
        assertThat(payload(r0)).isEqualTo("a=STINS:a0.0|a0.1;b=json:b0 thr=5");
        assertThat(payload(r2)).isEqualTo("a=STINS:a2;b=json: thr=5");
        assertThat(r0.header().scanSerial()).isEqualTo(10);
        assertThat(r0.header().event()).isZero();
        assertThat(r2.header().event()).isEqualTo(2);
        assertThat(r0.header().worker()).isEqualTo("w1");
        assertThat(r0.header().ingestNanos()).isEqualTo(1000);  // the earliest part's
        assertThat(r0.header().parametersHash()).isEqualTo(ParameterHash.of(Map.of()));
        assertThat(reducer.poll(200)).as("odd events have no result").isNull();

        Thread.sleep(100);
        assertThat(pipeline.completed(scan.mappingUuid())).containsExactly(0L, 1L, 2L);
        assertThat(pipeline.hasResult(scan.mappingUuid())).containsExactly(true, false, true);
        assertThat(w.processed()).isEqualTo(3);
        List<Report> reports = pipeline.reports(scan.mappingUuid());
        Report.Done last = (Report.Done) reports.get(reports.size() - 1);
        assertThat(last.worker()).isEqualTo("w1");
        assertThat(last.times().noEvents()).isEqualTo(3);
        assertThat(last.times().customCode()).isPositive();
    }

    @Test
    void runsEventsStrictlyInChainOrderWhenPartsArriveOutOfOrder() throws Exception {
        pipeline.fakeReducer();
        WorkerService w = worker("w1");
        ScanUpdate scan = pipeline.startScan(20);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        // this worker's events are 1, 3, 4, 8 (others went to other workers)
        send(ingester, 20, 8, 4, "s", S, "x8");
        send(ingester, 20, 3, 1, "s", S, "x3");
        send(ingester, 20, 4, 3, "s", S, "x4");
        Thread.sleep(300);
        assertThat(w.processed()).as("nothing runs before event 1").isZero();
        assertThat(pipeline.completed(scan.mappingUuid())).isEmpty();

        send(ingester, 20, 1, -1, "s", S, "x1");
        awaitCompleted(scan.mappingUuid(), 4);
        int instance = Integer.parseInt(RUNS.get(0).split(":")[0]);
        assertThat(RUNS).containsExactly(instance + ":1", instance + ":3", instance + ":4", instance + ":8");
        assertThat(pipeline.completed(scan.mappingUuid())).containsExactly(1L, 3L, 4L, 8L);
        assertThat(pipeline.hasResult(scan.mappingUuid())).containsExactly(false, false, true, true);
    }

    @Test
    void dropsPartsOfOlderScansKeepsPartsOfTheNextAndGivesEachScanAFreshPluginInstance() throws Exception {
        Pipeline.FakeReducer reducer = pipeline.fakeReducer();
        WorkerService w = worker("w1");
        ScanUpdate first = pipeline.startScan(100);
        awaitOn("w1", first);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        send(ingester, 100, 0, -1, "s", S, "first");
        awaitCompleted(first.mappingUuid(), 1);
        assertThat(payload(reducer.receive())).isEqualTo("s=STINS:first thr=5");

        ScanUpdate second = pipeline.startScan(200);
        awaitOn("w1", second);
        send(ingester, 100, 1, 0, "s", S, "late part of the first scan");
        send(ingester, 200, 0, -1, "s", S, "second");
        awaitCompleted(second.mappingUuid(), 1);
        await("the stale part counted", WAIT, () -> w.stale() == 1);
        Pipeline.FakeReducer.Received r = reducer.receive();
        assertThat(r.header().scanSerial()).isEqualTo(200);
        assertThat(payload(r)).isEqualTo("s=STINS:second thr=5");

        // parts of a scan announced later are kept until the announcement arrives
        send(ingester, 300, 0, -1, "s", S, "third");
        Thread.sleep(200);
        assertThat(w.processed()).isEqualTo(2);
        ScanUpdate third = pipeline.startScan(300);
        awaitCompleted(third.mappingUuid(), 1);
        assertThat(payload(reducer.receive())).isEqualTo("s=STINS:third thr=5");

        assertThat(pipeline.completed(first.mappingUuid())).containsExactly(0L);
        assertThat(pipeline.completed(second.mappingUuid())).containsExactly(0L);
        assertThat(RUNS).hasSize(3);
        assertThat(RUNS.stream().map(s -> s.split(":")[0]).distinct()).as("one plugin instance per scan").hasSize(3);
        assertThat(pipeline.reports(third.mappingUuid()).get(0)).isInstanceOf(Report.Ready.class);
    }

    @Test
    void logsAndDropsMalformedMessagesAndKeepsRunningEvents() throws Exception {
        pipeline.fakeReducer();
        WorkerService w = worker("w1");
        ScanUpdate scan = pipeline.startScan(30);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            ingester.send("garbage".getBytes(StandardCharsets.UTF_8), List.of());
            byte[] twoFrames = new PartHeader(30, 0, -1, 1, "s", "STINS", 2, S).encode();
            ingester.send(twoFrames, List.of(new byte[] {1}));                       // one frame short
            ingester.send(java.util.Arrays.copyOf(twoFrames, 20), List.of());         // truncated header
            ingester.send(new byte[0], List.of(new byte[10]));                        // empty header
            PackedMessages pack = new PackedMessages();
            pack.add(new PartHeader(30, 1, 0, 1, "s", "STINS", 1, S).encode(), List.of(new byte[] {7}));
            byte[] cut = pack.take();
            ingester.send(java.util.Arrays.copyOf(cut, cut.length - 1), List.of());  // pack cut short
            send(ingester, 30, 0, -1, "s", S, "good");
            pack.add(new PartHeader(30, 1, 0, 1, "s", "STINS", 1, S).encode(), List.of("packed 1".getBytes(StandardCharsets.UTF_8)));
            pack.add(new PartHeader(30, 2, 1, 1, "s", "STINS", 1, S).encode(), List.of("packed 2".getBytes(StandardCharsets.UTF_8)));
            ingester.send(pack.take(), List.of());                                   // two good parts in one pack
            awaitCompleted(scan.mappingUuid(), 3);
            await("the member state counts the drops", WAIT,
                    () -> pipeline.member(ComponentKind.WORKER, "w1").dropped() == 5);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(w.malformed()).isEqualTo(5);
        assertThat(w.processed()).isEqualTo(3);
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("worker w1: dropped a malformed message on the inbox: not a part header (bad magic)");
        assertThat(text).contains("announces 2 frames, the message has 1");
        assertThat(text).contains("worker w1: dropped a malformed message on the inbox: part 2 of message 1 claims 1 bytes,"
                + " 0 left in the pack");
        assertThat(text.lines().filter(l -> l.contains("dropped a malformed message"))).hasSize(5);
    }

    @Test
    void readsFramesAnIngesterLeftInSharedMemoryAndDropsSharedMemoryMessagesItCannotRead(@TempDir Path dir)
            throws Exception {
        Pipeline.FakeReducer reducer = pipeline.fakeReducer();
        SharedMemoryDirectory shm = new SharedMemoryDirectory(dir);
        WorkerService w = WorkerService.start(pipeline.redis, RECORDER, WorkerConfig.of("w1"),
                Inbox.DEFAULT_MAX_BUFFERED_BYTES, shm);
        workers.add(w);
        WorkerService plain = WorkerService.start(pipeline.redis, RECORDER, WorkerConfig.of("w2"),
                Inbox.DEFAULT_MAX_BUFFERED_BYTES, null);
        workers.add(plain);
        ScanUpdate scan = pipeline.startScan(50);
        awaitOn("w1", scan);
        awaitOn("w2", scan);
        MemberState state = pipeline.member(ComponentKind.WORKER, "w1");
        assertThat(state.shmProbe()).startsWith(dir.toAbsolutePath() + "/jdranspose-probe-");
        assertThat(shm.reaches(state.shmProbe(), state.serviceUuid())).isTrue();
        assertThat(pipeline.member(ComponentKind.WORKER, "w2").shmProbe()).isNull();

        SharedMemoryRing ring = shm.createRing("eiger-ingester", "w1", 8192);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            ingester.send(ring.write(new PartHeader(50, 0, -1, 1, "s", "STINS", 2, S).encode(),
                    List.of("big".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8)),
                    () -> false).encode(), List.of());
            ingester.send(new SharedMemoryMessage("../../etc/passwd", new PartHeader(50, 1, 0, 1, "s", "STINS", 0, S)
                    .encode(), new long[0], new int[0]).encode(), List.of());
            ingester.send(new SharedMemoryMessage(ring.file().getFileName().toString(),
                    new PartHeader(50, 1, 0, 1, "s", "STINS", 1, S).encode(), new long[] {8000}, new int[] {500})
                    .encode(), List.of());
            send(ingester, 50, 1, 0, "s", S, "through the socket");
            PackedMessages pack = new PackedMessages();
            pack.add(ring.write(new PartHeader(50, 2, 1, 1, "s", "STINS", 1, S).encode(),
                    List.of("big 2, packed".getBytes(StandardCharsets.UTF_8)), () -> false).encode(), List.of());
            ingester.send(pack.take(), List.of());
            awaitCompleted(scan.mappingUuid(), 3);

            Pipeline.Ingester toPlain = pipeline.ingester(plain.inboxUrl());
            toPlain.send(ring.write(new PartHeader(50, 0, -1, 1, "s", "STINS", 1, S).encode(),
                    List.of("lost".getBytes(StandardCharsets.UTF_8)), () -> false).encode(), List.of());
            await("w2 drops it", WAIT, () -> plain.malformed() == 1);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(payload(reducer.receive())).isEqualTo("s=STINS:big|0 thr=5");
        assertThat(payload(reducer.receive())).isEqualTo("s=STINS:big 2, packed thr=5");
        assertThat(w.malformed()).isEqualTo(2);
        assertThat(w.processed()).isEqualTo(3);
        assertThat(plain.processed()).isZero();
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("worker w1: dropped a malformed message on the inbox: shared-memory message names "
                + "'../../etc/passwd', which is not a ring's file name");
        assertThat(text).contains("worker w1: dropped a malformed message on the inbox: shared-memory message: frame 0 "
                + "(500 bytes at 8000) lies outside ring " + ring.file().getFileName() + " of 8192 bytes");
        assertThat(text).contains("worker w2: dropped a malformed message on the inbox: a shared-memory message, but "
                + "this worker offers no shared memory");
        ring.delete();
        w.close();
        assertThat(Files.list(dir).toList()).as("the probe goes with the worker").isEmpty();
    }

    /** Sends events 0 to 3 of stream "s" through shared memory, one at a time, each a 100 KiB frame of its own. */
    private void sendLargeFramesThroughSharedMemory(Path dir, Plugin plugin, String name) throws Exception {
        SEEN_ARRAYS.clear();
        SEEN_CONTENT.clear();
        SharedMemoryDirectory shm = new SharedMemoryDirectory(dir);
        WorkerService w = WorkerService.start(pipeline.redis, plugin, WorkerConfig.of(name),
                Inbox.DEFAULT_MAX_BUFFERED_BYTES, shm);
        workers.add(w);
        ScanUpdate scan = pipeline.startScan(60);
        awaitOn(name, scan);
        SharedMemoryRing ring = shm.createRing("eiger-ingester", name, 1 << 20);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        for (int event = 0; event < 4; event++) {
            byte[] frame = new byte[100 * 1024];
            java.util.Arrays.fill(frame, (byte) (event + 1));
            ingester.send(ring.write(new PartHeader(60, event, event - 1, 1, "s", "STINS", 1, S).encode(),
                    List.of(frame), () -> false).encode(), List.of());
            int processed = event + 1;
            await("event " + event + " run", WAIT, () -> w.processed() == processed);
        }
        assertThat(SEEN_CONTENT).containsExactly("0:102400:1:1", "1:102400:2:2", "2:102400:3:3", "3:102400:4:4");
        ring.delete();
    }

    @Test
    void framesOutOfSharedMemoryGoIntoArraysUsedBeforeOnlyWhenThePluginKeepsNoFrame(@TempDir Path dir)
            throws Exception {
        pipeline.fakeReducer();
        sendLargeFramesThroughSharedMemory(dir, new Plugin(null, null, FrameReusingWatcher.class, Discard.class), "w1");
        assertThat(SEEN_ARRAYS).hasSize(4);
        for (int i = 1; i < 4; i++) {
            assertThat(SEEN_ARRAYS.get(i) == SEEN_ARRAYS.get(0)).as("event %d's frame is in event 0's array", i).isTrue();
        }

        sendLargeFramesThroughSharedMemory(dir, new Plugin(null, null, FrameWatcher.class, Discard.class), "w2");
        for (int i = 1; i < 4; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(SEEN_ARRAYS.get(i) == SEEN_ARRAYS.get(j))
                        .as("events %d and %d share an array, though the plugin may keep frames", j, i).isFalse();
            }
        }
        assertThat(SEEN_ARRAYS.get(0)).as("kept frames stay as they were").containsOnly((byte) 1);
    }

    @Test
    void finishRunsWhatIsCompleteThenThePluginsFinishThenReportsFinished() throws Exception {
        pipeline.fakeReducer();
        WorkerService w = worker("w1");
        ScanUpdate scan = pipeline.startScan(40);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        send(ingester, 40, 0, -1, "a", AB, "a0");
        send(ingester, 40, 0, -1, "b", AB, "b0");
        send(ingester, 40, 1, 0, "a", AB, "a1");
        send(ingester, 40, 1, 0, "b", AB, "b1");
        send(ingester, 40, 5, 3, "a", AB, "a5");   // complete, but event 3 never comes (the scan was stopped)
        send(ingester, 40, 5, 3, "b", AB, "b5");
        send(ingester, 40, 6, 5, "a", AB, "a6");   // incomplete
        awaitCompleted(scan.mappingUuid(), 2);
        assertThat(FINISHED).isEmpty();

        pipeline.publish(scan.asFinished());
        await(WAIT, () -> pipeline.reports(scan.mappingUuid()).stream().anyMatch(Report.Finished.class::isInstance),
                () -> "Finished in " + pipeline.reports(scan.mappingUuid()));
        List<Report> reports = pipeline.reports(scan.mappingUuid());
        assertThat(reports.get(0)).isInstanceOf(Report.Ready.class);
        assertThat(reports.get(reports.size() - 1)).isEqualTo(new Report.Finished("worker", "w1"));
        assertThat(pipeline.completed(scan.mappingUuid())).containsExactly(0L, 1L, 5L);
        int instance = Integer.parseInt(RUNS.get(0).split(":")[0]);
        assertThat(FINISHED).containsExactly(instance);
        await("finished_uuid", WAIT,
                () -> scan.mappingUuid().equals(pipeline.member(ComponentKind.WORKER, "w1").finishedUuid()));

        send(ingester, 40, 7, 6, "a", AB, "after the end");
        Thread.sleep(200);
        assertThat(w.processed()).isEqualTo(3);
    }

    @Test
    void loadsParametersFromRedisAndReportsTheirHash() throws Exception {
        Pipeline.FakeReducer reducer = pipeline.fakeReducer();
        WorkerService w = worker("w1");
        String v1 = pipeline.setParameter("threshold", "42");
        ScanUpdate scan = pipeline.startScan(50, Map.of("threshold", v1));
        awaitOn("w1", scan);
        assertThat(pipeline.member(ComponentKind.WORKER, "w1").parametersHash())
                .isEqualTo(ParameterHash.of(Map.of("threshold", v1)));
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        send(ingester, 50, 0, -1, "s", S, "x");
        Pipeline.FakeReducer.Received r = reducer.receive();
        assertThat(payload(r)).isEqualTo("s=STINS:x thr=42");
        assertThat(r.header().parametersHash()).isEqualTo(ParameterHash.of(Map.of("threshold", v1)));

        String v2 = pipeline.setParameter("threshold", "43");
        String hash2 = ParameterHash.of(Map.of("threshold", v2));
        pipeline.publish(scan.withParameters(Map.of("threshold", v2), hash2));
        await("the new hash", WAIT, () -> hash2.equals(pipeline.member(ComponentKind.WORKER, "w1").parametersHash()));
        send(ingester, 50, 2, 0, "s", S, "y");
        r = reducer.receive();
        assertThat(payload(r)).isEqualTo("s=STINS:y thr=43");
        assertThat(r.header().parametersHash()).isEqualTo(hash2);
        assertThat(pipeline.member(ComponentKind.WORKER, "w1").mappingUuid()).isEqualTo(scan.mappingUuid());
        assertThat(pipeline.reports(scan.mappingUuid()).stream().filter(Report.Ready.class::isInstance))
                .as("a parameter change is no new scan").hasSize(1);
    }

    @Test
    void reportsCompletionsInBatchesAtHighEventRates() throws Exception {
        WorkerService w = worker(new Plugin(null, null, Counting.class, Discard.class), WorkerConfig.of("w1"));
        ScanUpdate scan = pipeline.startScan(60);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        int events = 20_000;
        byte[] frame = new byte[64];
        long start = System.nanoTime();
        for (int e = 0; e < events; e++) {
            ingester.send(new PartHeader(60, e, e - 1, 0, "s", "STINS", 1, S).encode(), List.of(frame));
        }
        await("all events processed", Duration.ofSeconds(30), () -> w.processed() == events);
        awaitCompleted(scan.mappingUuid(), events);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("worker: %d events in %.2f s (%.0f events/s, sender included)%n", events, seconds,
                events / seconds);
        assertThat(pipeline.completed(scan.mappingUuid())).containsExactlyElementsOf(
                LongStream.range(0, events).boxed().toList());
        long doneReports = pipeline.reports(scan.mappingUuid()).stream().filter(Report.Done.class::isInstance).count();
        assertThat(doneReports).as("completions travel in batches").isLessThan(events / 8);
        assertThat(pipeline.reports(scan.mappingUuid()).stream().filter(Report.Done.class::isInstance)
                .mapToInt(r -> ((Report.Done) r).completed().size()).max().orElseThrow())
                .as("at most 256 per report (a quarter of the default credit)").isLessThanOrEqualTo(256);
    }

    @Test
    void aSmallCreditGetsSmallReportsSoTheControllerCanReassignBeforeTheWorkerRunsDry() throws Exception {
        WorkerService w = worker(new Plugin(null, null, Counting.class, Discard.class),
                new WorkerConfig("w1", Set.of("generic"), "127.0.0.1", "127.0.0.1", 40));
        ScanUpdate scan = pipeline.startScan(61);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        for (int e = 0; e < 400; e++) {
            ingester.send(new PartHeader(61, e, e - 1, 0, "s", "STINS", 1, S).encode(), List.of(new byte[64]));
        }
        awaitCompleted(scan.mappingUuid(), 400);
        assertThat(pipeline.reports(scan.mappingUuid()).stream().filter(Report.Done.class::isInstance)
                .mapToInt(r -> ((Report.Done) r).completed().size()).max().orElseThrow())
                .as("a quarter of credit 40").isLessThanOrEqualTo(10);
    }

    @Test
    void readsNothingWhileThePluginIsBusySoTheIngestersAreHeldBack() throws Exception {
        gate = new java.util.concurrent.CountDownLatch(1);
        entered = new java.util.concurrent.CountDownLatch(1);
        long bound = 4096;
        WorkerService w = WorkerService.start(pipeline.redis, new Plugin(null, null, Gated.class, Discard.class),
                WorkerConfig.of("w1"), bound);
        workers.add(w);
        ScanUpdate scan = pipeline.startScan(70);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        String kib = "x".repeat(1024);
        long held;
        try {
            send(ingester, 70, 0, -1, "s", S, kib);
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the plugin got event 0").isTrue();
            held = w.buffered();
            for (int e = 1; e < 40; e++) {
                send(ingester, 70, e, e - 1, "s", S, kib);
            }
            Thread.sleep(300);
            assertThat(w.buffered()).as("nothing more read while the plugin is busy").isEqualTo(held);
            assertThat(RUNS).isEmpty();
        } finally {
            gate.countDown();
        }
        assertThat(held).isBetween(1024L, 1200L);
        awaitCompleted(scan.mappingUuid(), 40);
        assertThat(pipeline.completed(scan.mappingUuid())).containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
        await("everything released", WAIT, () -> w.buffered() == 0);
    }

    @Test
    void keepsReadingOverTheBoundWhenNothingCanRunUntilMoreArrives() throws Exception {
        long bound = 4096;
        WorkerService w = WorkerService.start(pipeline.redis, new Plugin(null, null, Gated.class, Discard.class),
                WorkerConfig.of("w1"), bound);
        workers.add(w);
        ScanUpdate scan = pipeline.startScan(80);
        awaitOn("w1", scan);
        Pipeline.Ingester ingester = pipeline.ingester(w.inboxUrl());
        String kib = "x".repeat(1024);
        for (int e = 1; e < 40; e++) {
            send(ingester, 80, e, e - 1, "s", S, kib);   // all wait for event 0, which comes last
        }
        send(ingester, 80, 0, -1, "s", S, kib);
        awaitCompleted(scan.mappingUuid(), 40);
        assertThat(pipeline.completed(scan.mappingUuid())).containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
    }
}
