package io.jdranspose.ingester;

import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.Heartbeat;
import io.jdranspose.runtime.control.JdransposeVersion;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.control.UpdateFollower;
import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * A running ingester (docs/pipeline.md): registers in Redis with a heartbeat, follows the controller's scan
 * updates, and for every scan that includes its stream reads the detector, cuts the series and forwards each
 * item to the workers the controller assigned it to.
 *
 * <p>Threads: the {@link Forwarder} (all data sockets, the data path, no Redis call per frame), the
 * {@link AssignmentReader}, the {@link WorkerDirectory} refresh, the {@link Heartbeat} and the
 * {@link UpdateFollower}. An update with a new scan is handed to the forwarding thread; once it has switched
 * (detector socket open, assignments followed), the member state is published at once, because the
 * controller answers the scan's POST only when every component reports the new scan.
 */
public final class IngesterService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngesterService.class);
    /**
     * The forwarding thread takes a switch within milliseconds (every wait of it checks for one); this only
     * bounds how long a stuck disk or Redis call there can hold back the published state.
     */
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(5);

    private final IngesterConfig config;
    private final String serviceUuid = UUID.randomUUID().toString();
    private final ZContext context;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final WorkerDirectory directory;
    private final AssignmentReader reader;
    private final UpstreamConnector connector;
    private final Forwarder forwarder;
    private final EventRate rate = new EventRate();
    private final Heartbeat heartbeat;
    private final UpdateFollower follower;
    private volatile String parametersHash;
    /** The last update handed to the forwarder (update thread only). */
    private ScanUpdate requested;
    private boolean closed;

    private IngesterService(RedisEndpoint redis, IngesterConfig config, Duration directoryPeriod,
                            SharedMemoryDirectory shm, long ringBytes) {
        this.config = config;
        this.context = new ZContext(1);  // one I/O thread reads the detector; the forwarding thread writes to the workers itself
        context.setLinger(0); // sockets closed at a scan switch must not hold on to old frames
        // everything that connects to Redis is made before any thread starts, so a failure leaves nothing running
        List<AutoCloseable> made = new ArrayList<>();
        try {
            this.commands = redis.connect();
            made.add(commands::close);
            this.directory = new WorkerDirectory(commands, redis.keys(), config.name(), directoryPeriod, shm);
            this.reader = new AssignmentReader(redis, config.name(), config.stream());
            made.add(reader);
            this.connector = UpstreamConnector.of(config, context);
            made.add(connector);
            this.forwarder = new Forwarder(config, connector, directory, reader, redis.keys(), commands, shm,
                    ringBytes);
            this.heartbeat = new Heartbeat(redis, ComponentKind.INGESTER, config.name(), this::memberState, List::of);
            made.add(heartbeat);
            this.follower = new UpdateFollower(redis, config.name(), this::onUpdate);
        } catch (RuntimeException e) {
            for (int i = made.size() - 1; i >= 0; i--) {
                try {
                    made.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            context.close();
            throw e;
        }
    }

    /**
     * Starts an ingester: it is visible to the controller at once and takes part in the next scan (and in the
     * current one, when it starts during a scan whose stream list includes it).
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static IngesterService start(RedisEndpoint redis, IngesterConfig config) {
        return start(redis, config, WorkerDirectory.PERIOD);
    }

    /** As {@link #start(RedisEndpoint, IngesterConfig)}, with the period of the worker directory's refresh. */
    static IngesterService start(RedisEndpoint redis, IngesterConfig config, Duration directoryPeriod) {
        return start(redis, config, directoryPeriod, SharedMemoryDirectory.fromEnvironment(),
                SharedMemoryDirectory.ringBytesFromEnvironment());
    }

    /**
     * @param shm       where frames for workers on this host go through shared memory; null: through sockets only
     * @param ringBytes data bytes of each ring (one per worker on this host)
     */
    static IngesterService start(RedisEndpoint redis, IngesterConfig config, Duration directoryPeriod,
                                 SharedMemoryDirectory shm, long ringBytes) {
        if (shm != null) {
            int swept = shm.sweepStale();
            if (swept > 0) {
                LOG.info("ingester {}: removed {} shared-memory files of components that are gone from {}",
                        config.name(), swept, shm);
            }
        }
        IngesterService service = new IngesterService(redis, config, directoryPeriod, shm, ringBytes);
        service.directory.start();
        service.reader.start();
        service.forwarder.start();
        service.heartbeat.start();
        service.follower.start();
        LOG.info("ingester {} serves stream {} from {} ({})", config.name(), config.stream(), config.upstreamUrl(),
                config.sourceKind());
        return service;
    }

    public IngesterConfig config() {
        return config;
    }

    /** Frames sent to workers or discarded by {@code []} cells, since start. */
    public long forwarded() {
        return forwarder.forwarded();
    }

    /** Items whose frames were all copied on, so that their arrays could be received into again (for tests). */
    long recycled() {
        return forwarder.recycled();
    }

    /** Frames dropped since start: before the series start, unparsable, after its end, beyond the map, SUB overflow. */
    public long dropped() {
        return forwarder.dropped();
    }

    private MemberState memberState() {
        long count = forwarder.forwarded();
        return new MemberState(ComponentKind.INGESTER.key(), config.name(), serviceUuid, forwarder.mappingUuid(),
                forwarder.finishedUuid(), parametersHash, count, rate.sample(count), null, null,
                List.of(config.stream()), List.of(), forwarder.connectedWorkers(), forwarder.dropped(),
                JdransposeVersion.get());
    }

    /** On the update thread: a new scan or the current one's end goes to the forwarder; the state follows. */
    private void onUpdate(ScanUpdate update) {
        String previousHash = parametersHash;
        parametersHash = update.targetParametersHash(); // ingesters have no parameters: echo the target
        boolean newScan = requested == null || !requested.mappingUuid().equals(update.mappingUuid());
        boolean finishing = !newScan && update.finished() && !requested.finished();
        if (!newScan && !finishing) {
            if (!Objects.equals(previousHash, parametersHash)) {
                heartbeat.publishNow();
            }
            return;
        }
        requested = update;
        try {
            forwarder.submit(update).get(SWITCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("ingester {}: the forwarding thread did not take scan {} within {} s", config.name(),
                    update.mappingUuid(), SWITCH_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            LOG.error("ingester {}: switching to scan {} failed", config.name(), update.mappingUuid(), e.getCause());
        }
        heartbeat.publishSync();
    }

    /** Stops following updates, closes every socket and recording, and removes the member key. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        follower.close();
        forwarder.stop();
        connector.close();
        reader.close();
        directory.close();
        heartbeat.close();
        commands.close();
        context.close();
        LOG.info("ingester {} stopped after {} frames forwarded, {} dropped", config.name(), forwarded(), dropped());
    }
}
