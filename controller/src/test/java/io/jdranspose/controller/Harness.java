package io.jdranspose.controller;

import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One controller on its own key prefix of a shared test Redis, with a {@link FakeEnsemble} and an
 * {@link Api} client: tests in one class share the server but nothing else.
 */
final class Harness implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final RedisEndpoint redis;
    final RedisKeys keys;
    final StatefulRedisConnection<String, byte[]> connection;
    final RedisCommands<String, byte[]> commands;
    final ControllerService controller;
    final FakeEnsemble ensemble;
    final Api api;

    Harness(String redisUrl) throws IOException, InterruptedException {
        this(redisUrl, null);
    }

    Harness(String redisUrl, String token) throws IOException, InterruptedException {
        this(redisUrl, token, ControllerTimings.DEFAULT);
    }

    Harness(String redisUrl, String token, ControllerTimings timings) throws IOException, InterruptedException {
        this.keys = new RedisKeys("t" + PREFIXES.incrementAndGet() + "x" + ProcessHandle.current().pid());
        this.redis = RedisEndpoint.of(redisUrl, keys);
        this.connection = redis.connect();
        this.commands = connection.sync();
        this.controller = ControllerService.start(redis, ControllerConfig.defaults().withPort(0).withToken(token)
                .withLockWait(Duration.ofSeconds(5)), timings);
        this.ensemble = new FakeEnsemble(redis);
        this.api = new Api(controller.url(), token);
    }

    /** A registered ingester for each stream, one generic worker with credit 8, and a reducer. */
    Harness standardEnsemble(String... streams) {
        for (String stream : streams) {
            ensemble.ingester(stream + "-ingester", stream);
        }
        ensemble.worker("w1", 8);
        ensemble.reducer("reducer");
        return this;
    }

    boolean exists(String key) {
        return commands.exists(key) == 1L;
    }

    @Override
    public void close() {
        ensemble.close();
        controller.close();
        connection.close();
        redis.close();
        ensemble.assertHealthy();
    }
}
