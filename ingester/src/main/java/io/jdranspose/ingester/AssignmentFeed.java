package io.jdranspose.ingester;

import io.jdranspose.runtime.control.Assignment;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The assignments of one scan, in order, from the {@link AssignmentReader} thread to the forwarding thread.
 * Bounded: the controller hands out assignments only as workers have credit, so the bound is never reached
 * in practice; if it were, the reader would wait.
 */
final class AssignmentFeed {
    static final int CAPACITY = 1 << 16;

    private final String key;
    private final BlockingQueue<Assignment> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean closed;
    /** Event number of the newest assignment queued, -1 before the first (written by the reader only). */
    private volatile long lastQueuedEvent = -1;
    /** Reader-side position in the Redis stream. */
    private String lastId = "0-0";

    AssignmentFeed(String key) {
        this.key = key;
    }

    /** The scan's {@code assigned} stream. */
    String key() {
        return key;
    }

    /** The next assignment, or null when none is queued. */
    Assignment poll() {
        return queue.poll();
    }

    /** The next assignment, waiting up to {@code millis} for it; null when none came. */
    Assignment poll(long millis) {
        try {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Whether every assignment up to {@code event} has been queued: together with an empty queue, the scan
     * has no further assignment.
     */
    boolean queuedUpTo(long event) {
        return lastQueuedEvent >= event;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    long lastQueuedEvent() {
        return lastQueuedEvent;
    }

    /** Reader side: queues one assignment, waiting while the queue is full; false when the feed was closed. */
    boolean put(Assignment assignment) throws InterruptedException {
        while (!closed) {
            if (queue.offer(assignment, 100, TimeUnit.MILLISECONDS)) {
                lastQueuedEvent = assignment.eventNumber();
                return true;
            }
        }
        return false;
    }

    String lastId() {
        return lastId;
    }

    void lastId(String id) {
        lastId = id;
    }

    boolean isClosed() {
        return closed;
    }

    /** The scan ended or was abandoned: the reader stops feeding it, queued assignments are dropped. */
    void close() {
        closed = true;
        queue.clear();
    }
}
