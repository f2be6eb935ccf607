package io.jdranspose.ingester;

import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which workers exist and where their inboxes are: every {@link #PERIOD} a thread of its own SCANs the
 * workers' member keys and publishes an immutable {@link Snapshot}, which the forwarding thread reads without
 * touching Redis. A worker the forwarding thread needs before the next scan found it is looked up directly
 * ({@link #lookup}), once.
 */
final class WorkerDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerDirectory.class);
    static final Duration PERIOD = Duration.ofSeconds(1);

    /**
     * @param urls         worker name → inbox URL
     * @param takenAtNanos {@link System#nanoTime()} when the scan began: a worker found by a lookup after that
     *                     may be missing from it without having gone
     * @param version      increases with every refresh
     * @param sharedMemory workers whose probe this ingester found in its shared-memory directory
     */
    record Snapshot(Map<String, String> urls, long takenAtNanos, long version, Set<String> sharedMemory) {
        /** Whether this snapshot began after {@code nanos}, so a worker missing from it has really gone. */
        boolean takenAfter(long nanos) {
            return takenAtNanos - nanos > 0;
        }
    }

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisKeys keys;
    private final Duration period;
    private final Thread thread;
    private final SharedMemoryDirectory shm;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Long.MIN_VALUE / 2, 0, Set.of());
    private volatile boolean running = true;
    private boolean failing;

    /**
     * @param connection shared with others (lettuce connections are thread-safe); not closed here
     * @param shm        this ingester's shared-memory directory, where co-located workers leave their probes;
     *                   null: none is looked for
     */
    WorkerDirectory(StatefulRedisConnection<String, byte[]> connection, RedisKeys keys, String owner,
                    Duration period, SharedMemoryDirectory shm) {
        this.shm = shm;
        this.connection = connection;
        this.keys = keys;
        this.period = period;
        this.thread = Thread.ofPlatform().daemon().name("workers-" + owner).unstarted(this::run);
    }

    WorkerDirectory start() {
        refresh();
        thread.start();
        return this;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Reads one worker's member key now (for a worker named in an assignment but not in the snapshot).
     *
     * @return its inbox URL, or null when it is not registered (or Redis cannot be reached)
     */
    String lookup(String worker) {
        try {
            byte[] json = connection.sync().get(keys.member(ComponentKind.WORKER, worker));
            return json == null ? null : urlOf(json);
        } catch (RuntimeException e) {
            LOG.warn("cannot look up worker {} in Redis: {}", worker, e.getMessage());
            return null;
        }
    }

    private void run() {
        long periodNanos = period.toNanos();
        while (running) {
            LockSupport.parkNanos(this, periodNanos);
            if (running) {
                refresh();
            }
        }
    }

    private void refresh() {
        long startedAt = System.nanoTime();
        try {
            RedisCommands<String, byte[]> commands = connection.sync();
            List<String> found = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs args = ScanArgs.Builder.matches(keys.memberPattern(ComponentKind.WORKER)).limit(500);
            do {
                var page = commands.scan(cursor, args);
                found.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            Map<String, String> urls = new HashMap<>();
            Set<String> sharedMemory = new HashSet<>();
            if (!found.isEmpty()) {
                for (KeyValue<String, byte[]> kv : commands.mget(found.toArray(String[]::new))) {
                    MemberState state = kv.hasValue() ? stateOf(kv.getValue()) : null;
                    String url = state == null || state.url() == null || state.url().isEmpty() ? null : state.url();
                    if (url != null) {
                        String name = kv.getKey().substring(kv.getKey().lastIndexOf(':') + 1);
                        urls.put(name, url);
                        if (shm != null && shm.reaches(state.shmProbe(), state.serviceUuid())) {
                            sharedMemory.add(name);
                        }
                    }
                }
            }
            snapshot = new Snapshot(Map.copyOf(urls), startedAt, snapshot.version() + 1, Set.copyOf(sharedMemory));
            if (failing) {
                LOG.info("reading the workers from Redis again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot read the workers from Redis: {} (retrying every {} ms)", e.getMessage(),
                        period.toMillis());
                failing = true;
            }
        }
    }

    private static String urlOf(byte[] json) {
        MemberState state = stateOf(json);
        String url = state == null ? null : state.url();
        return url == null || url.isEmpty() ? null : url;
    }

    private static MemberState stateOf(byte[] json) {
        try {
            return MemberState.fromJson(json);
        } catch (ControlMessageException e) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
