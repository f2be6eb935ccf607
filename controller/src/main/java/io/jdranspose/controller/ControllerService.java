package io.jdranspose.controller;

import io.jdranspose.controller.http.ApiServer;
import io.jdranspose.controller.http.Router;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running controller: holds the lock, serves the REST API and status page, runs the current scan,
 * and keeps parameters defaulted.
 *
 * <pre>{@code
 * try (RedisEndpoint redis = RedisEndpoint.of(url);
 *      ControllerService controller = ControllerService.start(redis, ControllerConfig.defaults())) {
 *     log.info("controller at {}", controller.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>Only one controller runs per Redis key prefix: a second one waits for the lock (a rolling restart
 * starts the new controller before the old one stops) and serves HTTP only once it has it. A controller
 * that loses the lock (it was paused longer than the lock's expiry and another took over) logs an error
 * and stops serving, so two controllers never hand out work at the same time.
 */
public final class ControllerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerService.class);
    private static final long DEFAULTS_PERIOD_MILLIS = 2000;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final ControllerLock lock;
    private final ScanDirector director;
    private final LogBook logs;
    private final ScheduledExecutorService housekeeping;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ApiServer http;
    private volatile java.util.List<Router.Route> routes = java.util.List.of();
    private volatile boolean lockLost;
    private volatile boolean redisFailing;

    private ControllerService(StatefulRedisConnection<String, byte[]> connection, ControllerLock lock,
                              ScanDirector director, LogBook logs) {
        this.connection = connection;
        this.lock = lock;
        this.director = director;
        this.logs = logs;
        this.housekeeping = Executors.newScheduledThreadPool(1,
                Thread.ofPlatform().daemon().name("controller-housekeeping").factory());
    }

    /**
     * Acquires the lock (waiting up to {@link ControllerConfig#lockWait()}), announces an empty mapping,
     * then serves HTTP.
     *
     * @throws IllegalStateException naming the lock key when another controller keeps it
     * @throws IOException           when the HTTP port cannot be bound
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static ControllerService start(RedisEndpoint redis, ControllerConfig config)
            throws IOException, InterruptedException {
        return start(redis, config, ControllerTimings.DEFAULT);
    }

    /** As {@link #start(RedisEndpoint, ControllerConfig)}, with other waits (tests). */
    static ControllerService start(RedisEndpoint redis, ControllerConfig config, ControllerTimings timings)
            throws IOException, InterruptedException {
        StatefulRedisConnection<String, byte[]> connection = redis.connect();
        ControllerLock lock = null;
        ControllerService service = null;
        try {
            RedisCommands<String, byte[]> commands = connection.sync();
            LOG.info("controller takes the lock {} (waits up to {} s for another controller to release it)",
                    redis.keys().lock(), config.lockWait().toSeconds());
            lock = ControllerLock.acquire(commands, redis.keys().lock(), config.lockWait());
            MemberDirectory members = new MemberDirectory(commands, redis.keys());
            ParameterStore parameters = new ParameterStore(commands, redis.keys());
            ScanDirector director = new ScanDirector(redis, commands, members, parameters, timings.switchWait());
            LogBook logs = new LogBook(redis, commands);
            service = new ControllerService(connection, lock, director, logs);
            director.begin();

            Router router = new Router();
            new ScanEndpoints(director, members).register(router);
            new ParameterEndpoints(parameters, director).register(router);
            new EnsembleEndpoints(members, parameters).register(router);
            new LogEndpoints(logs).register(router);
            new PageEndpoints().register(router);

            service.routes = router.routes();
            service.schedule(parameters, timings.lockRenew());
            service.http = ApiServer.start(config.host(), config.port(), config.token(), router);
            LOG.info("controller serves {} (Redis {}, authentication {})", service.url(), redis,
                    config.token() == null ? "off" : "on");
            return service;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (service != null) {
                service.close();
            } else {
                if (lock != null) {
                    releaseQuietly(lock);
                }
                connection.close();
            }
            throw e;
        }
    }

    private void schedule(ParameterStore parameters, java.time.Duration lockRenew) {
        long renew = lockRenew.toMillis();
        housekeeping.scheduleWithFixedDelay(this::renewLock, renew, renew, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(() -> fillDefaults(parameters), 0, DEFAULTS_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void renewLock() {
        if (closed.get() || lockLost) {
            return;
        }
        try {
            if (!lock.renew()) {
                lockLost();
            } else if (redisFailing) {
                LOG.info("controller reaches Redis again");
                redisFailing = false;
            }
        } catch (RedisException e) {
            if (!redisFailing) {
                LOG.warn("controller cannot renew its lock: {} (retrying)", e.getMessage());
                redisFailing = true;
            }
        }
    }

    private void lockLost() {
        lockLost = true;
        LOG.error("controller lost its lock {} to another controller (was this one paused or cut off from Redis for "
                + "over {} s?); it stops serving now", lock.key(), ControllerLock.TTL.toSeconds());
        ApiServer server = http;
        if (server != null) {
            server.close();
        }
        logs.close();
        director.close(false);
    }

    private void fillDefaults(ParameterStore parameters) {
        if (closed.get() || lockLost) {
            return;
        }
        try {
            if (parameters.fillDefaults()) {
                director.parametersChanged();
            }
        } catch (RedisException e) {
            LOG.debug("cannot fill parameter defaults: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("filling parameter defaults failed", e);
        }
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:5000/}. */
    public URI url() {
        return http.url();
    }

    /** Every route served (the OpenAPI document is checked against this). */
    java.util.List<Router.Route> routes() {
        return routes;
    }

    /** The uuid of the current scan (of the initial empty mapping before the first upload). */
    public String currentMappingUuid() {
        return director.current().uuid();
    }

    /**
     * Stops HTTP and the current scan; if the lock is still ours, deletes the current scan's streams, the
     * updates stream and the lock. Parameters stay.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        ApiServer server = http;
        if (server != null) {
            server.close();
        }
        logs.close();
        boolean ours = false;
        try {
            ours = !lockLost && lock.isHeld();
        } catch (RedisException e) {
            LOG.warn("controller cannot reach Redis while closing ({}); leaving its keys to expire", e.getMessage());
        }
        try {
            director.close(ours);
            if (ours) {
                lock.release();
            }
        } catch (RedisException e) {
            LOG.warn("controller could not clean up in Redis while closing: {}", e.getMessage());
        }
        try {
            housekeeping.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
        LOG.info("controller stopped");
    }

    private static void releaseQuietly(ControllerLock lock) {
        try {
            lock.release();
        } catch (RedisException e) {
            LOG.debug("could not release the lock: {}", e.getMessage());
        }
    }
}
