package io.jdranspose.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.RedisServerProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One controller per key prefix: rolling restarts, clean shutdown, and losing the lock. */
class ControllerLockTest {
    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    private static ControllerConfig config(Duration lockWait) {
        return ControllerConfig.defaults().withPort(0).withLockWait(lockWait);
    }

    @Test
    void secondControllerWaitsForTheFirstAndNothingButParametersRemains() throws Exception {
        RedisKeys keys = new RedisKeys("rolling");
        try (RedisEndpoint redis = RedisEndpoint.of(server.url(), keys); var connection = redis.connect()) {
            var commands = connection.sync();
            ControllerService first = ControllerService.start(redis, config(Duration.ofSeconds(1)));
            Api firstApi = new Api(first.url());
            assertThat(firstApi.post("api/v1/parameter/from_first", "1").statusCode()).isEqualTo(200);

            CompletableFuture<ControllerService> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return ControllerService.start(redis, config(Duration.ofSeconds(20)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            assertThat(second).as("the second controller waits for the lock").isNotDone();
            assertThat(firstApi.get("api/v1/progress").statusCode()).isEqualTo(200);

            first.close();
            ControllerService next = second.get(5, TimeUnit.SECONDS);
            try {
                Api api = new Api(next.url());
                assertThat(api.post("api/v1/parameter/from_second", "2").statusCode()).isEqualTo(200);
                assertThat(api.get("api/v1/parameter/from_first").body()).isEqualTo("1");
                assertThat(next.currentMappingUuid()).isNotEqualTo(first.currentMappingUuid());
            } finally {
                next.close();
            }
            assertThat(commands.keys(keys.all())).containsExactlyInAnyOrder(keys.parameters(), keys.parameterVersions());
            assertThat(commands.hkeys(keys.parameters())).containsExactlyInAnyOrder("from_first", "from_second");
        }
    }

    @Test
    void aControllerThatCannotGetTheLockSaysWhichKey() throws Exception {
        RedisKeys keys = new RedisKeys("busy");
        try (RedisEndpoint redis = RedisEndpoint.of(server.url(), keys);
             ControllerService first = ControllerService.start(redis, config(Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> ControllerService.start(redis, config(Duration.ofMillis(600))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("busy:controller_lock");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(600).toNanos());
            assertThat(new Api(first.url()).get("api/v1/progress").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aControllerThatLosesItsLockStopsServingAndLeavesTheNewOwnersKeys() throws Exception {
        RedisKeys keys = new RedisKeys("stolen");
        try (RedisEndpoint redis = RedisEndpoint.of(server.url(), keys); var connection = redis.connect()) {
            var commands = connection.sync();
            // renewing every 200 ms instead of 3 s, so the loss shows quickly
            ControllerService controller = ControllerService.start(redis, config(Duration.ofSeconds(1)),
                    ControllerTimings.DEFAULT.withLockRenew(Duration.ofMillis(200)));
            Api api = new Api(controller.url());
            assertThat(api.get("api/v1/progress").statusCode()).isEqualTo(200);
            // another controller took over (this one was paused past the lock's expiry)
            commands.set(keys.lock(), "someone else".getBytes());
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            boolean serving = true;
            while (serving && System.nanoTime() < deadline) {
                Thread.sleep(50);
                try {
                    HttpResponse<String> response = api.send(api.request("api/v1/progress")
                            .timeout(Duration.ofSeconds(1)).GET().build());
                    serving = response.statusCode() == 200;
                } catch (AssertionError e) {
                    serving = false; // connection refused
                }
            }
            assertThat(serving).as("still serving after losing the lock").isFalse();
            controller.close();
            // the new owner's lock and updates stay
            assertThat(commands.get(keys.lock())).isEqualTo("someone else".getBytes());
            assertThat(commands.keys(keys.all())).contains(keys.lock(), keys.updates());
            commands.del(List.of(keys.lock(), keys.updates()).toArray(String[]::new));
        }
    }
}
