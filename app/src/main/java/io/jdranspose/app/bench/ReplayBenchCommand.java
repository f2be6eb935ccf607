package io.jdranspose.app.bench;

import io.jdranspose.api.DType;
import io.jdranspose.app.SimulatedRecording;
import io.jdranspose.replay.Replay;
import io.jdranspose.replay.ReplayOptions;
import io.jdranspose.replay.ReplayProgress;
import io.jdranspose.replay.ReplaySummary;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.simulator.DiffractionFrames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdranspose bench replay}: timed in-process replays over generated recordings, one line per case.
 * The recordings are written once to a temporary folder (page cache), each case runs once to warm up the
 * JIT and is then measured.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay generated recordings and print events/s and MB/s per case:",
                "10x10 uint16 frames with a trivial plugin, 1024x1024 uint16 frames with a plugin reading every pixel."})
public final class ReplayBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--small-events", defaultValue = "1000000",
            description = "Events of the 10x10 case (default: ${DEFAULT-VALUE}).")
    long smallEvents;

    @Option(names = "--large-frames", defaultValue = "500",
            description = "Frames of the 1024x1024 case (default: ${DEFAULT-VALUE}, 1 GB).")
    long largeFrames;

    @Option(names = "--workers", defaultValue = "2", description = "In-process workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--dir", description = "Folder for the generated recordings (default: a new temporary folder, deleted after).")
    Path dir;

    @Option(names = "--repeat", defaultValue = "3", description = "Measured runs per case; the best is shown (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path folder = temporary ? Files.createTempDirectory("jdranspose-bench") : Files.createDirectories(dir);
        try {
            Path small = folder.resolve("small-10x10-uint16.cbors");
            Path large = folder.resolve("large-1024x1024-uint16.cbors");
            write(small, 10, 10, smallEvents);
            write(large, 1024, 1024, largeFrames);
            measure(out, "replay 10x10 uint16, trivial plugin", small, CountingWorker.class.getName());
            measure(out, "replay 1024x1024 uint16, every pixel read", large, PixelSumWorker.class.getName());
        } finally {
            if (temporary) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }

    private void measure(PrintWriter out, String label, Path file, String worker) throws Exception {
        ReplaySummary best = null;
        for (int run = 0; run <= repeat; run++) {
            Replay replay = new Replay(PluginLoader.load(null, worker, SummingReducer.class.getName()),
                    new ReplayOptions(List.of(file), workers, Map.of(), 1024, 0));
            ReplaySummary s = replay.run(ReplayProgress.NONE);
            if (s.errors() != 0 || s.reduced() != s.results()) {
                throw new IllegalStateException(label + ": " + s.line());
            }
            if (run > 0 && (best == null || s.seconds() < best.seconds())) {
                best = s;
            }
        }
        out.printf(Locale.ROOT, "%s: %,.0f events/s, %,.0f MB/s (%,d events, %.2f s, %d workers)%n", label,
                best.eventsPerSecond(), best.megabytesPerSecond(), best.events(), best.seconds(), workers);
        out.flush();
    }

    private static void write(Path file, int rows, int cols, long images) throws IOException {
        SimulatedRecording.write(file, "eiger", DiffractionFrames.builder(rows, cols, DType.UINT16).build(), images, "");
    }
}
