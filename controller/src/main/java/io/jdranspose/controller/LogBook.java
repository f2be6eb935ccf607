package io.jdranspose.controller;

import io.jdranspose.controller.http.ApiProblem;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the log records every component writes to {@code <p>:logs} (fields {@code msg}, {@code lineno},
 * {@code name}, {@code created}, {@code levelname}, {@code component}), for {@code GET /api/v1/logs} and
 * the {@code GET /api/v1/log_stream} feed.
 */
final class LogBook implements AutoCloseable {
    /** At most this many clients follow the feed at once; each holds a Redis connection. */
    static final int MAX_FOLLOWERS = 32;
    private static final Duration BLOCK = Duration.ofMillis(500);

    private final RedisEndpoint redis;
    private final RedisCommands<String, byte[]> commands;
    private final String stream;
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LogBook(RedisEndpoint redis, RedisCommands<String, byte[]> commands) {
        this.redis = redis;
        this.commands = commands;
        this.stream = redis.keys().logs();
    }

    /**
     * Python's level number of a level name (also logback's {@code WARN}, {@code TRACE}).
     *
     * @throws ApiProblem 422 for an unknown name
     */
    static int level(String name) {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "NOTSET" -> 0;
            case "TRACE" -> 5;
            case "DEBUG" -> 10;
            case "INFO" -> 20;
            case "WARNING", "WARN" -> 30;
            case "ERROR" -> 40;
            case "CRITICAL", "FATAL" -> 50;
            default -> {
                try {
                    yield Integer.parseInt(name.trim());
                } catch (NumberFormatException e) {
                    throw new ApiProblem(422, "unknown log level '" + name
                            + "' (use DEBUG, INFO, WARNING, ERROR or CRITICAL)");
                }
            }
        };
    }

    private static int levelOf(Map<String, String> entry) {
        String name = entry.get("levelname");
        if (name == null) {
            return 0;
        }
        try {
            return level(name);
        } catch (ApiProblem e) {
            return 0;
        }
    }

    /**
     * The stored records with at least the given level, oldest first.
     *
     * @param limit at most this many (the newest), or all when negative
     */
    List<Map<String, String>> entries(int minLevel, int limit) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (StreamMessage<String, byte[]> message : commands.xrevrange(stream, Range.create("-", "+"))) {
            Map<String, String> entry = fields(message);
            if (levelOf(entry) >= minLevel) {
                entries.add(entry);
                if (limit >= 0 && entries.size() >= limit) {
                    break;
                }
            }
        }
        Collections.reverse(entries);
        return entries;
    }

    private static Map<String, String> fields(StreamMessage<String, byte[]> message) {
        var fields = new LinkedHashMap<String, String>();
        message.getBody().forEach((k, v) -> fields.put(k, new String(v, StandardCharsets.UTF_8)));
        return fields;
    }

    /**
     * Follows records written from now on, on its own connection (its reads block).
     *
     * @throws ApiProblem 503 when {@link #MAX_FOLLOWERS} clients follow already
     */
    Follower follow() {
        if (closed) {
            throw new ApiProblem(503, "the controller is shutting down");
        }
        if (followers.size() >= MAX_FOLLOWERS) {
            throw new ApiProblem(503, "too many clients follow the log stream (" + MAX_FOLLOWERS + ")");
        }
        var follower = new Follower(redis.connect());
        followers.add(follower);
        return follower;
    }

    /** Ends every feed; they return from {@link Follower#next()} with null. */
    @Override
    public void close() {
        closed = true;
        followers.forEach(Follower::close);
    }

    /** One client's feed. */
    final class Follower implements AutoCloseable {
        private final StatefulRedisConnection<String, byte[]> connection;
        private String lastId;

        private Follower(StatefulRedisConnection<String, byte[]> connection) {
            this.connection = connection;
            List<StreamMessage<String, byte[]>> newest = connection.sync().xrevrange(stream, Range.create("-", "+"),
                    Limit.from(1));
            this.lastId = newest.isEmpty() ? "0-0" : newest.get(0).getId();
        }

        /**
         * Waits up to half a second for new records.
         *
         * @return the new records (maybe none), or null once the feed is closed
         */
        @SuppressWarnings("unchecked") // lettuce takes the offsets as varargs of a generic type
        List<Map<String, String>> next() {
            if (closed || !connection.isOpen()) {
                return null;
            }
            List<StreamMessage<String, byte[]>> messages;
            try {
                messages = connection.sync().xread(XReadArgs.Builder.block(BLOCK).count(1000),
                        XReadArgs.StreamOffset.from(stream, lastId));
            } catch (RuntimeException e) {
                if (closed || !connection.isOpen()) {
                    return null;
                }
                throw e;
            }
            var entries = new ArrayList<Map<String, String>>(messages.size());
            for (StreamMessage<String, byte[]> message : messages) {
                entries.add(fields(message));
                lastId = message.getId();
            }
            return entries;
        }

        @Override
        public void close() {
            followers.remove(this);
            connection.close();
        }
    }
}
