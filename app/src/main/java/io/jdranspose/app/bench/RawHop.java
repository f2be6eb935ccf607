package io.jdranspose.app.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One raw jeromq PUSH → PULL hop over tcp://127.0.0.1 in this process, with the same frame size as the
 * pipeline run: the yardstick the pipeline's throughput is compared with.
 */
final class RawHop {
    record Result(double messagesPerSecond, double bytesPerSecond) {
    }

    /** Latency percentiles of a paced hop. */
    record Latency(double rateHz, long p50Nanos, long p99Nanos, long maxNanos, int messages) {
    }

    private RawHop() {
    }

    static Result measure(int frameBytes, double seconds) throws InterruptedException {
        byte[] header = new byte[64];
        byte[] frame = new byte[frameBytes];
        AtomicLong received = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (ZContext context = new ZContext()) {
            ZMQ.Socket push = context.createSocket(SocketType.PUSH);
            push.setLinger(0);
            int port = push.bindToRandomPort("tcp://127.0.0.1");
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(200);
            pull.connect("tcp://127.0.0.1:" + port);
            // warm the connection and the JIT before timing
            long warmEnd = System.nanoTime() + 300_000_000L;
            Thread receiver = Thread.ofPlatform().name("raw-hop-receiver").start(() -> {
                while (running.get()) {
                    byte[] h = pull.recv();
                    if (h == null) {
                        continue;
                    }
                    while (pull.hasReceiveMore()) {
                        pull.recv();
                    }
                    received.incrementAndGet();
                }
            });
            while (System.nanoTime() < warmEnd) {
                push.send(header, ZMQ.SNDMORE);
                push.send(frame, 0);
            }
            long startCount = received.get();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                push.send(header, ZMQ.SNDMORE);
                push.send(frame, 0);
            }
            long count = received.get() - startCount;
            double elapsed = (System.nanoTime() - start) / 1e9;
            // jeromq sockets do not like interrupts: stop the receiver with a flag it sees after its timeout
            running.set(false);
            receiver.join(2000);
            return new Result(count / elapsed, count * (double) frameBytes / elapsed);
        }
    }

    /**
     * The latency of one hop at the pipeline's paced rate: the sender waits for each message's time as the
     * simulated detector does (absolute deadlines, {@code parkNanos}), stamps it and sends; the receiver notes
     * when it arrives. Each side has its own ZeroMQ context (its own I/O thread), as separate processes have.
     * This shows what waking threads costs on this machine, which a pipeline of three such hops cannot beat.
     */
    static Latency measurePaced(int frameBytes, double rateHz, double seconds) throws InterruptedException {
        int warm = (int) Math.max(100, rateHz);  // one second
        int n = (int) Math.max(1000, rateHz * seconds);
        long period = Math.round(1e9 / rateHz);
        long[] latencies = new long[n];
        try (ZContext sending = new ZContext(1); ZContext receiving = new ZContext(1)) {
            ZMQ.Socket pull = receiving.createSocket(SocketType.PULL);
            pull.setLinger(0);
            pull.setReceiveTimeOut(5000);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            // only a connection whose handshake completed counts (jeromq 0.6.0 now and then leaves a fresh one
            // stuck before it, and what is queued for it is lost)
            try (ConnectedPush push = new ConnectedPush(sending, "tcp://127.0.0.1:" + port, 1000, Duration.ofSeconds(1))) {
                if (!push.awaitConnected(Duration.ofSeconds(10), () -> false)) {
                    throw new IllegalStateException("the raw hop's PUSH socket did not connect within 10 s");
                }
                Thread receiver = Thread.ofPlatform().name("raw-hop-receiver").start(() -> {
                    for (int i = 0; i < warm + n; i++) {
                        byte[] frame = pull.recv();
                        if (frame == null) {
                            return;  // the sender failed; the percentiles then count what arrived
                        }
                        long now = System.nanoTime();
                        if (i >= warm) {
                            latencies[i - warm] = now - ByteBuffer.wrap(frame).getLong();
                        }
                    }
                });
                byte[] frame = new byte[Math.max(8, frameBytes)];
                long start = System.nanoTime();
                for (int i = 0; i < warm + n; i++) {
                    long deadline = start + i * period;
                    for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
                        LockSupport.parkNanos(deadline - now);
                    }
                    ByteBuffer.wrap(frame).putLong(System.nanoTime());
                    push.send(frame, List.of(), () -> false);
                }
                receiver.join(10_000);
            }
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Latency(rateHz, sorted[n / 2], sorted[(int) Math.ceil(0.99 * n) - 1], sorted[n - 1], n);
    }
}
