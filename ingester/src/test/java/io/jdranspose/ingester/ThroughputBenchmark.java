package io.jdranspose.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.runtime.control.Assignment;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.simulator.StinsMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Measures frames per second through one ingester, with the detector and a worker in the same JVM, and the CPU
 * time each thread spent per frame (the ingester's forwarding thread is {@code ingest-eiger-ingester}; its
 * ZeroMQ I/O threads are among the {@code iothread-*}). A measurement, not a check of the rate: it only fails
 * when a frame does not arrive. Opt-in, since it keeps both cores busy for about 20 s:
 * {@code ./mvnw -o -pl ingester verify -Dtest=ThroughputBenchmark -Djdranspose.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "jdranspose.bench", matches = "true")
class ThroughputBenchmark {

    @Test
    void smallFrames() throws Exception {
        run(2048, 200_000);
    }

    @Test
    void largeFrames() throws Exception {
        run(2 * 1024 * 1024, 3000);
    }

    private static void run(int frameBytes, int images) throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(); Pipeline p = new Pipeline(server.url());
             Detector detector = Detector.push(); ZContext context = new ZContext(1)) {
            ZMQ.Socket inbox = context.createSocket(SocketType.PULL);
            inbox.setRcvHWM(1000);
            inbox.bind("tcp://127.0.0.1:*");
            var state = new io.jdranspose.runtime.control.MemberState("worker", "w1", "u", null, null, null, 0, 0,
                    inbox.getLastEndpoint(), null, List.of(), List.of(), List.of(), 0, "test");
            p.commands().set(p.keys().member(io.jdranspose.runtime.control.ComponentKind.WORKER, "w1"),
                    state.toJson());
            try (IngesterService ingester = IngesterService.start(p.redis(),
                    IngesterConfig.of("eiger", detector.url()))) {
                ScanUpdate scan = p.startScan(List.of("eiger"), images + 2);
                p.awaitOnScan("eiger-ingester", scan);
                for (int from = 0; from < images + 2; from += 1000) {
                    List<Assignment> batch = new ArrayList<>();
                    for (int e = from; e < Math.min(from + 1000, images + 2); e++) {
                        batch.add(new Assignment(e, Map.of("eiger", List.of("w1"))));
                    }
                    p.assign(scan, batch.toArray(Assignment[]::new));
                }
                byte[] pixels = new byte[frameBytes];
                Thread sender = Thread.ofPlatform().start(() -> {
                    try {
                        detector.sender().sendAll(StinsMessages.series("/b.h5", images, new int[] {1, frameBytes},
                                DType.UINT8, k -> pixels));
                    } catch (InterruptedException ignored) {
                        // end of the test
                    }
                });
                inbox.setReceiveTimeOut(10_000);
                long start = 0;
                long bytes = 0;
                for (int i = 0; i < images + 2; i++) {
                    byte[] header = inbox.recv(0);
                    assertThat(header).as("message %d", i).isNotNull();
                    if (i == 0) {
                        start = System.nanoTime();
                    }
                    while (inbox.hasReceiveMore()) {
                        bytes += inbox.recv(0).length;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = (images + 1) / seconds;
                System.err.printf("%d frames of %d bytes: %.0f frames/s, %.2f GB/s%n", images, frameBytes, rate,
                        bytes / seconds / 1e9);
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    long cpu = threads.getThreadCpuTime(t.threadId());
                    if (cpu > 100_000_000L) {
                        System.err.printf("  thread %s: %.1f µs CPU per frame%n", t.getName(), cpu / 1e3 / images);
                    }
                }
                sender.join();
                assertThat(ingester.forwarded()).isEqualTo(images + 2);
            }
        }
    }
}
