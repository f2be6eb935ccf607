package io.jdranspose.reducer;

import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.hdf5.Hdf5DownloadRoute;
import io.jdranspose.reducer.hdf5.Hdf5Writer;
import io.jdranspose.reducer.hsds.HsdsServer;
import io.jdranspose.reducer.viewer.ViewerRoute;
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
import io.jdranspose.runtime.wire.TcpInbox;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reducer of the distributed pipeline ({@code docs/pipeline.md}): binds the result inbox workers send
 * to, registers in Redis as {@code reducer}, follows the controller's scans, reduces each scan's results
 * with a fresh plugin instance into a fresh publish tree, serves the current tree over the HSDS API (with the
 * viewer, the HDF5 download and a read-only parameter endpoint), and writes each finished scan to
 * {@code <hdf5_prefix><mapping uuid>.h5}.
 *
 * <p>Threads: the inbox thread reads results and feeds the scan's {@link ReductionLoop} (bounded: a slow
 * reducer stops the inbox, which slows the workers); the loop's thread runs the plugin; a per-scan thread
 * reports reduced results in batches; the update thread switches scans; a finisher thread ends scans
 * (plugin finish, HDF5 file, reports) so that a long write never delays the next scan.
 */
public final class ReducerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReducerService.class);
    /** The reducer's name: there is one. */
    public static final String NAME = "reducer";
    /** Name of the reducer's own parameter. */
    public static final String HDF5_PREFIX = "hdf5_prefix";
    static final int QUEUE_CAPACITY = 1024;
    private static final XAddArgs NO_STREAM_CREATION = XAddArgs.Builder.nomkstream();

    private final RedisKeys keys;
    private final Plugin plugin;
    private final ReducerConfig config;
    private final String serviceUuid = UUID.randomUUID().toString();
    private final Parameter<String> hdf5Prefix;
    private final List<Parameter<?>> declared;
    private final ResultCodec codec;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final ParameterSync parameters;
    private final String inboxUrl;
    private final ResultInbox inbox;
    private final Thread inboxThread;
    private final ExecutorService finisher;
    private final AtomicLong reduced = new AtomicLong();
    private final PublishTree noScanTree = new PublishTree();
    private final Object rateLock = new Object();
    private HsdsServer http;
    private URI httpUrl;
    private Heartbeat heartbeat;
    private UpdateFollower updates;

    private volatile ReducerScan current;
    private volatile String finishedUuid;
    private volatile Path lastFile;
    private volatile boolean running = true;
    private long rateNanos = System.nanoTime();
    private long rateCount;
    private double rate;

    private ReducerService(RedisEndpoint redis, Plugin plugin, ReducerConfig config) {
        this.keys = redis.keys();
        this.plugin = plugin;
        this.config = config;
        this.hdf5Prefix = Parameter.string(HDF5_PREFIX, config.hdf5Prefix(),
                "HDF5 file per scan: <prefix><mapping uuid>.h5; empty = none");
        this.declared = declaredParameters(plugin, hdf5Prefix);
        this.codec = codecFor(plugin);
        this.commands = redis.connect();
        this.parameters = new ParameterSync(commands, keys, NAME);
        TcpInbox socket;
        try {
            socket = TcpInbox.bind("reducer", config.bindHost());
        } catch (IOException e) {
            commands.close();
            throw new IllegalStateException("reducer: cannot bind the result inbox: " + e.getMessage(), e);
        }
        this.inboxUrl = "tcp://" + bracket(config.advertiseHost()) + ":" + socket.port();
        this.inbox = new ResultInbox(socket, () -> current);
        this.inboxThread = Thread.ofPlatform().name("reducer-inbox").daemon().unstarted(inbox);
        this.finisher = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("reducer-finisher").daemon()
                .unstarted(r));
    }

    /**
     * Starts the reducer: binds the result inbox and the HTTP server, registers in Redis and follows the
     * controller's updates (joining the current scan, if there is one).
     *
     * @throws IOException naming the address when the HTTP port cannot be bound
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static ReducerService start(RedisEndpoint redis, Plugin plugin, ReducerConfig config) throws IOException {
        ReducerService service = new ReducerService(redis, plugin, config);
        try {
            service.http = HsdsServer.start(config.bindHost(), config.httpPort(), service::tree);
            service.http.route(ViewerRoute.PREFIX, new ViewerRoute());
            service.http.route(Hdf5DownloadRoute.PATH, new Hdf5DownloadRoute(service::tree));
            service.http.route(ParameterReadRoute.PREFIX, new ParameterReadRoute(service.parameters::current));
            service.httpUrl = URI.create("http://" + bracket(config.advertiseHost()) + ":" + service.http.port() + "/");
            service.inboxThread.start();
            service.heartbeat = new Heartbeat(redis, ComponentKind.REDUCER, NAME, service::state,
                    () -> service.declared).start();
            service.updates = new UpdateFollower(redis, NAME, service::onUpdate).start();
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        LOG.info("reducer ({}) takes results on {}, serves them at {} (viewer at {})", plugin.describe(),
                service.inboxUrl, service.httpUrl, service.httpUrl.resolve("viewer/"));
        return service;
    }

    /** The HSDS API root; the viewer is at {@code viewer/}, the HDF5 download at {@code api/v1/hdf5}. */
    public URI httpUrl() {
        return httpUrl;
    }

    /** The result inbox workers connect to, {@code tcp://advertiseHost:port}. */
    public String inboxUrl() {
        return inboxUrl;
    }

    /** The current scan's publish tree (an empty one before the first scan). */
    public PublishTree tree() {
        ReducerScan scan = current;
        return scan == null ? noScanTree : scan.tree;
    }

    /** Results reduced since start ({@code reduce} returned normally). */
    public long reduced() {
        return reduced.get();
    }

    /** The HDF5 file of the last finished scan, or null (none written yet, or no prefix). */
    public Path lastFile() {
        return lastFile;
    }

    long malformed() {
        return inbox.malformed();
    }

    long stale() {
        return inbox.stale();
    }

    long late() {
        return inbox.late();
    }

    private synchronized void onUpdate(ScanUpdate update) {
        ReducerScan scan = current;
        String hashBefore = parameters.hash();
        try {
            parameters.sync(update, declared, false);
        } catch (RuntimeException e) {
            // the scan still switches, with the previous parameters
            LOG.error("reducer: cannot load the parameters from Redis: {}; keeping {}", e.toString(),
                    parameters.current());
        }
        if (scan == null || !scan.uuid.equals(update.mappingUuid())) {
            startScan(update);
            return;
        }
        if (!Objects.equals(hashBefore, parameters.hash())) {
            LOG.info("reducer: parameters {} from now on", parameters.current());
            heartbeat.publishSync();
        }
        if (update.finished() && !scan.finishRequested) {
            scan.finishRequested = true;
            finisher.execute(() -> finish(scan));
        }
    }

    private void startScan(ScanUpdate update) {
        String uuid = update.mappingUuid();
        PublishTree tree = new PublishTree();
        ReducedReports reports = new ReducedReports(commands.sync(), keys.reports(uuid), uuid.substring(0, Math.min(8,
                uuid.length()))).start();
        ReductionLoop loop = new ReductionLoop(newReducer(), codec, parameters::current, tree, QUEUE_CAPACITY)
                .onResult((result, ok) -> {
                    reports.add(result.worker(), result.eventNumber());
                    if (ok) {
                        reduced.incrementAndGet();
                    }
                });
        ReducerScan next = new ReducerScan(uuid, update.serial(), keys.reports(uuid), tree, loop, reports);
        ReducerScan old = current;
        current = next;
        if (old != null && !old.finishRequested) {
            old.closed = true;
            old.loop.abandon();
            old.reports.close();
            LOG.info("reducer: abandoned {} after {} results", old, old.loop.reduced());
        }
        if (update.finished()) {
            // joined after the scan ended: nothing to reduce, and no file (it would replace the real one)
            next.finishRequested = true;
            next.closed = true;
            reports.close();
            finishedUuid = uuid;
            LOG.info("reducer: on {}, which has already finished", next);
        } else {
            loop.start();
            LOG.info("reducer: on {}", next);
        }
        heartbeat.publishSync();
    }

    /** Ends a scan on the finisher thread: reduce what is queued, plugin finish, reports, HDF5 file, Finished. */
    private void finish(ReducerScan scan) {
        try {
            synchronized (scan.submitLock) {
                scan.closed = true;
            }
            scan.loop.finish();
            scan.reports.flush();
            scan.reports.close();
            Path file = writeFile(scan);
            if (file != null) {
                lastFile = file;
            }
            try {
                commands.sync().xadd(scan.reportsKey, NO_STREAM_CREATION,
                        Map.of(UpdateFollower.FIELD, new Report.Finished(NAME, NAME).toJson()));
            } catch (RuntimeException e) {
                LOG.warn("reducer: cannot report the end of {} to Redis: {}", scan, e.toString());
            }
            finishedUuid = scan.uuid;
            heartbeat.publishSync();
            LOG.info("reducer: finished {} after {} results ({} failures){}", scan, scan.loop.reduced(),
                    scan.loop.failures(), file == null ? "" : ", written to " + file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("reducer: finishing {} failed", scan, e);
        }
    }

    private Path writeFile(ReducerScan scan) {
        String prefix = parameters.current().get(hdf5Prefix);
        if (prefix == null || prefix.isEmpty()) {
            return null;
        }
        Path file = null;
        try {
            file = Path.of(prefix + scan.uuid + ".h5");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            long start = System.nanoTime();
            List<String> notes = Hdf5Writer.write(scan.tree, file);
            LOG.info("reducer: wrote {} in {} ms{}", file, (System.nanoTime() - start) / 1_000_000,
                    notes.isEmpty() ? "" : " (" + notes.size() + " objects stored differently, see above)");
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.error("reducer: cannot write the HDF5 file {} of {}: {}", file == null ? prefix + scan.uuid + ".h5"
                    : file.toAbsolutePath(), scan, e.toString());
            return null;
        }
    }

    private Reducer<?> newReducer() {
        try {
            return plugin.newReducer();
        } catch (PluginException e) {
            LOG.error("reducer: {}; this scan's results are discarded", e.getMessage());
            return new NoReducer();
        }
    }

    /** Stands in for a plugin that cannot be instantiated, as upstream does: results are discarded. */
    private static final class NoReducer implements Reducer<Object> {
        @Override
        public void reduce(ResultData<Object> result, Parameters parameters, PublishTree publish) {
        }
    }

    /** Called by the heartbeat (which holds its own lock): must not take this service's monitor. */
    private MemberState state() {
        long count = reduced.get();
        double resultRate;
        synchronized (rateLock) {
            long now = System.nanoTime();
            if (now - rateNanos >= 500_000_000L) {
                rate = (count - rateCount) * 1e9 / (now - rateNanos);
                rateNanos = now;
                rateCount = count;
            }
            resultRate = rate;
        }
        ReducerScan scan = current;
        return new MemberState(ComponentKind.REDUCER.key(), NAME, serviceUuid, scan == null ? null : scan.uuid,
                finishedUuid, parameters.hash(), count, resultRate, inboxUrl,
                httpUrl == null ? null : httpUrl.toString(), List.of(), List.of(), List.of(), inbox.dropped(),
                JdransposeVersion.get());
    }

    private static List<Parameter<?>> declaredParameters(Plugin plugin, Parameter<String> own) {
        Map<String, Parameter<?>> byName = new LinkedHashMap<>();
        try {
            for (Parameter<?> p : plugin.declaredParameters()) {
                byName.put(p.name(), p);
            }
        } catch (PluginException e) {
            LOG.error("reducer: cannot read the plugin's parameters: {}", e.getMessage());
        }
        if (byName.containsKey(own.name())) {
            LOG.warn("reducer: the plugin declares '{}' too; the reducer's own declaration is used", own.name());
        }
        byName.put(own.name(), own);
        return List.copyOf(new ArrayList<>(byName.values()));
    }

    private static ResultCodec codecFor(Plugin plugin) {
        try {
            return ResultCodec.forTypes(ResultCodec.typesOf(plugin.newWorker()));
        } catch (PluginException e) {
            LOG.error("reducer: cannot learn the worker's result types: {}", e.getMessage());
            return ResultCodec.forTypes(List.of());
        }
    }

    private static String bracket(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Stops following scans, deregisters and closes the sockets and the HTTP server. A scan being finished
     * gets up to 30 s to write its file; the current scan is abandoned (no plugin finish, no file).
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        if (updates != null) {
            updates.close();
        }
        finisher.shutdown();
        try {
            if (!finisher.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("reducer: the end of a scan is still being written; not waiting any longer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ReducerScan scan = current;
        if (scan != null && !scan.finishRequested) {
            scan.loop.abandon();
            scan.reports.close();
        }
        inbox.stop();
        if (inboxThread.getState() != Thread.State.NEW) {
            try {
                inboxThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (http != null) {
            http.close();
        }
        commands.close();
        LOG.info("reducer stopped after {} results", reduced.get());
    }
}
