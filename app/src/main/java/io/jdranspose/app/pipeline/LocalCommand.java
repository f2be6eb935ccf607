package io.jdranspose.app.pipeline;

import io.jdranspose.app.logging.RedisLogging;
import io.jdranspose.ingester.IngesterConfig;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamSocket;
import io.jdranspose.ingester.protocol.Protocols;
import io.jdranspose.reducer.ReducerConfig;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.worker.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdranspose local}: controller, ingesters, workers and reducer in one process. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on this machine in one process: controller, one ingester per --stream,",
                "N workers and the reducer, over real Redis and ZeroMQ. Starts a private Redis unless --redis-url",
                "is given (redis-server from the PATH, else the bundled one)."},
        footer = {"", "Example:", "  jdranspose local --workers 2 --stream eiger=tcp://127.0.0.1:9999",
                "  curl -X POST localhost:5000/api/v1/mapping -d '{\"eiger\": [[{\"constraint\":0}],[{\"constraint\":1}]]}'"})
public final class LocalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--redis-url", paramLabel = "URL", description = "Use this Redis instead of starting one.")
    String redisUrl;

    @Mixin
    PluginOptions plugin;

    @Option(names = "--workers", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--stream", required = true, paramLabel = "NAME=URL[,sub|pull][,PROTOCOL]",
            description = {"A stream and the detector endpoint its ingester connects to; repeat for more streams.",
                    "PROTOCOL: ${COMPLETION-CANDIDATES} (default stins), e.g. panda=tcp://panda:8889,pcap-raw"},
            completionCandidates = IngesterCommand.ProtocolNames.class)
    List<String> streams;

    @Option(names = "--port", defaultValue = "5000", description = "Controller HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--reducer-port", defaultValue = "5010", description = "Results HTTP port (default: ${DEFAULT-VALUE}).")
    int reducerPort;

    @Option(names = "--hdf5-prefix", defaultValue = "", paramLabel = "PREFIX",
            description = "Write each scan's results to PREFIX<mapping uuid>.h5 (default: no file).")
    String hdf5Prefix;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be at least 1");
        }
        List<IngesterConfig> ingesters = new ArrayList<>();
        for (String s : streams) {
            ingesters.add(parseStream(s));
        }
        Plugin loaded = plugin.load();
        LocalPipeline pipeline = LocalPipeline.start(redisUrl, null, port);
        RedisLogging logging = RedisLogging.attach(pipeline.redis(), "local");
        try {
            pipeline.addReducer(loaded, new ReducerConfig("127.0.0.1", "127.0.0.1", reducerPort, hdf5Prefix));
            for (int i = 1; i <= workers; i++) {
                pipeline.addWorker(loaded, new WorkerConfig("worker" + i, Set.of("generic"), "127.0.0.1", "127.0.0.1", 1024));
            }
            ingesters.forEach(pipeline::addIngester);
            pipeline.awaitRegistered(Duration.ofSeconds(30));
        } catch (Exception e) {
            logging.close();
            pipeline.close();
            throw e;
        }
        var out = spec.commandLine().getOut();
        out.println("controller at " + pipeline.controller().url() + " (status page; POST maps to /api/v1/sequence)");
        out.println("results at " + pipeline.reducer().httpUrl() + ", viewer at " + pipeline.reducer().httpUrl().resolve("viewer/"));
        out.println(workers + " worker(s) running " + loaded.describe() + "; streams " + streams + "; Redis " + pipeline.redis());
        out.flush();
        UntilStopped.await(logging, pipeline);
        return 0;
    }

    /** {@code NAME=URL[,sub|pull][,PROTOCOL]}. */
    static IngesterConfig parseStream(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--stream must be NAME=URL[,sub|pull][,PROTOCOL], got '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        String[] parts = spec.substring(eq + 1).split(",");
        UpstreamSocket socket = null;
        UpstreamProtocol protocol = Protocols.named("stins");
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
            if (option.equals("sub") || option.equals("pull")) {
                socket = UpstreamSocket.parse(option);
            } else if (Protocols.names().contains(option)) {
                protocol = Protocols.named(option);
            } else {
                throw new IllegalArgumentException("--stream " + name + ": unknown option '" + parts[i]
                        + "' (sub, pull, or a protocol: " + String.join(", ", Protocols.names()) + ")");
            }
        }
        return new IngesterConfig(name + "-ingester", name, parts[0], socket == null ? protocol.defaultSocket() : socket,
                protocol, null, IngesterConfig.DEFAULT_QUEUE_FRAMES);
    }
}
