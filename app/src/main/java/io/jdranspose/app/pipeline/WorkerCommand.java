package io.jdranspose.app.pipeline;

import io.jdranspose.app.logging.RedisLogging;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.worker.WorkerConfig;
import io.jdranspose.worker.WorkerService;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdranspose worker}: runs the plugin's map function on the events assigned to it. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a worker: assemble each assigned event from every ingester, call the plugin, send",
                "non-null results to the reducer."})
public final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisOptions redis;

    @Mixin
    PluginOptions plugin;

    @Option(names = {"--name", "-n"}, defaultValue = "${env:WORKER_NAME}",
            description = "Worker name (default: $WORKER_NAME, else worker-HOST-RANDOM).")
    String name;

    @Option(names = "--tags", split = ",", defaultValue = "generic",
            description = "Tags trigger maps select workers by (default: ${DEFAULT-VALUE}).")
    List<String> tags;

    @Option(names = "--bind-host", defaultValue = "127.0.0.1",
            description = "Interface the data inbox binds (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String bindHost;

    @Option(names = "--advertise-host", description = "Host name ingesters connect to (default: the bind host, or this host's name when binding all).")
    String advertiseHost;

    @Option(names = "--credit", defaultValue = "1024",
            description = "Events assigned ahead of processing (default: ${DEFAULT-VALUE}).")
    int credit;

    @Override
    public Integer call() throws Exception {
        Plugin loaded = plugin.load();
        String workerName = name == null || name.isBlank() ? defaultName() : name;
        WorkerConfig config = new WorkerConfig(workerName, new LinkedHashSet<>(tags), bindHost,
                advertiseHost(bindHost, advertiseHost), credit);
        RedisEndpoint endpoint = redis.endpoint();
        RedisLogging logging = RedisLogging.attach(endpoint, workerName);
        WorkerService worker = WorkerService.start(endpoint, loaded, config);
        spec.commandLine().getOut().println("worker " + workerName + " " + tags + " with " + loaded.describe()
                + ", inbox " + worker.inboxUrl());
        spec.commandLine().getOut().flush();
        UntilStopped.await(worker, logging, endpoint);
        return 0;
    }

    static String advertiseHost(String bindHost, String advertiseHost) throws java.net.UnknownHostException {
        if (advertiseHost != null) {
            return advertiseHost;
        }
        return "0.0.0.0".equals(bindHost) || "*".equals(bindHost) ? InetAddress.getLocalHost().getHostName() : bindHost;
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "-");
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return "worker-" + host + "-" + suffix;
    }
}
