package io.jdranspose.runtime.control;

import io.jdranspose.api.Parameter;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a component visible to the controller: every {@link #PERIOD} (and at once after {@link #publishNow()})
 * it writes the component's {@link MemberState} to its member key and the descriptions of the parameters
 * it declares, each expiring after {@link #TTL}. A component that dies disappears within the TTL. Runs on
 * its own thread and connection, so busy plugin code never delays it; Redis errors are logged once per
 * outage and retried. {@link #close()} deletes the member key.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    public static final Duration PERIOD = Duration.ofMillis(1000);
    public static final Duration TTL = Duration.ofSeconds(5);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final String key;
    private final RedisKeys keys;
    private final Supplier<MemberState> state;
    private final Supplier<List<Parameter<?>>> declared;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failing;

    /**
     * @param declared parameters whose descriptions this component keeps in Redis (may change per scan)
     */
    public Heartbeat(RedisEndpoint redis, ComponentKind kind, String name, Supplier<MemberState> state,
                     Supplier<List<Parameter<?>>> declared) {
        this.connection = redis.connect();
        this.keys = redis.keys();
        this.key = keys.member(kind, name);
        this.state = state;
        this.declared = declared;
        this.thread = Thread.ofPlatform().daemon().name("heartbeat-" + name).unstarted(this::run);
    }

    public Heartbeat start() {
        publish();
        thread.start();
        return this;
    }

    /** Publishes the state now (e.g. after switching scans), not at the next period. */
    public void publishNow() {
        LockSupport.unpark(thread);
    }

    /** Publishes the state on the caller's thread and returns when Redis has it. */
    public void publishSync() {
        publish();
    }

    private void run() {
        long periodNanos = PERIOD.toNanos();
        while (running) {
            LockSupport.parkNanos(this, periodNanos);
            if (running) {
                publish();
            }
        }
    }

    private synchronized void publish() {
        try {
            var commands = connection.sync();
            commands.set(key, state.get().toJson(), SetArgs.Builder.px(TTL.toMillis()));
            for (Parameter<?> p : declared.get()) {
                commands.set(keys.parameterDescription(p.name()), ControlJson.write(ParameterDescription.toJson(p)),
                        SetArgs.Builder.px(TTL.toMillis()));
            }
            if (failing) {
                LOG.info("heartbeat {} reaches Redis again", key);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("heartbeat {} cannot reach Redis: {} (retrying every {} ms)", key, e.getMessage(),
                        PERIOD.toMillis());
                failing = true;
            }
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
        try {
            connection.sync().del(key);
        } catch (RuntimeException e) {
            LOG.debug("could not delete {}: {}", key, e.getMessage());
        }
        connection.close();
    }
}
