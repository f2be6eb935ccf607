package io.jdranspose.bench;

import io.jdranspose.controller.ScanLedger;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.TriggerMapJson;
import io.jdranspose.controller.triggermap.WorkAssignment;
import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
        if (!Arrays.equals(handWritten, real)) {
            throw new IllegalStateException("hand-written report " + new String(handWritten, StandardCharsets.UTF_8)
                    + " differs from " + new String(real, StandardCharsets.UTF_8));
        }
    }

    /** One scan: the controller's loop with the workers and the reducer answering in between. */
    static final class SimulatedScan {
        private final ScanLedger ledger;
        private final Blackhole blackhole;
        private final List<SimulatedWorker> workers = new ArrayList<>();
        private final Map<String, SimulatedWorker> byName = new LinkedHashMap<>();
        /** Results the reducer received this round (worker, event), reported next round. */
        private List<String> resultWorkers = new ArrayList<>();
        private long[] resultEvents = new long[256];
        private int resultCount;
        private List<byte[]> reports = new ArrayList<>();

        SimulatedScan(MappingSequence mapping, Blackhole blackhole) {
            this.ledger = new ScanLedger(mapping, System.nanoTime());
            this.blackhole = blackhole;
            for (int w = 0; w < WORKERS; w++) {
                var worker = new SimulatedWorker("w" + w);
                workers.add(worker);
                byName.put(worker.name, worker);
                ledger.register(worker.name, List.of("generic"));
                reports.add(new Report.Ready(worker.name, List.of("generic"), CREDIT).toJson());
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
            // the ingesters deliver each published event to its workers (once per worker, whatever the streams)
            for (WorkAssignment assignment : published) {
                for (String worker : assignment.workers()) {
                    byName.get(worker).receive(assignment.eventNumber());
                }
            }
        }

        /** Each worker reports up to 64 completions; the reducer reports last round's results, 64 per report. */
        private void respond() {
            for (int i = 0; i < resultCount; i += REPORT_EVENTS) {
                int n = Math.min(REPORT_EVENTS, resultCount - i);
                reports.add(reducedJson(resultWorkers.subList(i, i + n), Arrays.copyOfRange(resultEvents, i, i + n), n));
            }
            resultWorkers = new ArrayList<>();
            resultCount = 0;
            for (SimulatedWorker worker : workers) {
                byte[] done = worker.complete(REPORT_EVENTS);
                if (done == null) {
                    continue;
                }
                for (int k = 0; k < worker.lastCount; k++) {
                    if (resultCount == resultEvents.length) {
                        resultEvents = Arrays.copyOf(resultEvents, resultCount * 2);
                    }
                    resultWorkers.add(worker.name);
                    resultEvents[resultCount++] = worker.last[k];
                }
                reports.add(done);
            }
        }

        /** {@code Report.Done} as a worker's {@link Report#toJson} writes it, every event with a result. */
        static byte[] doneJson(String worker, long[] events, int n, Report.WorkerTimes t) {
            var json = new StringBuilder(160 + n * 12);
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
            return ascii(json);
        }

        /** {@code Report.Reduced} as the reducer writes it; the pairs are grouped by worker in first-seen order. */
        static byte[] reducedJson(List<String> workers, long[] events, int n) {
            var json = new StringBuilder(40 + n * 12).append("{\"type\":\"reduced\",\"results\":{");
            var written = new ArrayList<String>(2);
            for (int i = 0; i < n; i++) {
                String worker = workers.get(i);
                if (written.contains(worker)) {
                    continue;
                }
                json.append(written.isEmpty() ? "" : ",").append('"').append(worker).append("\":[");
                written.add(worker);
                boolean first = true;
                for (int k = i; k < n; k++) {
                    if (workers.get(k).equals(worker)) {
                        json.append(first ? "" : ",").append(events[k]);
                        first = false;
                    }
                }
                json.append(']');
            }
            return ascii(json.append("}}"));
        }

        private static byte[] ascii(StringBuilder json) {
            byte[] bytes = new byte[json.length()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) json.charAt(i);
            }
            return bytes;
        }
    }

    /** A worker: the events delivered to it, in order, and its cumulative times. */
    static final class SimulatedWorker {
        final String name;
        private long[] queue = new long[2 * CREDIT];
        private int head;
        private int size;
        private Report.WorkerTimes times = new Report.WorkerTimes(0, 0, 0, 0, 0, 0);
        /** The events of the last {@link #complete} call. */
        final long[] last = new long[REPORT_EVENTS];
        int lastCount;

        SimulatedWorker(String name) {
            this.name = name;
        }

        void receive(long event) {
            if (size == queue.length) {
                long[] bigger = new long[queue.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = queue[(head + i) % queue.length];
                }
                queue = bigger;
                head = 0;
            }
            queue[(head + size++) % queue.length] = event;
        }

        /** Processes up to {@code max} events; returns their Done report, or null if it had none. */
        byte[] complete(int max) {
            lastCount = Math.min(max, size);
            if (lastCount == 0) {
                return null;
            }
            for (int k = 0; k < lastCount; k++) {
                last[k] = queue[head];
                head = (head + 1) % queue.length;
                size--;
            }
            times = new Report.WorkerTimes(times.getAssignments() + 0.001, times.getMessages() + 0.002,
                    times.assembleEvent() + 0.001, times.customCode() + 0.01, times.sendResult() + 0.001,
                    times.noEvents() + lastCount);
            return SimulatedScan.doneJson(name, last, lastCount, times);
        }
    }
}
