package io.jdranspose.runtime.control;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * One Redis server, from a {@code redis://[:password@]host:port[/db]} or {@code rediss://} (TLS) URL,
 * and the connections components open to it: keys are text, values raw bytes. A component uses one
 * connection for its commands and a separate one for each blocking read, so a blocking {@code XREAD}
 * never delays a heartbeat.
 */
public final class RedisEndpoint implements AutoCloseable {
    /** Keys as UTF-8 text, values as raw bytes (parameters are binary). */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    public static final String DEFAULT_URL = "redis://localhost:6379/0";

    private final RedisURI uri;
    private final RedisClient client;
    private final RedisKeys keys;

    private RedisEndpoint(RedisURI uri, RedisKeys keys) {
        this.uri = uri;
        this.keys = keys;
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).tcpNoDelay(true).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                .build());
    }

    /**
     * @throws IllegalArgumentException naming the URL (password hidden) when it cannot be parsed
     */
    public static RedisEndpoint of(String url, RedisKeys keys) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid Redis URL '" + redact(url) + "': " + e.getMessage()
                    + " (expected redis://[:password@]host:port[/db] or rediss://…)", e);
        }
        return new RedisEndpoint(uri, keys);
    }

    public static RedisEndpoint of(String url) {
        return of(url, RedisKeys.defaults());
    }

    public RedisKeys keys() {
        return keys;
    }

    /**
     * A new connection.
     *
     * @throws io.lettuce.core.RedisConnectionException with the URL (password hidden) when Redis is not there
     */
    public StatefulRedisConnection<String, byte[]> connect() {
        try {
            return client.connect(CODEC);
        } catch (io.lettuce.core.RedisConnectionException e) {
            throw new io.lettuce.core.RedisConnectionException("cannot connect to Redis at " + this + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
    }

    /** The URL with any password replaced by {@code ***}. */
    @Override
    public String toString() {
        return redact(uri.toURI().toString());
    }

    static String redact(String url) {
        if (url == null) {
            return "null";
        }
        return url.replaceAll("(rediss?://)[^@/]*@", "$1***@");
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
