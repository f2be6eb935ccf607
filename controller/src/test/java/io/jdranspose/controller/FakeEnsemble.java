package io.jdranspose.controller;

import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for ingesters, workers and a reducer the way docs/pipeline.md describes them, through Redis
 * only: member keys (refreshed every second), switching on a new {@link ScanUpdate}, Ready, Done (for
 * everything assigned, when {@link #autoWork}), Reduced, and Finished after {@code finished: true}.
 * One thread follows the updates and the current scan's {@code assigned} stream.
 */
final class FakeEnsemble implements AutoCloseable {

    /** One registered component. */
    final class Member {
        final ComponentKind kind;
        final String name;
        final List<String> streams;
        final List<String> tags;
        final int credit;
        final String serviceUuid = UUID.randomUUID().toString();
        volatile String mappingUuid;
        volatile String finishedUuid;
        volatile String httpUrl;
        /** False: this member ignores updates (to test a component that does not switch). */
        volatile boolean follows = true;
        /** False: a worker that switches but never reports ready. */
        volatile boolean sendsReady = true;

        Member(ComponentKind kind, String name, List<String> streams, List<String> tags, int credit) {
            this.kind = kind;
            this.name = name;
            this.streams = streams;
            this.tags = tags;
            this.credit = credit;
        }

        String key() {
            return keys.member(kind, name);
        }

        MemberState state() {
            return new MemberState(kind.key(), name, serviceUuid, mappingUuid, finishedUuid, null, 0, 0.0,
                    "tcp://127.0.0.1:1", httpUrl, streams, tags, List.of(), 0, "test");
        }
    }

    private final RedisKeys keys;
    private final StatefulRedisConnection<String, byte[]> writerConnection;
    private final StatefulRedisConnection<String, byte[]> readerConnection;
    private final RedisCommands<String, byte[]> writer;
    /** Same connection: commands issued together are pipelined, then awaited together (fast fakes). */
    private final io.lettuce.core.api.async.RedisAsyncCommands<String, byte[]> pipelined;
    private final List<io.lettuce.core.RedisFuture<?>> pending = new ArrayList<>();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    /** Every assigned batch read, per scan. */
    private final Map<String, List<List<Assignment>>> assigned = new ConcurrentHashMap<>();
    private final List<ScanUpdate> updates = new CopyOnWriteArrayList<>();
    /** Events each worker processed per scan ("uuid:worker"), for cumulative times. */
    private final Map<String, Long> processed = new ConcurrentHashMap<>();
    private final Thread thread;
    volatile boolean autoWork = true;
    volatile boolean autoFinish = true;
    private volatile boolean running = true;
    private volatile String currentUuid;
    private volatile Throwable failure;

    FakeEnsemble(RedisEndpoint redis) {
        this.keys = redis.keys();
        this.writerConnection = redis.connect();
        this.readerConnection = redis.connect();
        this.writer = writerConnection.sync();
        this.pipelined = writerConnection.async();
        this.thread = Thread.ofPlatform().daemon().name("fake-ensemble").start(this::run);
    }

    Member ingester(String name, String... streams) {
        return add(new Member(ComponentKind.INGESTER, name, List.of(streams), List.of(), 0));
    }

    Member worker(String name, int credit, String... tags) {
        return add(new Member(ComponentKind.WORKER, name, List.of(), tags.length == 0 ? List.of("generic")
                : List.of(tags), credit));
    }

    Member reducer(String name) {
        return reducer(name, null);
    }

    Member reducer(String name, String httpUrl) {
        Member reducer = new Member(ComponentKind.REDUCER, name, List.of(), List.of(), 0);
        reducer.httpUrl = httpUrl;
        return add(reducer);
    }

    private Member add(Member member) {
        member.mappingUuid = currentUuid;
        members.put(member.key(), member);
        publish(member);
        return member;
    }

    /** The component dies: its key goes, it reports nothing more. */
    void remove(Member member) {
        members.remove(member.key());
        writer.del(member.key());
    }

    List<List<Assignment>> assigned(String uuid) {
        return assigned.getOrDefault(uuid, List.of());
    }

    /** Every assignment of a scan read so far, flattened, in order. */
    List<Assignment> assignments(String uuid) {
        var all = new ArrayList<Assignment>();
        assigned(uuid).forEach(all::addAll);
        return all;
    }

    List<ScanUpdate> updates() {
        return updates;
    }

    /** Sends a report to a scan's reports stream, as components do (never re-creating a deleted stream). */
    void report(String uuid, Report report) {
        writer.xadd(keys.reports(uuid), new XAddArgs().nomkstream(), Map.of("data", report.toJson()));
    }

    void assertHealthy() {
        if (failure != null) {
            throw new AssertionError("fake ensemble failed", failure);
        }
    }

    private void publish(Member member) {
        writer.set(member.key(), member.state().toJson(), SetArgs.Builder.px(5000));
    }

    /** Queues a member-key write on the fake's own thread; {@link #flush()} waits for all queued writes. */
    private void publishLater(Member member) {
        pending.add(pipelined.set(member.key(), member.state().toJson(), SetArgs.Builder.px(5000)));
    }

    private void reportLater(String uuid, Report report) {
        pending.add(pipelined.xadd(keys.reports(uuid), new XAddArgs().nomkstream(), Map.of("data", report.toJson())));
    }

    private void flush() {
        if (!pending.isEmpty()) {
            io.lettuce.core.LettuceFutures.awaitAll(Duration.ofSeconds(5), pending.toArray(io.lettuce.core.RedisFuture[]::new));
            pending.clear();
        }
    }

    private void run() {
        RedisCommands<String, byte[]> reader = readerConnection.sync();
        String updatesId = "0-0";
        String assignedId = "0-0";
        String following = null;
        long nextHeartbeat = 0;
        try {
            // like UpdateFollower: the newest update already there first, then every new one
            var newestAtStart = reader.xrevrange(keys.updates(), io.lettuce.core.Range.create("-", "+"),
                    io.lettuce.core.Limit.from(1));
            boolean first = !newestAtStart.isEmpty();
            if (first) {
                updatesId = newestAtStart.get(0).getId();
            }
            while (running) {
                List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
                offsets.add(XReadArgs.StreamOffset.from(keys.updates(), updatesId));
                if (following != null) {
                    offsets.add(XReadArgs.StreamOffset.from(keys.assigned(following), assignedId));
                }
                @SuppressWarnings("unchecked")
                List<StreamMessage<String, byte[]>> messages = reader.xread(
                        XReadArgs.Builder.block(Duration.ofMillis(20)).count(1000),
                        offsets.toArray(XReadArgs.StreamOffset[]::new));
                ScanUpdate newest = null;
                if (first) {
                    first = false;
                    newest = ScanUpdate.fromJson(newestAtStart.get(0).getBody().get("data"));
                    updates.add(newest);
                }
                for (StreamMessage<String, byte[]> message : messages) {
                    if (message.getStream().equals(keys.updates())) {
                        updatesId = message.getId();
                        newest = ScanUpdate.fromJson(message.getBody().get("data"));
                        updates.add(newest);
                    } else if (message.getStream().equals(keys.assigned(following))) {
                        assignedId = message.getId();
                        List<Assignment> batch = Assignment.listFromJson(message.getBody().get("data"));
                        assigned.computeIfAbsent(following, u -> new CopyOnWriteArrayList<>()).add(batch);
                        if (autoWork) {
                            work(following, batch);
                        }
                    }
                }
                if (newest != null) {
                    if (!newest.mappingUuid().equals(following)) {
                        following = newest.mappingUuid();
                        assignedId = "0-0";
                        switchTo(newest);
                    }
                    if (newest.finished() && autoFinish) {
                        finish(newest.mappingUuid());
                    }
                }
                long now = System.nanoTime();
                if (now >= nextHeartbeat) {
                    members.values().forEach(this::publishLater);
                    flush();
                    nextHeartbeat = now + 1_000_000_000L;
                }
            }
        } catch (RedisException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private void switchTo(ScanUpdate update) {
        currentUuid = update.mappingUuid();
        for (Member member : members.values()) {
            if (!member.follows) {
                continue;
            }
            member.mappingUuid = update.mappingUuid();
            publishLater(member);
        }
        for (Member member : members.values()) {
            if (member.follows && member.sendsReady && member.kind == ComponentKind.WORKER) {
                reportLater(update.mappingUuid(), new Report.Ready(member.name, member.tags, member.credit));
            }
        }
        flush();
    }

    private void work(String uuid, List<Assignment> batch) {
        var perWorker = new TreeMap<String, List<Long>>();
        for (Assignment assignment : batch) {
            var workers = new java.util.TreeSet<String>();
            assignment.assignments().values().forEach(workers::addAll);
            workers.forEach(w -> perWorker.computeIfAbsent(w, x -> new ArrayList<>()).add(assignment.eventNumber()));
        }
        Map<String, List<Long>> reduced = new LinkedHashMap<>();
        perWorker.forEach((worker, events) -> {
            if (members.containsKey(keys.member(ComponentKind.WORKER, worker))) {
                // times are cumulative per scan, as workers report them
                long total = processed.merge(uuid + ":" + worker, (long) events.size(), Long::sum);
                reportLater(uuid, new Report.Done(worker, events, events.stream().map(e -> true).toList(),
                        new Report.WorkerTimes(0.001 * total, 0, 0, 0.002 * total, 0, total)));
                reduced.put(worker, events);
            }
        });
        if (!reduced.isEmpty()) {
            reportLater(uuid, new Report.Reduced(reduced));
        }
        flush();
    }

    private void finish(String uuid) {
        for (Member member : members.values()) {
            if (!member.follows || uuid.equals(member.finishedUuid)) {
                continue;
            }
            member.finishedUuid = uuid;
            reportLater(uuid, new Report.Finished(member.kind.key(), member.name));
            publishLater(member);
        }
        flush();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Member member : members.values()) {
            writer.del(member.key());
        }
        readerConnection.close();
        writerConnection.close();
    }
}
