package io.jdranspose.app.bench;

import io.jdranspose.api.DType;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.hsds.HsdsIds;
import io.jdranspose.reducer.hsds.HsdsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdranspose bench hsds}: the HSDS API's speed over loopback HTTP, and what live viewers cost the
 * reducer. Starts an {@link HsdsServer} on 127.0.0.1 (a free port) and measures, after a warm-up:
 * metadata request times, whole 1024x1024 float32 binary reads, and the reduce rate of a publishing loop
 * alone and while simulated viewers poll. Runs are alternated and the best of each kind is shown, so a
 * moment of load from elsewhere does not decide the comparison.
 */
@Command(name = "hsds", mixinStandardHelpOptions = true,
        description = {"Measure the HSDS API over loopback HTTP: metadata latency, 1024x1024 float32 binary reads,",
                "and the reduce rate alone and with polling viewers."})
public final class HsdsBenchCommand implements Callable<Integer> {
    private static final String IMAGE = "/entry/image";
    private static final String BINARY = "application/octet-stream";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--metadata-requests", defaultValue = "5000",
            description = "Measured metadata requests (default: ${DEFAULT-VALUE}).")
    int metadataRequests;

    @Option(names = "--image-requests", defaultValue = "200",
            description = "Measured 1024x1024 float32 binary reads (default: ${DEFAULT-VALUE}).")
    int imageRequests;

    @Option(names = "--viewers", defaultValue = "50", description = "Simulated viewers (default: ${DEFAULT-VALUE}).")
    int viewers;

    @Option(names = "--poll-ms", defaultValue = "100",
            description = "Each viewer's polling period in ms (default: ${DEFAULT-VALUE}).")
    int pollMillis;

    @Option(names = "--results", defaultValue = "2000000",
            description = "Results published per reduce-rate run (default: ${DEFAULT-VALUE}).")
    long results;

    @Option(names = "--repeat", defaultValue = "3",
            description = "Reduce-rate runs of each kind, alternated; the best is shown (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--max-warm-up", defaultValue = "60",
            description = "Longest warm-up of each part in seconds; it ends earlier once the JIT is done"
                    + " (default: ${DEFAULT-VALUE}).")
    double maxWarmUp;

    @Override
    public Integer call() throws Exception {
        if (metadataRequests < 1 || imageRequests < 1 || viewers < 1 || pollMillis < 1 || results < 1 || repeat < 1
                || maxWarmUp < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "request counts, viewers, --poll-ms, --results and --repeat must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        PublishTree tree = new PublishTree();
        tree.group("/entry").attribute("NX_class", "NXentry").attribute("title", "hsds benchmark");
        float[] image = new float[1024 * 1024];
        for (int i = 0; i < image.length; i++) {
            image[i] = i * 0.5f;
        }
        tree.numeric(IMAGE, DType.FLOAT32).replace(image, 1024, 1024).attribute("units", "counts");
        PublishingLoop loop = new PublishingLoop(tree);
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, () -> tree);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI base = server.url();
            Latencies metadata = metadata(http, base);
            out.printf(Locale.ROOT, "hsds metadata: %s (%,d requests; target p50 <= 1 ms)%n", metadata.summary(),
                    metadata.count());
            out.flush();
            Latencies binary = binaryImage(http, base);
            out.printf(Locale.ROOT, "hsds 1024x1024 float32 binary: %s (%,d requests; target <= 20 ms)%n",
                    binary.summary(), binary.count());
            out.flush();
            new ViewerImpact(loop, base, viewers, Duration.ofMillis(pollMillis), maxWarmUp).measure(results, repeat)
                    .print(out);
        }
        return 0;
    }

    /** Alternates GET /groups/{root} and GET /datasets/{image}, as a browsing client does. */
    private Latencies metadata(HttpClient http, URI base) throws Exception {
        HttpRequest group = HttpRequest.newBuilder(base.resolve("/groups/" + HsdsIds.ROOT_GROUP_ID)).build();
        HttpRequest dataset = HttpRequest.newBuilder(base.resolve("/datasets/" + HsdsIds.datasetId(IMAGE))).build();
        int[] warmUps = {0};
        WarmUp.until(Math.min(2, maxWarmUp), maxWarmUp, () -> send(http, warmUps[0]++ % 2 == 0 ? group : dataset, 0));
        Latencies latencies = new Latencies();
        for (int i = 0; i < metadataRequests; i++) {
            long start = System.nanoTime();
            send(http, i % 2 == 0 ? group : dataset, 0);
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    private Latencies binaryImage(HttpClient http, URI base) throws Exception {
        HttpRequest value = HttpRequest.newBuilder(base.resolve("/datasets/" + HsdsIds.datasetId(IMAGE) + "/value"))
                .header("Accept", BINARY).build();
        WarmUp.until(Math.min(2, maxWarmUp), maxWarmUp, () -> send(http, value, 4 * 1024 * 1024));
        Latencies latencies = new Latencies();
        for (int i = 0; i < imageRequests; i++) {
            long start = System.nanoTime();
            send(http, value, 4 * 1024 * 1024);
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    private static void send(HttpClient http, HttpRequest request, int expectedBytes)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 || (expectedBytes > 0 && r.body().length != expectedBytes)) {
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + " with " + r.body().length
                    + " bytes");
        }
    }
}
