package io.jdranspose.ingester;

import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.UpdateFollower;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the current scan's {@code assigned} stream from its first entry on a thread and Redis connection of
 * its own (a blocking {@code XREAD} must not delay anything else), decodes the batches and queues their
 * assignments on the scan's {@link AssignmentFeed}. Switching scans is switching feeds: the thread notices
 * the new one within one {@link #BLOCK}. Invalid entries are logged with their id and skipped; so are
 * assignments whose event number does not increase, because the matching relies on the order.
 */
final class AssignmentReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentReader.class);
    static final Duration BLOCK = Duration.ofMillis(100);
    private static final int COUNT = 100;
    private static final long IDLE_NANOS = 100_000_000L;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final String stream;
    private final Thread thread;
    private volatile AssignmentFeed feed;
    private volatile boolean running = true;

    AssignmentReader(RedisEndpoint redis, String owner, String stream) {
        this.connection = redis.connect();
        this.stream = stream;
        this.thread = Thread.ofPlatform().daemon().name("assigned-" + owner).unstarted(this::run);
    }

    AssignmentReader start() {
        thread.start();
        return this;
    }

    /** Starts following {@code key} from its first entry; the previous feed, if any, is closed. */
    AssignmentFeed follow(String key) {
        AssignmentFeed next = new AssignmentFeed(key);
        AssignmentFeed previous = feed;
        feed = next;
        if (previous != null) {
            previous.close();
        }
        LockSupport.unpark(thread);
        return next;
    }

    /** Stops following any scan. */
    void stop() {
        AssignmentFeed previous = feed;
        feed = null;
        if (previous != null) {
            previous.close();
        }
    }

    private void run() {
        boolean failing = false;
        while (running) {
            AssignmentFeed current = feed;
            if (current == null || current.isClosed()) {
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            try {
                List<StreamMessage<String, byte[]>> entries = connection.sync().xread(
                        XReadArgs.Builder.block(BLOCK).count(COUNT),
                        XReadArgs.StreamOffset.from(current.key(), current.lastId()));
                if (failing) {
                    LOG.info("stream {}: reading assignments from Redis again", stream);
                    failing = false;
                }
                for (StreamMessage<String, byte[]> entry : entries) {
                    if (current.isClosed()) {
                        break;
                    }
                    current.lastId(entry.getId());
                    queue(current, entry);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("stream {}: cannot read assignments from {}: {} (retrying)", stream, current.key(),
                            e.getMessage());
                    failing = true;
                }
                LockSupport.parkNanos(this, 2 * IDLE_NANOS);
            }
        }
    }

    private void queue(AssignmentFeed current, StreamMessage<String, byte[]> entry) throws InterruptedException {
        List<Assignment> batch;
        try {
            byte[] json = entry.getBody().get(UpdateFollower.FIELD);
            if (json == null) {
                throw new ControlMessageException("entry without field '" + UpdateFollower.FIELD + "'");
            }
            batch = Assignment.listFromJson(json);
        } catch (ControlMessageException e) {
            LOG.error("stream {}: skipped invalid assignment entry {} on {}: {}", stream, entry.getId(),
                    current.key(), e.getMessage());
            return;
        }
        for (Assignment assignment : batch) {
            if (assignment.eventNumber() <= current.lastQueuedEvent()) {
                LOG.error("stream {}: skipped assignment of event {} in entry {} on {}: events must increase, the "
                        + "previous one was {}", stream, assignment.eventNumber(), entry.getId(), current.key(),
                        current.lastQueuedEvent());
                continue;
            }
            if (!current.put(assignment)) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        stop();
        LockSupport.unpark(thread);
        try {
            thread.join(BLOCK.toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
