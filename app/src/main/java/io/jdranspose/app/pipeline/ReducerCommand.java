package io.jdranspose.app.pipeline;

import io.jdranspose.app.logging.RedisLogging;
import io.jdranspose.reducer.ReducerConfig;
import io.jdranspose.reducer.ReducerService;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.plugin.Plugin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdranspose reducer}: folds every result and publishes the tree live. */
@Command(name = "reducer", mixinStandardHelpOptions = true,
        description = {"Run the reducer: call the plugin's reduce for each result, one at a time; serve the results",
                "over the HSDS API (h5pyd, silx, h5web at /viewer/) and write an HDF5 file per scan."})
public final class ReducerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisOptions redis;

    @Mixin
    PluginOptions plugin;

    @Option(names = "--http-port", defaultValue = "5010", description = "HTTP port of the results (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--bind-host", defaultValue = "127.0.0.1",
            description = "Interface the result inbox and HTTP bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String bindHost;

    @Option(names = "--advertise-host", description = "Host name workers connect to (default: the bind host, or this host's name when binding all).")
    String advertiseHost;

    @Option(names = "--hdf5-prefix", defaultValue = "", paramLabel = "PREFIX",
            description = "Default of the hdf5_prefix parameter: each scan is written to PREFIX<mapping uuid>.h5 (default: none).")
    String hdf5Prefix;

    @Override
    public Integer call() throws Exception {
        Plugin loaded = plugin.load();
        RedisEndpoint endpoint = redis.endpoint();
        RedisLogging logging = RedisLogging.attach(endpoint, "reducer");
        ReducerService reducer = ReducerService.start(endpoint, loaded, new ReducerConfig(bindHost,
                WorkerCommand.advertiseHost(bindHost, advertiseHost), httpPort, hdf5Prefix));
        spec.commandLine().getOut().println("reducer with " + loaded.describe() + ": results at " + reducer.httpUrl()
                + ", viewer at " + reducer.httpUrl().resolve("viewer/"));
        spec.commandLine().getOut().flush();
        UntilStopped.await(reducer, logging, endpoint);
        return 0;
    }
}
