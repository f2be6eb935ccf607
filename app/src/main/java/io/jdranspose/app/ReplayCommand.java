package io.jdranspose.app;

import io.jdranspose.reducer.hdf5.Hdf5DownloadRoute;
import io.jdranspose.reducer.hdf5.Hdf5Writer;
import io.jdranspose.reducer.hsds.HsdsServer;
import io.jdranspose.reducer.viewer.ViewerRoute;
import io.jdranspose.replay.DatasetStream;
import io.jdranspose.replay.ParameterRoute;
import io.jdranspose.replay.Replay;
import io.jdranspose.replay.ReplayOptions;
import io.jdranspose.replay.ReplaySummary;
import io.jdranspose.runtime.parameters.ParameterFile;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.plugin.PluginLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdranspose replay}: a plugin over recordings and HDF5 files, in one process, no Redis. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay recordings through a worker and a reducer in one process (no Redis).",
                "Events are merged by number; the first goes to every worker, the rest are spread over the workers.",
                "An HDF5 file (recognised by content) replays the datasets chosen with --dataset as STINS streams:"
                        + " event 0 starts the series, events 1..n carry the frames (first axis), n+1 ends it."},
        footer = {"", "Examples:", "  jdranspose replay -w my.RoiWorker -r my.TrendReducer --plugin roi.jar -f eiger.cbors"
                + " --port 5010 --output result.h5",
                "  jdranspose replay -w my.RoiWorker -r my.TrendReducer --plugin roi.jar -f scan.h5"
                        + " --dataset /entry/data/data=eiger --dataset /entry/instrument/theta=theta"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workerclass"}, paramLabel = "CLASS",
            description = "Worker class (default: the plugin jar's Jdranspose-Worker manifest entry).")
    String workerClass;

    @Option(names = {"-r", "--reducerclass"}, paramLabel = "CLASS",
            description = "Reducer class (default: the plugin jar's Jdranspose-Reducer manifest entry).")
    String reducerClass;

    @Option(names = "--plugin", paramLabel = "JAR", description = "Plugin jar holding the classes.")
    Path plugin;

    @Option(names = {"-f", "--files"}, arity = "1..*", required = true, paramLabel = "FILE",
            description = "Recordings (.cbors, .cbors.gz), one per ingester, and HDF5 files.")
    List<Path> files;

    @Option(names = "--dataset", paramLabel = "PATH=STREAM",
            description = {"Replay this HDF5 dataset (frames along its first axis; 1-D gives one value per frame) as the"
                    + " STINS stream STREAM; repeat for more datasets, which must have the same number of frames.",
                    "Each dataset is read from the HDF5 file among -f that holds it."})
    List<String> datasets = List.of();

    @Option(names = {"-p", "--parameters"}, paramLabel = "FILE",
            description = "Parameter file: JSON [{\"name\":..,\"data\":..}], a JSON object, or CBOR.")
    Path parameterFile;

    @Option(names = "--nworkers", defaultValue = "2", paramLabel = "N",
            description = "In-process workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "HZ",
            description = "Hand out at most this many events per second, to watch results live (default: as fast as possible).")
    double rate;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Serve the reducer's results over the HSDS API (h5pyd, silx, h5web) on this port.")
    Integer port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address the HTTP server binds (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--keep-alive", description = "Keep serving after the replay until Ctrl-C.")
    boolean keepAlive;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the published results to this HDF5 file.")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, byte[]> values = parameterFile == null ? Map.of() : ParameterFile.read(parameterFile);
        List<DatasetStream> chosen = datasets.stream().map(DatasetStream::parse).toList();
        ReplayOptions options = new ReplayOptions(files, workers, values, 1024, rate, chosen);
        Plugin loaded = PluginLoader.load(plugin, workerClass, reducerClass);
        Replay replay = new Replay(loaded, options);
        return run(replay, out, port, host, keepAlive, output);
    }

    /** Runs a replay with the optional HTTP server and HDF5 output; shared with the demo. */
    static int run(Replay replay, PrintWriter out, Integer port, String host, boolean keepAlive, Path output)
            throws Exception {
        HsdsServer server = null;
        if (port != null) {
            server = HsdsServer.start(host, port, replay::tree);
            server.route(ParameterRoute.PREFIX, new ParameterRoute(replay));
            server.route(ViewerRoute.PREFIX, new ViewerRoute());
            server.route(Hdf5DownloadRoute.PATH, new Hdf5DownloadRoute(replay::tree));
            out.println("results at " + server.url() + " (h5pyd, silx, h5web)");
            out.println("viewer at " + server.url().resolve("viewer/") + ", HDF5 download at "
                    + server.url().resolve(Hdf5DownloadRoute.PATH.substring(1)));
            out.flush();
        }
        try {
            TerminalProgress bar = TerminalProgress.onConsole();
            ReplaySummary summary = replay.run((read, total, events) -> bar.update("replay", read, total, events));
            bar.done();
            out.println("replay: " + summary.line());
            if (output != null) {
                Hdf5Writer.write(replay.tree(), output);
                out.println("HDF5 file: " + output.toAbsolutePath());
            }
            out.flush();
            if (server != null && keepAlive) {
                out.println("serving " + server.url() + " until Ctrl-C");
                out.flush();
                awaitInterrupt();
            }
            return summary.errors() == 0 ? 0 : 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C / SIGTERM). */
    static void awaitInterrupt() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }
}
