package io.jdranspose.app;

import io.jdranspose.app.pipeline.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.DType;
import io.jdranspose.app.pipeline.LocalPipeline;
import io.jdranspose.app.pipeline.UniformMap;
import io.jdranspose.ingester.IngesterConfig;
import io.jdranspose.reducer.ReducerConfig;
import io.jdranspose.reducer.hdf5.Hdf5DownloadRoute;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.simulator.DiffractionFrames;
import io.jdranspose.simulator.StinsMessages;
import io.jdranspose.simulator.ZmqSender;
import io.jdranspose.worker.WorkerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdranspose demo}: the whole loop on built-in defaults, needing nothing but a JDK: a simulated
 * detector streams into the real pipeline ({@code local}: Redis, controller, ingester, workers, reducer),
 * whose results are live over HTTP and end up in an HDF5 file.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulate a detector and stream it through the pipeline (controller, ingester, workers, reducer",
                "in one process) with the example plugin (ROI mean + azimuthal integration); serve the live results",
                "over the HSDS API and the viewer, and write them to an HDF5 file."})
final class DemoCommand implements Callable<Integer> {
    static final String WORKER = "io.jdranspose.examples.AzintWorker";
    static final String REDUCER = "io.jdranspose.examples.AzintReducer";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", defaultValue = "200", description = "Simulated images (default: ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--shape", defaultValue = "512x512", converter = FrameShape.Converter.class,
            description = "Image size ROWSxCOLS (default: ${DEFAULT-VALUE}).")
    FrameShape shape;

    @Option(names = "--workers", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--dir", defaultValue = "jdranspose-demo",
            description = "Where the HDF5 file goes (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", defaultValue = "5010", description = "HTTP port for the results (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--controller-port", defaultValue = "5000",
            description = "HTTP port of the controller's API and status page (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int controllerPort;

    @Option(names = "--redis-url", paramLabel = "URL", description = "Use this Redis instead of starting a private one.")
    String redisUrl;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "HZ",
            description = "Images per second, so the results can be watched growing (default: ${DEFAULT-VALUE}; 0 = as fast as possible).")
    double rate;

    @Option(names = "--exit", description = "Exit when the scan is done instead of serving the results until Ctrl-C.")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frames and --workers must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Plugin plugin = PluginLoader.load(null, WORKER, REDUCER);
        String detector = "tcp://127.0.0.1:" + FreePorts.next();
        try (LocalPipeline pipeline = LocalPipeline.start(redisUrl, null, controllerPort)) {
            pipeline.addReducer(plugin, new ReducerConfig("127.0.0.1", "127.0.0.1", port,
                    dir.toAbsolutePath() + "/demo-"));
            for (int i = 1; i <= workers; i++) {
                pipeline.addWorker(plugin, new WorkerConfig("worker" + i, Set.of("generic"), "127.0.0.1", "127.0.0.1", 1024));
            }
            pipeline.addIngester(IngesterConfig.of("eiger", detector));
            pipeline.awaitRegistered(Duration.ofSeconds(30));
            var results = pipeline.reducer().httpUrl();
            out.println("controller at " + pipeline.controller().url() + " (status page, REST API), Redis " + pipeline.redis());
            out.println("results at " + results + " (h5pyd, silx, h5web)");
            out.println("viewer at " + results.resolve("viewer/") + ", HDF5 download at "
                    + results.resolve(Hdf5DownloadRoute.PATH.substring(1)));
            out.flush();

            String uuid = pipeline.client().postMapping(UniformMap.of(List.of("eiger"), frames, 1));
            DiffractionFrames generator = DiffractionFrames.builder(shape.rows(), shape.cols(), DType.UINT16).build();
            AtomicReference<Exception> failure = new AtomicReference<>();
            long start = System.nanoTime();
            Thread detectorThread = Thread.ofPlatform().name("simulated-detector").start(() -> {
                try (ZmqSender sender = ZmqSender.bind(detector).rateHz(rate).open()) {
                    sender.sendAll(StinsMessages.series(generator, frames, ""));
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            out.printf(Locale.ROOT, "scan %s: %d simulated %dx%d uint16 images at %s%n", uuid, frames, shape.rows(),
                    shape.cols(), rate > 0 ? rate + " Hz" : "full speed");
            out.flush();
            TerminalProgress bar = TerminalProgress.onConsole();
            long timeoutSeconds = 120 + (rate > 0 ? (long) (frames / rate) : 0);
            JsonNode progress = pipeline.client().awaitFinished(Duration.ofSeconds(timeoutSeconds), p -> bar.update("demo",
                    p.path("completed_events").asLong(), p.path("total_events").asLong(), p.path("completed_events").asLong()));
            bar.done();
            detectorThread.join();
            if (failure.get() != null) {
                throw failure.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "demo: %d events (%d images) through %d workers in %.2f s, %d results reduced%n",
                    progress.path("completed_events").asLong(), frames, workers, seconds, pipeline.reducer().reduced());
            Path file = pipeline.reducer().lastFile();
            out.println("HDF5 file: " + (file == null ? "(none written, see the log)" : file.toAbsolutePath()));
            out.flush();
            if (!exit) {
                out.println("serving " + results + " and the controller until Ctrl-C; post another map to "
                        + pipeline.controller().url().resolve("api/v1/mapping") + " for another scan");
                out.flush();
                ReplayCommand.awaitInterrupt();
            }
            return file == null ? 1 : 0;
        }
    }
}
