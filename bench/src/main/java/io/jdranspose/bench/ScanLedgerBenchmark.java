package io.jdranspose.bench;

import io.jdranspose.controller.ScanLedger;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.TriggerMapJson;
import io.jdranspose.controller.triggermap.WorkAssignment;
import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The controller's scan thread at full speed, without Redis: one invocation runs a whole scan of
 * {@value #EVENTS} data events (plus the start and end events of the all-wrap) through a
 * {@link ScanLedger} the way {@code ScanRun} does. Each round decodes the reports with
 * {@link Report#fromJson}, applies them, takes the publishable assignments and serialises them as one
 * {@code assigned} entry. Two workers of credit 1024 each report 64 completions per {@code Done} (with
 * times, every event with a result, as workers batch them), and the reducer reports the previous round's
 * results in {@code Reduced} batches of 64. Score: events per second ({@code ops/s}).
 *
 * <p>Maps: {@code uniform1} is one stream where every event is its own constraint; {@code batched4} is
 * four streams with constraint {@code i // 10}. Both are parsed from the JSON that
 * {@code POST /api/v1/mapping} receives (the shape {@code UniformMap} in app writes), with all-wrap.
 *
 * <p>The simulated workers and reducer write their reports by hand (checked against
 * {@link Report#toJson} in the setup), so their own JSON writing costs almost nothing of the score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScanLedgerBenchmark {
    static final int EVENTS = 50_000;
    private static final int WORKERS = 2;
    private static final int CREDIT = 1024;
    private static final int REPORT_EVENTS = 64;

    @Param({"uniform1", "batched4"})
    public String map;

    private MappingSequence mapping;

    @Setup
    public void setUp() {
        mapping = switch (map) {
            case "uniform1" -> TriggerMapJson.parseMapping(mapJson(List.of("eiger"), EVENTS, 1), true);
            case "batched4" -> TriggerMapJson.parseMapping(mapJson(List.of("eiger", "orca", "alba", "pcap"), EVENTS, 10), true);
            default -> throw new IllegalArgumentException("unknown map " + map);
        };
        checkReportText();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS + 2)
    public long scan(Blackhole blackhole) {
        return new SimulatedScan(mapping, blackhole).run();
    }

    /** What app's {@code UniformMap.of} writes: event {@code i} carries constraint {@code i / batch} on every stream. */
    static String mapJson(List<String> streams, int events, int batch) {
        var cells = new StringBuilder(events * 20);
        cells.append('[');
        for (int i = 0; i < events; i++) {
            cells.append(i > 0 ? "," : "").append("[{\"constraint\":").append(i / batch).append("}]");
        }
        cells.append(']');
        var json = new StringBuilder("{");
        for (int s = 0; s < streams.size(); s++) {
            json.append(s > 0 ? "," : "").append('"').append(streams.get(s)).append("\":").append(cells);
        }
        return json.append('}').toString();
    }

    /** The hand-written reports must be what the real components send. */
    private static void checkReportText() {
        var times = new Report.WorkerTimes(0.5, 1.25, 0.125, 3.0, 0.25, 7);
        var done = new Report.Done("w0", List.of(5L, 6L), List.of(true, true), times);
        check(SimulatedScan.doneJson("w0", new long[] {5, 6}, 2, times), done.toJson());
        var results = new LinkedHashMap<String, List<Long>>();
        results.put("w0", List.of(5L));
        results.put("w1", List.of(6L, 8L));
        var reduced = new Report.Reduced(results);
        check(SimulatedScan.reducedJson(List.of("w0", "w1", "w1"), new long[] {5, 6, 8}, 3), reduced.toJson());
    }

    private static void check(byte[] handWritten, byte[] real) {
        if (!java.util.Arrays.equals(handWritten, real)) {
            throw new IllegalStateException("hand-written report " + new String(handWritten, StandardCharsets.UTF_8)
                    + " differs from " + new String(real, StandardCharsets.UTF_8));
        }
    }

    /** One scan: the controller's loop with the workers and the reducer answering in between. */
    static final class SimulatedScan {
        private final ScanLedger ledger;
        private final Blackhole blackhole;
        private final List<String> names = new ArrayList<>();
        private final Map<String, ArrayDeque<Long>> queues = new LinkedHashMap<>();
        private final Map<String, Report.WorkerTimes> times = new LinkedHashMap<>();
        private final Map<String, Long> lastQueued = new LinkedHashMap<>();
        /** Results the reducer received this round, reported next round. */
        private List<String> resultWorkers = new ArrayList<>();
        private List<Long> resultEvents = new ArrayList<>();
        private List<byte[]> reports = new ArrayList<>();

        SimulatedScan(MappingSequence mapping, Blackhole blackhole) {
            this.ledger = new ScanLedger(mapping, System.nanoTime());
            this.blackhole = blackhole;
            for (int w = 0; w < WORKERS; w++) {
                String name = "w" + w;
                names.add(name);
                ledger.register(name, List.of("generic"));
                queues.put(name, new ArrayDeque<>());
                times.put(name, new Report.WorkerTimes(0, 0, 0, 0, 0, 0));
                lastQueued.put(name, -1L);
                reports.add(new Report.Ready(name, List.of("generic"), CREDIT).toJson());
            }
        }

        long run() {
            while (!ledger.isComplete()) {
                if (reports.isEmpty()) {
                    throw new IllegalStateException("stuck at " + ledger.completedCount() + " completed events");
                }
                controllerRound();
                respond();
            }
            return ledger.completedCount();
        }

        /** What ScanRun does with one batch read from the reports stream. */
        private void controllerRound() {
            long now = System.nanoTime();
            var decoded = new ArrayList<Report>(reports.size());
            for (byte[] json : reports) {
                decoded.add(Report.fromJson(json));
            }
            reports = new ArrayList<>();
            for (Report report : decoded) {
                ledger.apply(report, now);
            }
            List<WorkAssignment> published = ledger.takePublishable();
            ledger.sample(now);
            if (!published.isEmpty()) {
                blackhole.consume(Assignment.toJson(published, WorkAssignment::eventNumber, WorkAssignment::streams));
            }
            queue(published);
        }

        /** The ingesters deliver each published event to its workers (once per worker, whatever the streams). */
        private void queue(List<WorkAssignment> published) {
            for (WorkAssignment assignment : published) {
                long event = assignment.eventNumber();
                for (List<String> workers : assignment.streams().values()) {
                    for (String worker : workers) {
                        if (lastQueued.put(worker, event) != event) {
                            queues.get(worker).add(event);
                        }
                    }
                }
            }
        }

        /** Each worker reports up to 64 completions; the reducer reports last round's results. */
        private void respond() {
            for (int i = 0; i < resultEvents.size(); i += REPORT_EVENTS) {
                int n = Math.min(REPORT_EVENTS, resultEvents.size() - i);
                long[] events = new long[n];
                for (int k = 0; k < n; k++) {
                    events[k] = resultEvents.get(i + k);
                }
                reports.add(reducedJson(resultWorkers.subList(i, i + n), events, n));
            }
            resultWorkers = new ArrayList<>();
            resultEvents = new ArrayList<>();
            for (String worker : names) {
                ArrayDeque<Long> queue = queues.get(worker);
                int n = Math.min(REPORT_EVENTS, queue.size());
                if (n == 0) {
                    continue;
                }
                long[] events = new long[n];
                for (int k = 0; k < n; k++) {
                    events[k] = queue.poll();
                    resultWorkers.add(worker);
                    resultEvents.add(events[k]);
                }
                Report.WorkerTimes before = times.get(worker);
                var after = new Report.WorkerTimes(before.getAssignments() + 0.001, before.getMessages() + 0.002,
                        before.assembleEvent() + 0.001, before.customCode() + 0.01, before.sendResult() + 0.001,
                        before.noEvents() + n);
                times.put(worker, after);
                reports.add(doneJson(worker, events, n, after));
            }
        }

        /** {@code Report.Done} as a worker's {@link Report#toJson} writes it, every event with a result. */
        static byte[] doneJson(String worker, long[] events, int n, Report.WorkerTimes t) {
            var json = new StringBuilder(32 + n * 16);
            json.append("{\"type\":\"done\",\"worker\":\"").append(worker).append("\",\"completed\":[");
            for (int i = 0; i < n; i++) {
                json.append(i > 0 ? "," : "").append(events[i]);
            }
            json.append("],\"has_result\":[");
            for (int i = 0; i < n; i++) {
                json.append(i > 0 ? ",true" : "true");
            }
            json.append("],\"times\":{\"get_assignments\":").append(t.getAssignments())
                    .append(",\"get_messages\":").append(t.getMessages())
                    .append(",\"assemble_event\":").append(t.assembleEvent())
                    .append(",\"custom_code\":").append(t.customCode())
                    .append(",\"send_result\":").append(t.sendResult())
                    .append(",\"no_events\":").append(t.noEvents()).append("}}");
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** {@code Report.Reduced} as the reducer writes it; the pairs are grouped by worker in first-seen order. */
        static byte[] reducedJson(List<String> workers, long[] events, int n) {
            var byWorker = new LinkedHashMap<String, StringBuilder>();
            for (int i = 0; i < n; i++) {
                StringBuilder list = byWorker.computeIfAbsent(workers.get(i), w -> new StringBuilder());
                list.append(list.isEmpty() ? "" : ",").append(events[i]);
            }
            var json = new StringBuilder("{\"type\":\"reduced\",\"results\":{");
            boolean first = true;
            for (var entry : byWorker.entrySet()) {
                json.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":[").append(entry.getValue()).append(']');
                first = false;
            }
            return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
