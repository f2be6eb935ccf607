package io.jdranspose.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.jdranspose.runtime.control.RedisEndpoint;
import org.slf4j.LoggerFactory;

/** Attaches and detaches the {@link RedisLogAppender} on the root logger for a pipeline component process. */
public final class RedisLogging implements AutoCloseable {
    private final RedisLogAppender appender;

    private RedisLogging(RedisLogAppender appender) {
        this.appender = appender;
    }

    /** Starts copying this process's log records to Redis, tagged with {@code component}. */
    public static RedisLogging attach(RedisEndpoint redis, String component) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new RedisLogging(null);
        }
        RedisLogAppender appender = new RedisLogAppender(redis, component);
        appender.setContext(context);
        appender.setName("redis-" + component);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return new RedisLogging(appender);
    }

    @Override
    public void close() {
        if (appender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
    }
}
