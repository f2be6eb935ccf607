package io.jdranspose.runtime.control;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the controller's {@link ScanUpdate}s on its own thread and connection: at start it delivers the
 * newest update already there (so a component started mid-scan joins at once), then every new one. When
 * several arrive together only the newest is delivered, since each carries the complete state. Invalid
 * entries are logged and skipped; Redis outages are logged once and retried.
 */
public final class UpdateFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateFollower.class);
    private static final Duration BLOCK = Duration.ofMillis(500);
    /** Field of every stream entry that carries the JSON payload. */
    public static final String FIELD = "data";

    private final StatefulRedisConnection<String, byte[]> connection;
    private final String stream;
    private final Consumer<ScanUpdate> listener;
    private final String owner;
    private final Thread thread;
    private volatile boolean running = true;

    public UpdateFollower(RedisEndpoint redis, String owner, Consumer<ScanUpdate> listener) {
        this.connection = redis.connect();
        this.stream = redis.keys().updates();
        this.listener = listener;
        this.owner = owner;
        this.thread = Thread.ofPlatform().daemon().name("updates-" + owner).unstarted(this::run);
    }

    public UpdateFollower start() {
        thread.start();
        return this;
    }

    private void run() {
        String lastId = null;
        boolean failing = false;
        while (running) {
            try {
                var commands = connection.sync();
                List<StreamMessage<String, byte[]>> messages;
                if (lastId == null) {
                    messages = commands.xrevrange(stream, Range.create("-", "+"), io.lettuce.core.Limit.from(1));
                    lastId = messages.isEmpty() ? "0-0" : messages.get(0).getId();
                } else {
                    messages = commands.xread(XReadArgs.Builder.block(BLOCK).count(100),
                            XReadArgs.StreamOffset.from(stream, lastId));
                    if (!messages.isEmpty()) {
                        lastId = messages.get(messages.size() - 1).getId();
                    }
                }
                if (failing) {
                    LOG.info("{} follows controller updates again", owner);
                    failing = false;
                }
                deliverNewest(messages);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("{} cannot read controller updates from Redis: {} (retrying)", owner, e.getMessage());
                    failing = true;
                }
                sleep();
            }
        }
    }

    private void deliverNewest(List<StreamMessage<String, byte[]>> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            byte[] json = messages.get(i).getBody().get(FIELD);
            try {
                if (json == null) {
                    throw new ControlMessageException("entry without field '" + FIELD + "'");
                }
                ScanUpdate update = ScanUpdate.fromJson(json);
                listener.accept(update);
                return;
            } catch (ControlMessageException e) {
                LOG.warn("{}: skipped controller update {} on {}: {}", owner, messages.get(i).getId(), stream,
                        e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{}: handling controller update {} failed", owner, messages.get(i).getId(), e);
                return;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(BLOCK.toMillis() + 1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
