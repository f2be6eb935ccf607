package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.control.UpdateFollower;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The controller's side of the Redis contract, played by a test: one key prefix per test (so tests sharing a
 * redis-server never see each other), scan updates, assignment batches, and reading what the ingester
 * publishes.
 */
final class Pipeline implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final AtomicInteger SERIALS = new AtomicInteger(1000);

    private final RedisEndpoint redis;
    private final StatefulRedisConnection<String, byte[]> connection;

    Pipeline(String redisUrl) {
        this.redis = RedisEndpoint.of(redisUrl, new RedisKeys("t" + PREFIXES.incrementAndGet()));
        this.connection = redis.connect();
    }

    RedisEndpoint redis() {
        return redis;
    }

    RedisKeys keys() {
        return redis.keys();
    }

    RedisCommands<String, byte[]> commands() {
        return connection.sync();
    }

    /** A new scan as the controller announces it: reports stream opened, then the update. */
    ScanUpdate startScan(List<String> streams, long totalEvents) {
        return startScan(streams, totalEvents, "");
    }

    ScanUpdate startScan(List<String> streams, long totalEvents, String dumpPrefix) {
        ScanUpdate update = new ScanUpdate(UUID.randomUUID().toString(), Map.of(), "hash-" + SERIALS.get(), streams,
                false, SERIALS.incrementAndGet(), totalEvents, dumpPrefix);
        commands().xadd(keys().reports(update.mappingUuid()), Map.of("opened", new byte[0]));
        publish(update);
        return update;
    }

    void publish(ScanUpdate update) {
        commands().xadd(keys().updates(), Map.of(UpdateFollower.FIELD, update.toJson()));
    }

    /** One batch on the scan's {@code assigned} stream. */
    void assign(ScanUpdate scan, Assignment... batch) {
        commands().xadd(keys().assigned(scan.mappingUuid()), Map.of(UpdateFollower.FIELD,
                Assignment.toJson(Arrays.asList(batch))));
    }

    /** Events {@code from..to} (inclusive), each of {@code stream} to the given workers. */
    void assignRange(ScanUpdate scan, String stream, long from, long to, String... workers) {
        List<Assignment> batch = new ArrayList<>();
        for (long e = from; e <= to; e++) {
            batch.add(assignment(e, stream, workers));
        }
        assign(scan, batch.toArray(Assignment[]::new));
    }

    static Assignment assignment(long event, String stream, String... workers) {
        return new Assignment(event, Map.of(stream, List.of(workers)));
    }

    /** An assignment with several cells: stream, workers, stream, workers, … */
    static Assignment assignment(long event, Object... cells) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> workers = (List<String>) cells[i + 1];
            map.put((String) cells[i], workers);
        }
        return new Assignment(event, map);
    }

    MemberState ingesterState(String name) {
        byte[] json = commands().get(keys().member(ComponentKind.INGESTER, name));
        return json == null ? null : MemberState.fromJson(json);
    }

    /** Names of the registered ingesters. */
    List<String> ingesterNames() {
        List<String> names = new ArrayList<>();
        for (String key : commands().keys(keys().memberPattern(ComponentKind.INGESTER))) {
            names.add(key.substring(key.lastIndexOf(':') + 1));
        }
        return names;
    }

    /** Waits until the ingester's member state satisfies {@code condition}; returns that state. */
    MemberState awaitIngesterState(String name, Predicate<MemberState> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        MemberState state = null;
        while (System.nanoTime() < deadline) {
            state = ingesterState(name);
            if (state != null && condition.test(state)) {
                return state;
            }
            sleep(10);
        }
        throw new AssertionError("ingester " + name + " did not reach the expected state within " + timeout
                + "; last state: " + state);
    }

    /** As the controller does after its POST: waits until the ingester reports the scan. */
    MemberState awaitOnScan(String name, ScanUpdate scan) {
        return awaitIngesterState(name, s -> scan.mappingUuid().equals(s.mappingUuid()), Duration.ofSeconds(5));
    }

    /** The reports of a scan, without the controller's {@code opened} entry. */
    List<Report> reports(ScanUpdate scan) {
        List<Report> reports = new ArrayList<>();
        for (StreamMessage<String, byte[]> m : commands().xrange(keys().reports(scan.mappingUuid()),
                Range.create("-", "+"))) {
            byte[] json = m.getBody().get(UpdateFollower.FIELD);
            if (json != null) {
                reports.add(Report.fromJson(json));
            }
        }
        return reports;
    }

    static void await(String what, java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waiting for %s", what).isTrue();
            sleep(5);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        connection.close();
        redis.close();
    }
}
