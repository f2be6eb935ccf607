package io.jdranspose.reducer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.runtime.wire.TcpSender;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.ParameterHash;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.control.UpdateFollower;
import io.jdranspose.runtime.wire.PartHeader;
import io.jdranspose.runtime.wire.ResultHeader;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The test plays controller and workers around a real reducer: scan updates and parameters in a real Redis,
 * reports read back, results pushed over real sockets, the tree read over real HTTP. One key prefix
 * per test, so the tests of a class share one server.
 */
final class Control implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    final RedisEndpoint redis;
    final RedisKeys keys;
    final StatefulRedisConnection<String, byte[]> connection;
    final RedisCommands<String, byte[]> commands;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Control(RedisServerProcess server) {
        this.keys = new RedisKeys("r" + PREFIXES.incrementAndGet());
        this.redis = RedisEndpoint.of(server.url(), keys);
        this.connection = redis.connect();
        this.commands = connection.sync();
    }

    /** Opens the scan's report stream (as the controller does first), then announces the scan. */
    ScanUpdate startScan(long serial, Map<String, String> versions) {
        String uuid = UUID.randomUUID().toString();
        commands.xadd(keys.reports(uuid), Map.of("opened", "1".getBytes(StandardCharsets.UTF_8)));
        ScanUpdate update = new ScanUpdate(uuid, versions, ParameterHash.of(versions), List.of("s"), false, serial, 10,
                "");
        publish(update);
        return update;
    }

    ScanUpdate startScan(long serial) {
        return startScan(serial, Map.of());
    }

    void publish(ScanUpdate update) {
        commands.xadd(keys.updates(), Map.of(UpdateFollower.FIELD, update.toJson()));
    }

    String setParameter(String name, String value) {
        String version = UUID.randomUUID().toString();
        commands.hset(keys.parameters(), name, value.getBytes(StandardCharsets.UTF_8));
        commands.hset(keys.parameterVersions(), name, version.getBytes(StandardCharsets.UTF_8));
        return version;
    }

    List<Report> reports(String uuid) {
        List<Report> reports = new ArrayList<>();
        for (StreamMessage<String, byte[]> m : commands.xrange(keys.reports(uuid), Range.create("-", "+"))) {
            byte[] data = m.getBody().get(UpdateFollower.FIELD);
            if (data != null) {
                reports.add(Report.fromJson(data));
            }
        }
        return reports;
    }

    /** All Reduced reports of a scan merged: worker → events, in report order. */
    Map<String, List<Long>> reduced(String uuid) {
        Map<String, List<Long>> all = new LinkedHashMap<>();
        for (Report r : reports(uuid)) {
            if (r instanceof Report.Reduced reduced) {
                reduced.results().forEach((w, events) -> all.computeIfAbsent(w, k -> new ArrayList<>()).addAll(events));
            }
        }
        return all;
    }

    int reducedCount(String uuid) {
        return reduced(uuid).values().stream().mapToInt(List::size).sum();
    }

    MemberState member(ComponentKind kind, String name) {
        byte[] json = commands.get(keys.member(kind, name));
        return json == null ? null : MemberState.fromJson(json);
    }

    /** Waits until the member reports the scan as its current one. */
    void awaitOn(ComponentKind kind, String name, ScanUpdate scan) throws InterruptedException {
        await("member " + name + " on " + scan.mappingUuid(), () -> {
            MemberState m = member(kind, name);
            return m != null && scan.mappingUuid().equals(m.mappingUuid());
        });
    }

    /** A connection to an inbox, as a worker (or an ingester) has. */
    Push push(String url) {
        Push push = new Push(url);
        closeables.add(push);
        return push;
    }

    final class Push implements AutoCloseable {
        final TcpSender sender;

        /** Connects, waiting up to 10 s. */
        Push(String url) {
            sender = new TcpSender(url);
            if (!sender.awaitConnected(Duration.ofSeconds(10), () -> false)) {
                throw new AssertionError("no connection to " + url + " within 10 s: " + sender.lastFailure());
            }
        }

        void send(byte[]... parts) {
            if (!sender.send(parts[0], List.of(parts).subList(1, parts.length), () -> false)) {
                throw new AssertionError("not sent to " + sender.endpoint());
            }
        }

        /** A worker's result message. */
        void result(long serial, long event, String worker, String hash, byte[] payload) {
            send(new ResultHeader(serial, event, 7, worker, hash).encode(), payload);
        }

        /** An ingester's part for a worker: one stream, UTF-8 frames. */
        void part(long serial, long event, long previous, String stream, String... frames) {
            byte[][] parts = new byte[frames.length + 1][];
            parts[0] = new PartHeader(serial, event, previous, 0, stream, "STINS", frames.length, List.of(stream)).encode();
            for (int i = 0; i < frames.length; i++) {
                parts[i + 1] = frames[i].getBytes(StandardCharsets.UTF_8);
            }
            send(parts);
        }

        @Override
        public void close() {
            sender.close();
        }
    }

    record Reply(int status, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    Reply get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> what);
    }

    static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10 s waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        connection.close();
        redis.close();
    }
}
