package io.jdranspose.ingester;

import io.jdranspose.api.DType;
import io.jdranspose.simulator.StinsMessages;
import io.jdranspose.simulator.ZmqSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The simulated detector of a test: the simulator's sender bound on 127.0.0.1, and STINS series to send. */
final class Detector implements AutoCloseable {
    static final int[] SHAPE = {4, 8};

    private final ZmqSender sender;

    private Detector(ZmqSender.Kind kind) {
        this.sender = ZmqSender.bind("tcp://127.0.0.1:*").kind(kind).linger(Duration.ZERO).open();
    }

    /** A PUSH detector: its sends wait for the ingester's connection and block when the ingester stops reading. */
    static Detector push() {
        return new Detector(ZmqSender.Kind.PUSH);
    }

    /** A PUB detector: publishes whatever happens (waits up to 5 s for the ingester's subscription first). */
    static Detector pub() {
        return new Detector(ZmqSender.Kind.PUB);
    }

    String url() {
        return sender.endpoint();
    }

    ZmqSender sender() {
        return sender;
    }

    /**
     * Waits until the ingester's {@code n}-th connection since the detector was bound has completed its
     * handshake. A PUSH detector sends to whatever connection it has; the ingester opens a new one per scan,
     * and jeromq 0.6.0 now and then leaves a fresh connection stuck before its handshake, where queued
     * messages are lost once the ingester gives up on it. Real detectors keep sending anyway; a test that
     * sends a second scan's series waits for the new connection instead of hoping.
     */
    void awaitConnection(int n) throws InterruptedException {
        if (!sender.awaitPeers(n, Duration.ofSeconds(10))) {
            throw new AssertionError("the ingester's connection " + n + " to the detector did not complete");
        }
    }

    void send(List<List<byte[]>> messages) throws InterruptedException {
        for (List<byte[]> m : messages) {
            sender.send(m);
        }
    }

    /**
     * A whole STINS series (start, {@code images} images, end) as the simulator makes it. Pixels of image k
     * are all {@code seed + k}, so frames of different series and images differ.
     */
    static List<List<byte[]>> series(String filename, int images, int seed) {
        return series(filename, images, seed, SHAPE[0] * SHAPE[1]);
    }

    /** As {@link #series(String, int, int)} with images of {@code pixels} bytes (shape [1, pixels]). */
    static List<List<byte[]>> series(String filename, int images, int seed, int pixels) {
        List<List<byte[]>> messages = new ArrayList<>();
        StinsMessages.series(filename, images, new int[] {1, pixels}, DType.UINT8, k -> {
            byte[] p = new byte[pixels];
            java.util.Arrays.fill(p, (byte) (seed + k));
            return p;
        }).forEachRemaining(messages::add);
        return messages;
    }

    @Override
    public void close() {
        sender.close();
    }
}
