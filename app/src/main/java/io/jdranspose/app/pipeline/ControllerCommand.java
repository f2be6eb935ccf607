package io.jdranspose.app.pipeline;

import io.jdranspose.app.logging.RedisLogging;
import io.jdranspose.controller.ControllerConfig;
import io.jdranspose.controller.ControllerService;
import io.jdranspose.runtime.control.RedisEndpoint;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jdranspose controller}: the REST API, scans, assignments and progress. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Run the controller: REST API (dranspose-compatible) and status page, scans, assignment of events",
                "to workers, progress. One per Redis: a second one waits until the first exits."})
public final class ControllerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisOptions redis;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", defaultValue = "5000", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", defaultValue = "${env:JDRANSPOSE_TOKEN}",
            description = "Require 'Authorization: Bearer TOKEN' on every change (default: $JDRANSPOSE_TOKEN; none).")
    String token;

    @Option(names = "--lock-wait", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long to wait for another controller to release the lock (default: ${DEFAULT-VALUE}).")
    long lockWaitSeconds;

    @Override
    public Integer call() throws Exception {
        RedisEndpoint endpoint = redis.endpoint();
        RedisLogging logging = RedisLogging.attach(endpoint, "controller");
        ControllerService controller;
        try {
            controller = ControllerService.start(endpoint, new ControllerConfig(host, port,
                    token == null || token.isBlank() ? null : token, Duration.ofSeconds(lockWaitSeconds)));
        } catch (IllegalStateException e) {
            // the lock is held by another controller: a situation to report, not a bug
            logging.close();
            endpoint.close();
            throw new java.io.IOException(e.getMessage(), e);
        }
        spec.commandLine().getOut().println("controller at " + controller.url() + " (Redis " + endpoint + ")");
        spec.commandLine().getOut().flush();
        UntilStopped.await(controller, logging, endpoint);
        return 0;
    }
}
