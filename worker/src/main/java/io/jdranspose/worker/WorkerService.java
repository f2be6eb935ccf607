package io.jdranspose.worker;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Worker;
import io.jdranspose.runtime.codec.ResultCodec;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.Heartbeat;
import io.jdranspose.runtime.control.JdransposeVersion;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.ParameterSync;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.control.UpdateFollower;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.plugin.PluginException;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import io.jdranspose.runtime.wire.TcpInbox;

/**
 * A worker of the distributed pipeline ({@code docs/pipeline.md}): binds its data inbox, registers in Redis,
 * follows the controller's scans and runs the plugin's map function on every event assigned to it.
 *
 * <p>Threads: the inbox thread reads and assembles parts, runs events strictly in the order of the
 * worker's chain, sends results to the reducer and reports completions in batches; the update thread switches scans; a watcher re-reads the reducer's address every second; the
 * heartbeat keeps the member state alive. A new scan gets a new plugin instance; an abandoned scan's data is
 * dropped at once.
 */
public final class WorkerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);
    private static final long WATCH_PERIOD_MILLIS = 1000;
    private static final XAddArgs NO_STREAM_CREATION = XAddArgs.Builder.nomkstream();

    private final RedisKeys keys;
    private final Plugin plugin;
    private final WorkerConfig config;
    private final String name;
    private final List<String> tags;
    private final String serviceUuid = UUID.randomUUID().toString();
    private final List<Parameter<?>> declared;
    private final ResultCodec codec;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final RedisAsyncCommands<String, byte[]> async;
    private final ParameterSync parameters;
    private final String inboxUrl;
    private final AtomicLong buffered = new AtomicLong();
    private final Inbox inbox;
    private final PluginLoop loop;
    private final Thread inboxThread;
    private final Thread watcher;
    private Heartbeat heartbeat;
    private UpdateFollower updates;
    /** This worker's probe in the shared-memory directory, or null when ingesters cannot reach it that way. */
    private final SharedMemoryDirectory.Probe shmProbe;

    private volatile WorkerScan current;
    private volatile PluginLoop.ReducerTarget reducer;
    private volatile String finishedUuid;
    private volatile boolean running = true;
    private boolean reducerLookupFailing;
    private final Object rateLock = new Object();
    private long rateNanos = System.nanoTime();
    private long rateCount;
    private double rate;

    private WorkerService(RedisEndpoint redis, Plugin plugin, WorkerConfig config, long maxBufferedBytes,
                          SharedMemoryDirectory shm) {
        this.keys = redis.keys();
        this.plugin = plugin;
        this.config = config;
        this.name = config.name();
        this.tags = new ArrayList<>(new TreeSet<>(config.tags()));
        this.declared = declaredParameters(plugin, name);
        this.codec = codecFor(plugin, name);
        this.commands = redis.connect();
        this.async = commands.async();
        this.parameters = new ParameterSync(commands, keys, "worker " + name);
        TcpInbox socket;
        try {
            socket = TcpInbox.bind("worker " + name, config.bindHost());
        } catch (IOException e) {
            commands.close();
            throw new IllegalStateException("worker " + name + ": cannot bind the inbox: " + e.getMessage(), e);
        }
        this.inboxUrl = "tcp://" + bracket(config.advertiseHost()) + ":" + socket.port();
        this.loop = new PluginLoop(name, new LoopHost(), buffered, config.credit());
        this.shmProbe = shm == null ? null : probe(shm);
        this.inbox = new Inbox(name, socket, () -> current, loop, buffered, maxBufferedBytes,
                shmProbe == null ? null : shm);
        this.inboxThread = Thread.ofPlatform().name("worker-" + name + "-inbox").daemon().unstarted(inbox);
        this.watcher = Thread.ofPlatform().name("worker-" + name + "-reducer-watch").daemon().unstarted(this::watch);
    }

    /**
     * Starts a worker: binds the inbox, registers in Redis and follows the controller's updates (joining the
     * current scan, if there is one).
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     * @throws IllegalStateException                    when the inbox cannot be bound
     */
    public static WorkerService start(RedisEndpoint redis, Plugin plugin, WorkerConfig config) {
        return start(redis, plugin, config, Inbox.DEFAULT_MAX_BUFFERED_BYTES);
    }

    static WorkerService start(RedisEndpoint redis, Plugin plugin, WorkerConfig config, long maxBufferedBytes) {
        return start(redis, plugin, config, maxBufferedBytes, SharedMemoryDirectory.fromEnvironment());
    }

    /**
     * @param shm where ingesters on this host may leave frames for this worker ({@link SharedMemoryDirectory});
     *            null: only through the inbox socket
     */
    static WorkerService start(RedisEndpoint redis, Plugin plugin, WorkerConfig config, long maxBufferedBytes,
                               SharedMemoryDirectory shm) {
        WorkerService service = new WorkerService(redis, plugin, config, maxBufferedBytes, shm);
        try {
            service.inboxThread.start();
            service.refreshReducer();
            service.heartbeat = new Heartbeat(redis, ComponentKind.WORKER, service.name, service::state,
                    () -> service.declared).start();
            service.watcher.start();
            service.updates = new UpdateFollower(redis, "worker " + service.name, service::onUpdate).start();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        LOG.info("worker {} ({}) listening on {}, tags {}, credit {}", service.name, plugin.describe(),
                service.inboxUrl, service.tags, config.credit());
        return service;
    }

    /** The data inbox ingesters connect to, {@code tcp://advertiseHost:port}. */
    public String inboxUrl() {
        return inboxUrl;
    }

    /** Events run through the plugin since start. */
    public long processed() {
        return loop.processed();
    }

    /** Messages on the inbox that were not valid parts. */
    long malformed() {
        return inbox.malformed();
    }

    /** Parts of older scans that were dropped. */
    long stale() {
        return inbox.stale();
    }

    /** Bytes of event data held in the worker (assembling, waiting, queued or running). */
    long buffered() {
        return buffered.get();
    }

    String serviceUuid() {
        return serviceUuid;
    }

    private synchronized void onUpdate(ScanUpdate update) {
        WorkerScan scan = current;
        String hashBefore = parameters.hash();
        if (scan == null || !scan.uuid.equals(update.mappingUuid())) {
            syncParameters(update);
            WorkerScan next = new WorkerScan(update.mappingUuid(), update.serial(), keys.reports(update.mappingUuid()),
                    new EventProcessor(name, newWorker(), codec));
            next.finishRequested = update.finished();
            refreshReducer();
            current = next;
            LOG.info("worker {}: on {}{}", name, next, update.finished() ? ", which has already finished" : "");
            try {
                heartbeat.publishSync();
                if (!update.finished()) {
                    commands.sync().xadd(next.reportsKey, NO_STREAM_CREATION,
                            Map.of(UpdateFollower.FIELD, new Report.Ready(name, tags, config.credit()).toJson()));
                }
            } catch (RuntimeException e) {
                LOG.error("worker {}: cannot send its Ready report for {}: {}; the controller will not assign it events",
                        name, next, e.toString());
            } finally {
                next.announced = true;
            }
            return;
        }
        syncParameters(update);
        if (!java.util.Objects.equals(hashBefore, parameters.hash())) {
            LOG.info("worker {}: parameters {} from now on", name, parameters.current());
            heartbeat.publishSync();
        }
        if (update.finished() && !scan.finishRequested) {
            scan.finishRequested = true;
        }
    }

    /** Loads the update's parameter versions; a Redis failure keeps the previous set (the scan still switches). */
    private void syncParameters(ScanUpdate update) {
        try {
            parameters.sync(update, declared, false);
        } catch (RuntimeException e) {
            LOG.error("worker {}: cannot load the parameters from Redis: {}; keeping {}", name, e.toString(),
                    parameters.current());
        }
    }

    private Worker<?> newWorker() {
        try {
            return plugin.newWorker();
        } catch (PluginException e) {
            LOG.error("worker {}: {}; this scan's events complete without results", name, e.getMessage());
            return new NoWorker();
        }
    }

    /** Stands in for a plugin that cannot be instantiated, as upstream does: events complete without result. */
    private static final class NoWorker implements Worker<Object> {
        @Override
        public Object process(EventData event, Parameters parameters) {
            return null;
        }
    }

    private synchronized void refreshReducer() {
        try {
            byte[] json = commands.sync().get(keys.member(ComponentKind.REDUCER, "reducer"));
            PluginLoop.ReducerTarget next = null;
            if (json != null) {
                MemberState state = MemberState.fromJson(json);
                if (state.url() != null && !state.url().isEmpty()) {
                    next = new PluginLoop.ReducerTarget(state.url(), state.serviceUuid());
                }
            }
            if (!java.util.Objects.equals(next, reducer)) {
                LOG.info("worker {}: reducer {}", name, next == null ? "gone" : "at " + next.url());
            }
            reducer = next;
            if (reducerLookupFailing) {
                LOG.info("worker {}: reads the reducer's address from Redis again", name);
                reducerLookupFailing = false;
            }
        } catch (RuntimeException e) {
            if (!reducerLookupFailing) {
                LOG.warn("worker {}: cannot read the reducer's address from Redis: {} (keeping {})", name,
                        e.getMessage(), reducer == null ? "none" : reducer.url());
                reducerLookupFailing = true;
            }
        }
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(WATCH_PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                refreshReducer();
            }
        }
    }

    /** Called by the heartbeat (which holds its own lock): must not take this service's monitor. */
    private MemberState state() {
        long count = loop.processed();
        double eventRate;
        synchronized (rateLock) {
            long now = System.nanoTime();
            if (now - rateNanos >= 500_000_000L) {
                rate = (count - rateCount) * 1e9 / (now - rateNanos);
                rateNanos = now;
                rateCount = count;
            }
            eventRate = rate;
        }
        WorkerScan scan = current;
        return new MemberState(ComponentKind.WORKER.key(), name, serviceUuid, scan == null ? null : scan.uuid,
                finishedUuid, parameters.hash(), count, eventRate, inboxUrl, null, List.of(), tags, List.of(),
                inbox.dropped(), JdransposeVersion.get(), shmProbe == null ? null : shmProbe.path().toString());
    }

    /** Leaves this worker's probe, after removing what killed components left; null when that fails. */
    private SharedMemoryDirectory.Probe probe(SharedMemoryDirectory shm) {
        int swept = shm.sweepStale();
        if (swept > 0) {
            LOG.info("worker {}: removed {} shared-memory files of components that are gone from {}", name, swept, shm);
        }
        try {
            return shm.createProbe(serviceUuid);
        } catch (IOException | RuntimeException e) {
            LOG.warn("worker {}: cannot leave a probe in {} ({}); ingesters on this host send through the socket",
                    name, shm, e.toString());
            return null;
        }
    }

    private final class LoopHost implements PluginLoop.Host {
        @Override
        public WorkerScan current() {
            return current;
        }

        @Override
        public PluginLoop.ReducerTarget reducer() {
            return reducer;
        }

        @Override
        public Parameters parameters() {
            return parameters.current();
        }

        @Override
        public RedisAsyncCommands<String, byte[]> redis() {
            return async;
        }

        @Override
        public void finished(WorkerScan scan) {
            finishedUuid = scan.uuid;
            Heartbeat h = heartbeat;
            if (h != null) {
                h.publishSync();
            }
        }
    }

    private static List<Parameter<?>> declaredParameters(Plugin plugin, String name) {
        try {
            return List.copyOf(plugin.declaredParameters());
        } catch (PluginException e) {
            LOG.error("worker {}: cannot read the plugin's parameters: {}", name, e.getMessage());
            return List.of();
        }
    }

    private static ResultCodec codecFor(Plugin plugin, String name) {
        try {
            return ResultCodec.forWorker(plugin.newWorker());
        } catch (PluginException e) {
            LOG.error("worker {}: {}", name, e.getMessage());
            return ResultCodec.forTypes(List.of());
        }
    }

    private static String bracket(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Stops following scans, deregisters, and closes the sockets; the plugin gets no {@code finish}. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        if (updates != null) {
            updates.close();
        }
        watcher.interrupt();
        inbox.stop();
        loop.stop();
        join(inboxThread, 5000);
        join(watcher, 2000);
        if (heartbeat != null) {
            heartbeat.close();
        }
        commands.close();
        if (shmProbe != null) {
            shmProbe.close();
        }
        LOG.info("worker {} stopped after {} events", name, loop.processed());
    }

    private static void join(Thread thread, long millis) {
        if (thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            thread.join(millis);
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms", thread.getName(), millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
