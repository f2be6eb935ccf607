package io.jdranspose.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies log records of INFO and above to the pipeline's capped log stream ({@code <prefix>:logs}, the
 * source of the controller's {@code /api/v1/logs}, {@code log_stream} and status page), with upstream's
 * field names. Logging never waits for Redis: records go through a bounded queue to a sender thread, and
 * when the queue is full they are counted and dropped (the console still has them).
 */
public final class RedisLogAppender extends AppenderBase<ILoggingEvent> {
    private static final int QUEUE = 10_000;
    private static final long MAX_LEN = 1000;

    private final RedisEndpoint redis;
    private final String component;
    private final BlockingQueue<Map<String, byte[]>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private Thread sender;
    private StatefulRedisConnection<String, byte[]> connection;

    public RedisLogAppender(RedisEndpoint redis, String component) {
        this.redis = redis;
        this.component = component;
    }

    @Override
    public void start() {
        connection = redis.connect();
        sender = Thread.ofPlatform().daemon().name("redis-log").start(this::send);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)
                || event.getLoggerName().startsWith("io.lettuce") || event.getLoggerName().startsWith("io.netty")) {
            return;
        }
        String message = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            message = message + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("msg", utf8(message));
        StackTraceElement[] caller = event.getCallerData();
        fields.put("lineno", utf8(caller != null && caller.length > 0 ? Integer.toString(caller[0].getLineNumber()) : "0"));
        fields.put("name", utf8(event.getLoggerName()));
        fields.put("created", utf8(String.format(Locale.ROOT, "%.6f", event.getTimeStamp() / 1000.0)));
        fields.put("levelname", utf8(event.getLevel().toString()));
        fields.put("component", utf8(component));
        if (!queue.offer(fields)) {
            dropped.incrementAndGet();
        }
    }

    private void send() {
        List<Map<String, byte[]>> batch = new ArrayList<>();
        while (true) {
            try {
                Map<String, byte[]> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!isStarted()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                var commands = connection.sync();
                XAddArgs args = XAddArgs.Builder.maxlen(MAX_LEN).approximateTrimming();
                for (Map<String, byte[]> fields : batch) {
                    commands.xadd(redis.keys().logs(), args, fields);
                }
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    commands.xadd(redis.keys().logs(), args, Map.of("msg", utf8(lost + " log records were not copied to Redis (queue full)"),
                            "lineno", utf8("0"), "name", utf8(RedisLogAppender.class.getName()),
                            "created", utf8(String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0)),
                            "levelname", utf8("WARN"), "component", utf8(component)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void stop() {
        super.stop();
        if (sender != null) {
            try {
                sender.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
