package io.jdranspose.app.pipeline;

import io.jdranspose.controller.ControllerConfig;
import io.jdranspose.controller.ControllerService;
import io.jdranspose.ingester.IngesterConfig;
import io.jdranspose.ingester.IngesterService;
import io.jdranspose.reducer.ReducerConfig;
import io.jdranspose.reducer.ReducerService;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.worker.WorkerConfig;
import io.jdranspose.worker.WorkerService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The whole pipeline in one process: a Redis (started if no URL is given), the controller, and whatever
 * reducer, workers and ingesters are added. The components are the same classes the separate
 * {@code controller}/{@code ingester}/{@code worker}/{@code reducer} commands run, talking over real Redis
 * and real ZeroMQ sockets on 127.0.0.1; only the process boundary is missing. Closing stops everything
 * in reverse order.
 */
public final class LocalPipeline implements AutoCloseable {
    private final RedisServerProcess redisServer;
    private final RedisEndpoint redis;
    private final ControllerService controller;
    private final ControllerClient client;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<WorkerService> workers = new ArrayList<>();
    private final List<IngesterService> ingesters = new ArrayList<>();
    private ReducerService reducer;

    private LocalPipeline(RedisServerProcess redisServer, RedisEndpoint redis, ControllerService controller) {
        this.redisServer = redisServer;
        this.redis = redis;
        this.controller = controller;
        this.client = new ControllerClient(controller.url());
    }

    /**
     * Starts Redis (when {@code redisUrl} is null) and the controller on {@code controllerPort} (0 = any).
     */
    public static LocalPipeline start(String redisUrl, String prefix, int controllerPort) throws IOException, InterruptedException {
        RedisServerProcess server = redisUrl == null ? LocalRedis.start() : null;
        RedisEndpoint redis = RedisEndpoint.of(server != null ? server.url() : redisUrl,
                new RedisKeys(prefix == null ? RedisKeys.DEFAULT_PREFIX : prefix));
        try {
            ControllerService controller = ControllerService.start(redis,
                    new ControllerConfig("127.0.0.1", controllerPort, null, Duration.ofSeconds(30)));
            return new LocalPipeline(server, redis, controller);
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    public LocalPipeline addReducer(Plugin plugin, ReducerConfig config) throws IOException {
        reducer = ReducerService.start(redis, plugin, config);
        started.push(reducer);
        return this;
    }

    public WorkerService addWorker(Plugin plugin, WorkerConfig config) {
        WorkerService worker = WorkerService.start(redis, plugin, config);
        workers.add(worker);
        started.push(worker);
        return worker;
    }

    public IngesterService addIngester(IngesterConfig config) {
        IngesterService ingester = IngesterService.start(redis, config);
        ingesters.add(ingester);
        started.push(ingester);
        return ingester;
    }

    /** Waits until the controller sees every component added so far. */
    public void awaitRegistered(Duration timeout) throws IOException, InterruptedException {
        client.awaitMembers(ingesters.size(), workers.size(), timeout);
    }

    public ControllerClient client() {
        return client;
    }

    public ControllerService controller() {
        return controller;
    }

    public ReducerService reducer() {
        return reducer;
    }

    public List<WorkerService> workers() {
        return List.copyOf(workers);
    }

    public List<IngesterService> ingesters() {
        return List.copyOf(ingesters);
    }

    public RedisEndpoint redis() {
        return redis;
    }

    /** Stops one component early (e.g. a worker leaving); no-op if it was already closed. */
    public void stop(AutoCloseable component) throws Exception {
        if (started.remove(component)) {
            component.close();
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // keep closing the rest; a component that fails to close has already logged why
            }
        }
        controller.close();
        redis.close();
        if (redisServer != null) {
            redisServer.close();
        }
    }
}
