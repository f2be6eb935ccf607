package io.jdranspose.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.StringDataset;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.app.Main;
import io.jdranspose.ingester.IngesterConfig;
import io.jdranspose.ingester.IngesterService;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamTransport;
import io.jdranspose.ingester.protocol.Protocols;
import io.jdranspose.reducer.ReducerConfig;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.simulator.StinsMessages;
import io.jdranspose.simulator.ZmqSender;
import io.jdranspose.worker.WorkerConfig;
import io.jdranspose.worker.WorkerService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real pipeline for one test: controller, reducer, workers and ingesters (the production classes) on a
 * shared test Redis under a key prefix of its own, and a simulated detector (STINS, or a capture played back)
 * per stream.
 */
final class PipelineHarness implements AutoCloseable {
    static final Plugin TRACE = new Plugin(null, null, TraceWorker.class, TraceReducer.class);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final LocalPipeline local;
    private final Map<String, String> detectors = new LinkedHashMap<>();

    private final Plugin plugin;

    private PipelineHarness(LocalPipeline local, Plugin plugin) {
        this.local = local;
        this.plugin = plugin;
    }

    static PipelineHarness start(String redisUrl, String hdf5Prefix) throws Exception {
        return start(redisUrl, hdf5Prefix, TRACE);
    }

    /** A pipeline whose workers and reducer run {@code plugin}. */
    static PipelineHarness start(String redisUrl, String hdf5Prefix, Plugin plugin) throws Exception {
        LocalPipeline local = LocalPipeline.start(redisUrl, "test" + PREFIXES.incrementAndGet(), 0);
        local.addReducer(plugin, new ReducerConfig("127.0.0.1", "127.0.0.1", 0, hdf5Prefix));
        return new PipelineHarness(local, plugin);
    }

    WorkerService worker(String name, String... tags) {
        return local.addWorker(plugin, new WorkerConfig(name, tags.length == 0 ? Set.of("generic") : Set.of(tags),
                "127.0.0.1", "127.0.0.1", 1024));
    }

    void stream(String name) throws IOException {
        String endpoint = "tcp://127.0.0.1:" + freePort();
        detectors.put(name, endpoint);
        local.addIngester(IngesterConfig.of(name, endpoint));
    }

    /** An ingester for {@code name} speaking {@code protocol} over its usual socket, at a fresh local address. */
    void stream(String name, String protocol) throws IOException {
        UpstreamProtocol upstream = Protocols.named(protocol);
        String endpoint = (upstream.transport() == UpstreamTransport.HTTP ? "http" : "tcp") + "://127.0.0.1:" + freePort();
        detectors.put(name, endpoint);
        local.addIngester(new IngesterConfig(name + "-ingester", name, endpoint, upstream.defaultSocket(), upstream,
                null, IngesterConfig.DEFAULT_QUEUE_FRAMES));
    }

    /**
     * Plays a raw capture onto the stream's endpoint with {@code jdranspose simulate capture}, as the device
     * would (it waits for the ingester to connect or subscribe), with upstream's three junk messages first.
     *
     * @return the command's exit code, once every message is sent
     */
    CompletableFuture<Integer> playCapture(String stream, Path capture, String socket) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("capture-" + stream).start(() -> exit.complete(Main.commandLine().execute("simulate",
                "capture", "-f", capture.toString(), "--bind", endpoint(stream), "--socket", socket, "--emptyness")));
        return exit;
    }

    IngesterService ingester(String stream) {
        return local.ingesters().stream().filter(i -> i.config().stream().equals(stream)).findFirst().orElseThrow();
    }

    String endpoint(String stream) {
        return detectors.get(stream);
    }

    void ready() throws Exception {
        local.awaitRegistered(Duration.ofSeconds(20));
    }

    String postMapping(String json) throws Exception {
        return local.client().postMapping(json);
    }

    /** The detector of {@code stream} sends a series: start, {@code images} 4x4 uint16 images, end. */
    void sendSeries(String stream, int images) throws InterruptedException {
        send(stream, seriesMessages(images));
    }

    static List<List<byte[]>> seriesMessages(int images) {
        List<List<byte[]>> messages = new ArrayList<>();
        StinsMessages.series("", images, new int[] {4, 4}, DType.UINT16, i -> new byte[32]).forEachRemaining(messages::add);
        return messages;
    }

    void send(String stream, List<List<byte[]>> messages) throws InterruptedException {
        try (ZmqSender sender = ZmqSender.bind(endpoint(stream)).peerTimeout(Duration.ofSeconds(20)).open()) {
            for (List<byte[]> m : messages) {
                sender.send(m);
            }
        }
    }

    JsonNode awaitFinished() throws Exception {
        return local.client().awaitFinished(Duration.ofSeconds(30), p -> { });
    }

    JsonNode progress() throws Exception {
        return local.client().progress();
    }

    /** Every reduced result of the current scan: event → worker → items. */
    SortedMap<Long, Map<String, List<String>>> traces() {
        SortedMap<Long, Map<String, List<String>>> byEvent = new TreeMap<>();
        var node = local.reducer().tree().root().get("trace");
        if (node == null) {
            return byEvent;
        }
        for (String line : ((StringValue) ((StringDataset) node).snapshot()).strings()) {
            String[] parts = line.split(" ");
            List<String> items = List.of(parts).subList(2, parts.length);
            var previous = byEvent.computeIfAbsent(Long.parseLong(parts[0]), e -> new TreeMap<>()).put(parts[1], items);
            if (previous != null) {
                throw new AssertionError("event " + parts[0] + " reduced twice from " + parts[1]);
            }
        }
        return byEvent;
    }

    /** worker → events it processed (with a result). */
    SortedMap<String, SortedSet<Long>> eventsByWorker() {
        SortedMap<String, SortedSet<Long>> byWorker = new TreeMap<>();
        traces().forEach((event, workers) -> workers.keySet()
                .forEach(w -> byWorker.computeIfAbsent(w, k -> new TreeSet<>()).add(event)));
        return byWorker;
    }

    @Override
    public void close() {
        local.close();
    }

    static int freePort() throws IOException {
        return FreePorts.next();
    }
}
