package io.jdranspose.reducer;

import io.jdranspose.runtime.logging.LogLimiter;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.wire.PackedMessages;
import io.jdranspose.runtime.wire.ResultHeader;
import io.jdranspose.runtime.wire.TcpInbox;
import io.jdranspose.runtime.wire.WireFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reducer's inbox thread: reads {@code [ResultHeader, CBOR payload]} messages from its {@link TcpInbox} and
 * submits the current scan's results to its reduction loop. The loop's queue is bounded: while it is full
 * this thread waits and reads nothing more, so a slow reducer slows the workers. Results of an older scan
 * are dropped; of a newer one (a worker that switched first) kept until the update arrives; of a finished
 * scan dropped with a warning.
 */
final class ResultInbox implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultInbox.class);
    static final int MAX_FUTURE_RESULTS = 1024;
    static final long MAX_FUTURE_BYTES = 64L << 20;
    /** A wait for results returns after this long, so that a scan switch is seen. */
    private static final int RECEIVE_MILLIS = 20;

    private record Pending(ResultHeader header, byte[] payload) {
    }

    private final TcpInbox socket;
    private final Supplier<ReducerScan> current;
    private volatile boolean running = true;
    private volatile long malformed;
    private volatile long stale;
    private volatile long late;
    private volatile long overflow;
    private final LogLimiter malformedLog = new LogLimiter();
    private final LogLimiter lateLog = new LogLimiter();
    private final LogLimiter overflowLog = new LogLimiter();

    private ReducerScan scan;
    private final ArrayDeque<Pending> future = new ArrayDeque<>();
    private long futureBytes;

    ResultInbox(TcpInbox socket, Supplier<ReducerScan> current) {
        this.socket = socket;
        this.current = current;
    }

    void stop() {
        running = false;
        socket.wakeup();
    }

    long malformed() {
        return malformed;
    }

    long stale() {
        return stale;
    }

    long late() {
        return late;
    }

    long dropped() {
        return malformed + stale + late + overflow;
    }

    @Override
    public void run() {
        try {
            while (running) {
                follow();
                List<byte[]> message = socket.receive(RECEIVE_MILLIS);
                if (message == null) {
                    continue;
                }
                byte[] first = message.get(0);
                int parts = message.size();
                byte[] payload = parts > 1 ? message.get(1) : null;
                follow();
                if (parts == 1 && PackedMessages.isPack(first)) {
                    List<List<byte[]>> messages;
                    try {
                        messages = PackedMessages.unpack(first);
                    } catch (WireFormatException e) {
                        malformed(e.getMessage());
                        continue;
                    }
                    for (List<byte[]> packed : messages) {
                        handle(packed.get(0), packed.size(), packed.size() > 1 ? packed.get(1) : null);
                    }
                } else {
                    handle(first, parts, payload);
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.error("reducer: result inbox failed: {}", e.toString(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("reducer: result inbox thread failed", e);
        } finally {
            socket.close();
        }
    }

    /** One worker message: {@code [ResultHeader, CBOR result]}. */
    private void handle(byte[] first, int parts, byte[] payload) throws InterruptedException {
        if (parts != 2) {
            malformed("a result message has 2 parts, this one " + parts);
            return;
        }
        ResultHeader header;
        try {
            header = ResultHeader.decode(first);
        } catch (WireFormatException e) {
            malformed(e.getMessage());
            return;
        }
        try {
            route(header, payload);
        } catch (RuntimeException e) {
            // a bug must not leave the reducer deaf: log, drop the result, go on
            if (malformedLog.allow()) {
                LOG.error("reducer: failed on the result of event {} from {}; dropped", header.event(),
                        header.worker(), e);
            }
        }
    }

    /** Switches to the current scan; results kept for it are submitted now. */
    private void follow() throws InterruptedException {
        ReducerScan now = current.get();
        if (now != scan) {
            scan = now;
            for (int n = future.size(); n > 0; n--) {
                Pending p = future.poll();
                futureBytes -= p.payload.length;
                route(p.header, p.payload);
            }
        }
    }

    private void malformed(String reason) {
        malformed++;
        if (malformedLog.allow()) {
            LOG.warn("reducer: dropped a malformed message on the result inbox: {}{}", reason, malformedLog.suffix());
        }
    }

    private void route(ResultHeader header, byte[] payload) throws InterruptedException {
        if (scan == null || header.scanSerial() > scan.serial) {
            if (future.size() >= MAX_FUTURE_RESULTS || futureBytes + payload.length > MAX_FUTURE_BYTES) {
                overflow++;
                if (overflowLog.allow()) {
                    LOG.warn("reducer: dropped the result of event {} from {} for scan serial {}: too many results of a"
                            + " scan not announced yet are held{}", header.event(), header.worker(), header.scanSerial(),
                            overflowLog.suffix());
                }
            } else {
                future.add(new Pending(header, payload));
                futureBytes += payload.length;
            }
        } else if (header.scanSerial() < scan.serial) {
            stale++;
            LOG.debug("reducer: dropped the result of event {} from {} of an older scan (serial {}, current {})",
                    header.event(), header.worker(), header.scanSerial(), scan.serial);
        } else {
            submit(scan, new EncodedResult(header.event(), header.worker(), header.parametersHash(), payload));
        }
    }

    private void submit(ReducerScan s, EncodedResult result) throws InterruptedException {
        synchronized (s.submitLock) {
            while (running) {
                if (current.get() != s) {
                    return;  // abandoned while we waited
                }
                if (s.closed) {
                    late(s, result);
                    return;
                }
                if (s.loop.offer(result, 20, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }

    private void late(ReducerScan s, EncodedResult result) {
        late++;
        s.late++;
        if (lateLog.allow()) {
            LOG.warn("reducer: dropped the result of event {} from {}: {} has finished ({} late results of it so far){}",
                    result.eventNumber(), result.worker(), s, s.late, lateLog.suffix());
        }
    }
}
