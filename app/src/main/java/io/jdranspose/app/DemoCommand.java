package io.jdranspose.app;

import io.jdranspose.api.DType;
import io.jdranspose.replay.Replay;
import io.jdranspose.replay.ReplayOptions;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.simulator.DiffractionFrames;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdranspose demo}: the whole loop on built-in defaults, needing nothing but a JDK. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulate a detector, run the example plugin (ROI mean + azimuthal integration) over it,",
                "serve the live results over the HSDS API and write them to an HDF5 file."})
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

    @Option(names = "--workers", defaultValue = "2", description = "In-process workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--dir", defaultValue = "jdranspose-demo",
            description = "Where the recording and the HDF5 file go (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", defaultValue = "5010", description = "HTTP port for the results (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "HZ",
            description = "Events per second, so the results can be watched growing (default: ${DEFAULT-VALUE}; 0 = as fast as possible).")
    double rate;

    @Option(names = "--exit", description = "Exit when the replay is done instead of serving the results until Ctrl-C.")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Path recording = dir.resolve("simulated-eiger.cbors");
        Path output = dir.resolve("demo.h5");
        DiffractionFrames generator = DiffractionFrames.builder(shape.rows(), shape.cols(), DType.UINT16).build();
        long start = System.nanoTime();
        long bytes = SimulatedRecording.write(recording, "eiger", generator, frames, "");
        out.printf(Locale.ROOT, "simulated %d images of %dx%d uint16 (%.1f MB) in %.2f s -> %s%n", frames, shape.rows(),
                shape.cols(), bytes / 1e6, (System.nanoTime() - start) / 1e9, recording.toAbsolutePath());
        out.flush();
        Plugin plugin = PluginLoader.load(null, WORKER, REDUCER);
        Replay replay = new Replay(plugin, new ReplayOptions(List.of(recording), workers, Map.of(), 1024, rate));
        return ReplayCommand.run(replay, out, port, "127.0.0.1", !exit, output);
    }
}
