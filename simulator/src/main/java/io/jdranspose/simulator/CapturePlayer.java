package io.jdranspose.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a raw upstream capture (one ZeroMQ multipart message per item, as recorded from a real detector)
 * onto a {@link ZmqSender}, the way upstream dranspose's test harness does: optionally three single-part
 * {@code emptyness} messages first, then the messages {@code [begin, end)} with a delay between them.
 *
 * <p>Upstream sends the {@code emptyness} preamble only when playing a whole file; it exercises an
 * ingester's "drop everything before a valid start" phase. Whether to send it is left to the caller.
 *
 * <pre>{@code
 * try (ZmqSender sender = ZmqSender.bind("tcp://127.0.0.1:9999").open()) {
 *     new CapturePlayer(sender).emptyness(true).delay(Duration.ofMillis(10)).play(captureMessages);
 * }
 * }</pre>
 */
public final class CapturePlayer {
    /** Upstream's preamble: three messages of one part each, the ASCII bytes {@code emptyness}. */
    public static List<List<byte[]>> emptynessPreamble() {
        return List.of(List.of(emptyness()), List.of(emptyness()), List.of(emptyness()));
    }

    private final ZmqSender sender;
    private Duration delay = Duration.ZERO;
    private boolean emptyness;
    private long begin;
    private long end = Long.MAX_VALUE;

    public CapturePlayer(ZmqSender sender) {
        this.sender = sender;
    }

    /** Time between two consecutive messages (default none). */
    public CapturePlayer delay(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + value);
        }
        this.delay = value;
        return this;
    }

    /** Whether to send {@link #emptynessPreamble()} before the first message (default false). */
    public CapturePlayer emptyness(boolean value) {
        this.emptyness = value;
        return this;
    }

    /**
     * Plays only messages {@code begin} (inclusive, 0-based) to {@code end} (exclusive) of the capture.
     *
     * @throws IllegalArgumentException when {@code end <= begin} or {@code begin < 0}
     */
    public CapturePlayer range(long beginIndex, long endIndex) {
        if (beginIndex < 0 || endIndex <= beginIndex) {
            throw new IllegalArgumentException("capture range [" + beginIndex + ", " + endIndex + ") is empty or negative");
        }
        this.begin = beginIndex;
        this.end = endIndex;
        return this;
    }

    /**
     * Sends the capture's messages in the configured range.
     *
     * @return the number of capture messages sent (the preamble not included)
     * @throws IllegalArgumentException when the range holds no message (an empty capture, or {@code begin}
     *                                  past its end); nothing is sent then
     */
    public long play(Iterator<List<byte[]>> messages) throws InterruptedException {
        for (long skipped = 0; skipped < begin && messages.hasNext(); skipped++) {
            messages.next();
        }
        if (!messages.hasNext()) {
            throw new IllegalArgumentException(begin == 0 ? "the capture holds no messages"
                    : "the capture ends before message " + begin);
        }
        if (emptyness) {
            sender.sendPreamble(emptynessPreamble());
        }
        long delayNanos = delay.toNanos();
        long sent = 0;
        long previous = 0;
        for (long index = begin; index < end && messages.hasNext(); index++) {
            if (sent > 0 && delayNanos > 0) {
                sleepUntil(previous + delayNanos);
            }
            previous = System.nanoTime();
            sender.send(messages.next());
            sent++;
        }
        return sent;
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
            LockSupport.parkNanos(deadline - now);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during the delay between capture messages");
            }
        }
    }

    private static byte[] emptyness() {
        return "emptyness".getBytes(StandardCharsets.US_ASCII);
    }
}
