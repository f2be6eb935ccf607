package io.jdranspose.worker;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.ResultHeader;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import io.jdranspose.runtime.wire.TcpInbox;
import io.jdranspose.runtime.wire.TcpSender;

/**
 * The test plays controller, ingesters and reducer around a real worker: it writes scan updates and
 * parameters to a real Redis, reads the reports back, pushes parts over real sockets and receives
 * results on an inbox registered as the reducer. One key prefix per test, so tests share a server.
 */
final class Pipeline implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final RedisEndpoint redis;
    final RedisKeys keys;
    final StatefulRedisConnection<String, byte[]> connection;
    final RedisCommands<String, byte[]> commands;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Pipeline(RedisServerProcess server) {
        this.keys = new RedisKeys("t" + PREFIXES.incrementAndGet());
        this.redis = RedisEndpoint.of(server.url(), keys);
        this.connection = redis.connect();
        this.commands = connection.sync();
    }

    /** Opens the scan's report stream (as the controller does first), then announces the scan. */
    ScanUpdate startScan(long serial, Map<String, String> versions) {
        String uuid = UUID.randomUUID().toString();
        commands.xadd(keys.reports(uuid), Map.of("opened", "1".getBytes(StandardCharsets.UTF_8)));
        ScanUpdate update = new ScanUpdate(uuid, versions, ParameterHash.of(versions), List.of("a", "b", "s"), false,
                serial, 100, "");
        publish(update);
        return update;
    }

    ScanUpdate startScan(long serial) {
        return startScan(serial, Map.of());
    }

    void publish(ScanUpdate update) {
        commands.xadd(keys.updates(), Map.of(UpdateFollower.FIELD, update.toJson()));
    }

    /** Stores a parameter value with a new version, as {@code POST /api/v1/parameter} does; returns the version. */
    String setParameter(String name, String value) {
        String version = UUID.randomUUID().toString();
        commands.hset(keys.parameters(), name, value.getBytes(StandardCharsets.UTF_8));
        commands.hset(keys.parameterVersions(), name, version.getBytes(StandardCharsets.UTF_8));
        return version;
    }

    /** Every report of the scan, in stream order (the {@code opened} entry skipped). */
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

    /** Event numbers of every Done report of the scan, in order. */
    List<Long> completed(String uuid) {
        List<Long> events = new ArrayList<>();
        for (Report r : reports(uuid)) {
            if (r instanceof Report.Done d) {
                events.addAll(d.completed());
            }
        }
        return events;
    }

    List<Boolean> hasResult(String uuid) {
        List<Boolean> flags = new ArrayList<>();
        for (Report r : reports(uuid)) {
            if (r instanceof Report.Done d) {
                flags.addAll(d.hasResult());
            }
        }
        return flags;
    }

    MemberState member(ComponentKind kind, String name) {
        byte[] json = commands.get(keys.member(kind, name));
        return json == null ? null : MemberState.fromJson(json);
    }

    /** An ingester's connection to a worker inbox, handshake completed. */
    Ingester ingester(String url) throws InterruptedException {
        Ingester ingester = new Ingester(url);
        closeables.add(ingester);
        return ingester;
    }

    /** A connection to a worker's inbox, as an ingester has one per worker. */
    final class Ingester implements AutoCloseable {
        final TcpSender sender;

        /** Connects, waiting up to 10 s. */
        Ingester(String url) {
            sender = new TcpSender(url);
            if (!sender.awaitConnected(Duration.ofSeconds(10), () -> false)) {
                throw new AssertionError("no connection to " + url + " within 10 s: " + sender.lastFailure());
            }
        }

        void send(byte[] header, List<byte[]> frames) {
            if (!sender.send(header, frames, () -> false)) {
                throw new AssertionError("not sent to " + sender.endpoint());
            }
        }

        @Override
        public void close() {
            sender.close();
        }
    }

    /** Sends one stream's part of an event: the frames are UTF-8 texts. */
    static void send(Ingester push, long serial, long event, long previous, String stream, List<String> streams,
                     String... frames) {
        PartHeader header = new PartHeader(serial, event, previous, 1000 + event, stream, stream.equals("b") ? "json" : "STINS",
                frames.length, streams);
        push.send(header.encode(), Arrays.stream(frames).map(f -> f.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** An inbox registered as the reducer (member key without expiry). */
    FakeReducer fakeReducer() {
        FakeReducer reducer = new FakeReducer();
        closeables.add(reducer);
        return reducer;
    }

    final class FakeReducer implements AutoCloseable {
        final TcpInbox socket;
        final String url;

        FakeReducer() {
            try {
                socket = TcpInbox.bind("fake reducer", "127.0.0.1");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            url = "tcp://127.0.0.1:" + socket.port();
            MemberState state = new MemberState("reducer", "reducer", UUID.randomUUID().toString(), null, null, null,
                    0, 0, url, "http://127.0.0.1:1/", null, null, null, 0, "test");
            commands.set(keys.member(ComponentKind.REDUCER, "reducer"), state.toJson());
        }

        record Received(ResultHeader header, byte[] payload) {
        }

        /** Results of a pack not returned yet. */
        private final java.util.ArrayDeque<Received> unpacked = new java.util.ArrayDeque<>();

        /** The next result (a pack counts as the results in it), or fails after 10 s. */
        Received receive() {
            Received r = poll(10_000);
            assertThat(r).as("a result within 10 s").isNotNull();
            return r;
        }

        /** Whatever arrives within {@code millis}, or null. */
        Received poll(int millis) {
            if (unpacked.isEmpty()) {
                List<byte[]> message;
                try {
                    message = socket.receive(millis);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (message == null) {
                    return null;
                }
                if (message.size() == 1 && PackedMessages.isPack(message.get(0))) {
                    for (java.util.List<byte[]> m : PackedMessages.unpack(message.get(0))) {
                        assertThat(m).as("parts of a packed result").hasSize(2);
                        unpacked.add(new Received(ResultHeader.decode(m.get(0)), m.get(1)));
                    }
                } else {
                    assertThat(message).as("parts of a result").hasSize(2);
                    unpacked.add(new Received(ResultHeader.decode(message.get(0)), message.get(1)));
                }
            }
            return unpacked.poll();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(timeout, condition, () -> what);
    }

    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
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
