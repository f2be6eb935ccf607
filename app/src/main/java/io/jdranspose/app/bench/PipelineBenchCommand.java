package io.jdranspose.app.bench;

import io.jdranspose.app.pipeline.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.app.pipeline.ControllerClient;
import io.jdranspose.app.pipeline.LocalRedis;
import io.jdranspose.app.pipeline.UniformMap;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.simulator.ZmqSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdranspose bench pipeline}: the simulator through the real pipeline, every component its own JVM
 * (Redis, controller, ingesters, workers, reducer), a warm-up scan and then the measured scan. Prints
 * events/s, MB/s and the latency from the source sending a frame to its result being reduced, next to
 * one raw jeromq hop measured in the same run.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Stream simulated frames through controller, ingester(s), workers and reducer, each a separate JVM,",
                "and print events/s, MB/s and latency percentiles (frame sent by the source → its result reduced)."})
public final class PipelineBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--frame-bytes", defaultValue = "2048", description = "Payload bytes per frame (default: ${DEFAULT-VALUE}).")
    int frameBytes;

    @Option(names = "--events", defaultValue = "200000", description = "Data events of the measured scan (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--workers", defaultValue = "2", description = "Worker processes (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--streams", defaultValue = "1", description = "Streams, each with its own source and ingester (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "HZ", description = "Events per second, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--batch", defaultValue = "1", description = "Consecutive events per constraint (default: ${DEFAULT-VALUE}: every event its own constraint).")
    long batch;

    @Option(names = "--credit", defaultValue = "1024", description = "Events assigned ahead per worker (default: ${DEFAULT-VALUE}).")
    int credit;

    @Option(names = "--raw-hop-seconds", defaultValue = "2", description = "Duration of the raw jeromq hop measurement (with --rate: of its latency, 10 s at least); 0 skips it (default: ${DEFAULT-VALUE}).")
    double rawHopSeconds;

    @Option(names = "--warmup-events", defaultValue = "-1", paramLabel = "N",
            description = "Events of each unmeasured warm-up scan, sent as fast as possible (default: 200,000 or 10 GB worth, whichever is fewer).")
    long warmupEvents;

    @Option(names = "--max-warmups", defaultValue = "8", paramLabel = "N",
            description = "Warm-up scans at most; they stop earlier once two in a row are not 5 %% faster than the best before (default: ${DEFAULT-VALUE}). With --rate, a paced warm-up of 10 s follows.")
    int maxWarmups;

    @Option(names = "--keep-logs", description = "Keep the components' log files (printed at the end).")
    boolean keepLogs;

    @Override
    public Integer call() throws Exception {
        if (frameBytes < 1 || events < 1 || workers < 1 || streams < 1 || batch < 1 || !(rate >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--frame-bytes, --events, --workers, --streams and --batch must be positive, --rate ≥ 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        // the yardstick: a raw hop at full speed, or at the paced rate (then its latency, over 10 s at least)
        RawHop.Result raw = rawHopSeconds > 0 && rate == 0 ? RawHop.measure(frameBytes, rawHopSeconds) : null;
        RawHop.Latency rawPaced = rawHopSeconds > 0 && rate > 0
                ? RawHop.measurePaced(frameBytes, rate, Math.max(10, rawHopSeconds)) : null;
        if (raw != null) {
            out.printf(Locale.ROOT, "raw jeromq PUSH/PULL hop, %d B frames: %,.0f messages/s, %,.0f MB/s%n", frameBytes,
                    raw.messagesPerSecond(), raw.bytesPerSecond() / 1e6);
            out.flush();
        }
        if (rawPaced != null) {
            out.printf(Locale.ROOT, "raw jeromq PUSH/PULL hop paced at %s Hz, %d B frames, %,d messages: p50 %.2f ms, "
                    + "p99 %.2f ms, max %.1f ms%n", rate, frameBytes, rawPaced.messages(), rawPaced.p50Nanos() / 1e6,
                    rawPaced.p99Nanos() / 1e6, rawPaced.maxNanos() / 1e6);
            out.flush();
        }
        Path logs = Files.createTempDirectory("jdranspose-bench-pipeline");
        try (RedisServerProcess redis = LocalRedis.start(); ComponentProcesses components = new ComponentProcesses(logs)) {
            int controllerPort = FreePorts.next();
            int reducerPort = FreePorts.next();
            List<String> redisArgs = List.of("--redis-url", redis.url());
            List<String> plugin = List.of("-w", LatencyWorker.class.getName(), "-r", LatencyReducer.class.getName());
            components.start("controller", concat(List.of("controller", "--port", Integer.toString(controllerPort)), redisArgs));
            components.start("reducer", concat(List.of("reducer", "--http-port", Integer.toString(reducerPort)), redisArgs, plugin));
            for (int w = 1; w <= workers; w++) {
                components.start("worker" + w, concat(List.of("worker", "--name", "worker" + w, "--credit",
                        Integer.toString(credit)), redisArgs, plugin));
            }
            List<String> names = new ArrayList<>();
            List<String> endpoints = new ArrayList<>();
            for (int s = 1; s <= streams; s++) {
                String name = "stream" + s;
                String endpoint = "tcp://127.0.0.1:" + FreePorts.next();
                names.add(name);
                endpoints.add(endpoint);
                components.start(name + "-ingester", concat(List.of("ingester", "--stream", name, "--upstream", endpoint), redisArgs));
            }
            ControllerClient client = new ControllerClient(URI.create("http://127.0.0.1:" + controllerPort + "/"));
            awaitController(client, components);
            client.awaitMembers(streams, workers, Duration.ofSeconds(60));
            URI results = URI.create("http://127.0.0.1:" + reducerPort + "/");

            // Six JVMs share two cores: until their JIT compilers are done (up to a minute at full speed), the
            // compiler threads take much of the CPU, and a short run measures compilation rather than the
            // pipeline. As JMH does, warm-up scans run until their rate stops rising (see WarmUpRates). With
            // large frames the events are few (a few hundred a second), and the per-event code of the controller,
            // ingester and workers reaches the compile thresholds only after thousands of them: with 2 MiB
            // frames, warm-ups of 955 events measured 520 MB/s, of 5,000 events 795 MB/s.
            long warmup = warmupEvents >= 0 ? warmupEvents : Math.max(1, Math.min(200_000, 10_000_000_000L / frameBytes));
            WarmUpRates rates = new WarmUpRates();
            for (int i = 1; warmup > 0 && i <= maxWarmups; i++) {
                Measured w = runScan(client, components, names, endpoints, warmup, 0, results);
                double perSecond = warmup / w.seconds;
                out.printf(Locale.ROOT, "warm-up %d: %,.0f events/s%n", i, perSecond);
                out.flush();
                if (rates.flatAfter(perSecond)) {
                    break;
                }
            }
            if (rate > 0 && warmup > 0 && maxWarmups > 0) {
                // a paced scan takes other paths (a pack per message, a blocking receive per event) than the
                // warm-ups at full speed: let the compilers see those too, for ten seconds
                long paced = Math.max(1, Math.min(events, Math.round(rate * 10)));
                Measured w = runScan(client, components, names, endpoints, paced, rate, results);
                out.printf(Locale.ROOT, "paced warm-up: %,d events, p50 %.2f ms, p99 %.2f ms%n", paced,
                        w.p50Nanos / 1e6, w.p99Nanos / 1e6);
                out.flush();
            }
            Measured m = runScan(client, components, names, endpoints, events, rate, results);
            double bytes = (double) events * frameBytes * streams;
            out.printf(Locale.ROOT, "pipeline %d B x %d, %d worker%s%s%s: %,.0f events/s, %,.0f MB/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                    frameBytes, events, workers, workers == 1 ? "" : "s", streams == 1 ? "" : ", " + streams + " streams",
                    rate > 0 ? ", paced at " + rate + " Hz" : "", events / m.seconds, bytes / m.seconds / 1e6,
                    m.p50Nanos / 1e6, m.p99Nanos / 1e6, m.maxNanos / 1e6);
            out.printf(Locale.ROOT, "latency by leg: source → plugin p50 %.2f ms, p99 %.2f ms; plugin → reduced p50 %.2f ms,"
                    + " p99 %.2f ms%n", m.toPluginP50 / 1e6, m.toPluginP99 / 1e6, m.fromPluginP50 / 1e6, m.fromPluginP99 / 1e6);
            if (raw != null) {
                out.printf(Locale.ROOT, "pipeline / raw hop: %.2f (bytes/s), %.2f (messages/s)%n",
                        bytes / m.seconds / raw.bytesPerSecond(), events * streams / m.seconds / raw.messagesPerSecond());
            }
            if (rawPaced != null) {
                // the pipeline has three such hops (source → ingester → worker → reducer) and more thread hand-offs
                out.printf(Locale.ROOT, "pipeline / raw hop latency: p50 %.1f, p99 %.1f%n",
                        (double) m.p50Nanos / rawPaced.p50Nanos(), (double) m.p99Nanos / rawPaced.p99Nanos());
            }
            if (m.reduced != events) {
                out.printf(Locale.ROOT, "ERROR: %d of %d events reduced%n", m.reduced, events);
                return 1;
            }
            out.println("every event reduced (" + m.reduced + ")" + (keepLogs ? "; component logs in " + logs : ""));
            out.flush();
            return 0;
        } finally {
            if (!keepLogs) {
                try (var files = Files.walk(logs)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Leaves the progress wait when a source thread failed. */
    private static final class SourceFailed extends RuntimeException {
        SourceFailed(Exception cause) {
            super(cause);
        }
    }

    private record Measured(double seconds, long reduced, long p50Nanos, long p99Nanos, long maxNanos,
                            long toPluginP50, long toPluginP99, long fromPluginP50, long fromPluginP99) {
    }

    private Measured runScan(ControllerClient client, ComponentProcesses components, List<String> names,
                             List<String> endpoints, long n, double hz, URI results) throws Exception {
        client.postMapping(UniformMap.of(names, n, batch));
        List<Thread> sources = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (String endpoint : endpoints) {
            sources.add(Thread.ofPlatform().name("source-" + endpoint).start(() -> {
                try {
                    send(endpoint, n, hz);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long timeoutSeconds = 120 + (hz > 0 ? (long) (n / hz) : 0);
        try {
            // a slow poll: the scan's times come from the reducer, and the controller shares the two cores
            client.awaitFinished(Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(250), p -> {
                if (failure.get() != null) {
                    throw new SourceFailed(failure.get());  // the scan cannot finish: say why now
                }
            });
        } catch (SourceFailed e) {
            throw new IOException("a simulated detector failed: " + e.getCause(), e.getCause());
        } catch (IOException e) {
            components.checkAlive();
            if (failure.get() != null) {
                e.addSuppressed(failure.get());
            }
            throw e;
        }
        for (Thread t : sources) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        long count = attribute(results, "bench_count");
        long first = attribute(results, "bench_first_sent_ns");
        long last = attribute(results, "bench_last_reduced_ns");
        return new Measured((last - first) / 1e9, count, attribute(results, "bench_p50_ns"),
                attribute(results, "bench_p99_ns"), attribute(results, "bench_max_ns"),
                attribute(results, "bench_to_plugin_p50_ns"), attribute(results, "bench_to_plugin_p99_ns"),
                attribute(results, "bench_from_plugin_p50_ns"), attribute(results, "bench_from_plugin_p99_ns"));
    }

    /** One simulated detector: start, {@code n} images stamped with their send time, end; paced by deadline. */
    private void send(String endpoint, long n, double hz) throws InterruptedException {
        // in native memory, as a detector's frames are (see ZmqSender.send(byte[], ByteBuffer))
        ByteBuffer payload = ByteBuffer.allocateDirect(frameBytes);
        long period = hz > 0 ? (long) (1e9 / hz) : 0;
        // A detector holds a few frames, not gigabytes: at most ~64 MiB queued in the source, so its sends block
        // as a detector's would; closing waits (linger) until the pipeline has taken every queued frame.
        int highWaterMark = (int) Math.max(2, Math.min(1000, (64L << 20) / frameBytes));
        try (ZmqSender sender = ZmqSender.bind(endpoint).peerTimeout(Duration.ofSeconds(30))
                .sendHighWaterMark(highWaterMark).linger(Duration.ofMinutes(2)).open()) {
            sender.send(List.of(ascii("{\"htype\":\"header\",\"filename\":\"\",\"msg_number\":0}")));
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                if (period > 0) {
                    long deadline = start + i * period;
                    long now;
                    while ((now = System.nanoTime()) < deadline) {
                        LockSupport.parkNanos(deadline - now);
                    }
                }
                String header = "{\"htype\":\"image\",\"frame\":" + i + ",\"shape\":[" + frameBytes
                        + "],\"type\":\"uint8\",\"compression\":\"none\",\"msg_number\":" + (i + 1)
                        + ",\"sent_ns\":" + System.nanoTime() + "}";
                sender.send(ascii(header), payload);
            }
            sender.send(List.of(ascii("{\"htype\":\"series_end\",\"msg_number\":" + (n + 1) + "}")));
        }
    }

    private static long attribute(URI results, String name) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode root = JSON.readTree(http.send(HttpRequest.newBuilder(results).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String body = http.send(HttpRequest.newBuilder(results.resolve("groups/" + root.path("root").asText()
                + "/attributes/" + name)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode value = JSON.readTree(body).path("value");
        if (!value.isNumber()) {
            throw new IOException("reducer has no numeric attribute " + name + ": " + body);
        }
        return value.asLong();
    }

    private static void awaitController(ControllerClient client, ComponentProcesses components) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                client.config();
                return;
            } catch (IOException e) {
                components.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IOException("controller did not answer within 60 s: " + e.getMessage()
                            + "\n" + components.tail("controller"));
                }
                Thread.sleep(100);
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
