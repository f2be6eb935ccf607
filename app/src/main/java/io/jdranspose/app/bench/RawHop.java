package io.jdranspose.app.bench;

import java.util.concurrent.atomic.AtomicLong;
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
}
