package io.jdranspose.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.reducer.hsds.HsdsIds;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated live viewers, one virtual thread and one keep-alive connection each: every {@code period} a
 * viewer asks for the stack's metadata (its shape) and then for its newest row as JSON, the way a live plot
 * refreshes. The viewers' phases are spread over the period. Runs until closed.
 */
final class PollingViewers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration period;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Latencies> latencies = new ArrayList<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    PollingViewers(URI base, int viewers, Duration period) {
        this.base = base;
        this.period = period;
        for (int v = 0; v < viewers; v++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            // spread over the period, as independent viewers are, rather than all polling in the same instant
            Duration offset = period.multipliedBy(v).dividedBy(viewers);
            threads.submit(() -> viewer(mine, offset));
        }
    }

    long polls() {
        return polls.get();
    }

    long failures() {
        return failures.get();
    }

    /** Time of one poll (metadata + newest row) over all viewers; call after {@link #close()}. */
    Latencies pollTimes() {
        Latencies all = new Latencies();
        latencies.forEach(all::addAll);
        return all;
    }

    /** Stops polling and waits for every viewer to finish its current poll. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }

    private void viewer(Latencies mine, Duration offset) {
        try (KeepAliveConnection http = new KeepAliveConnection(base)) {
            Thread.sleep(offset);
            poll(http, mine);
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(KeepAliveConnection http, Latencies mine) {
        String dataset = "/datasets/" + HsdsIds.datasetId(PublishingLoop.STACK);
        long next = System.nanoTime();
        while (running) {
            long start = System.nanoTime();
            try {
                JsonNode meta = JSON.readTree(http.get(dataset));
                long rows = meta.path("shape").path("dims").path(0).asLong();
                String select = URLEncoder.encode("[" + (rows - 1) + ":" + rows + ",:]", StandardCharsets.UTF_8);
                http.get(dataset + "/value?select=" + select);
                mine.add(System.nanoTime() - start);
                polls.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
            next += period.toNanos();
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(sleep));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void fail(Exception e) {
        if (failures.incrementAndGet() == 1) {
            System.err.println("a viewer failed: " + e);
        }
    }
}
