package io.jdranspose.app.pipeline;

import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import picocli.CommandLine.Option;

/** {@code --redis-url} and {@code --redis-prefix}, shared by every pipeline component command. */
public final class RedisOptions {
    @Option(names = "--redis-url", paramLabel = "URL",
            description = "Redis of the pipeline: redis://[:password@]host:port[/db] or rediss://… "
                    + "(default: $REDIS_URL, else $SERVICE_REDIS_DSN, else redis://localhost:6379/0).")
    String url;

    @Option(names = "--redis-prefix", defaultValue = RedisKeys.DEFAULT_PREFIX, paramLabel = "PREFIX",
            description = "Prefix of every Redis key, so pipelines can share a Redis (default: ${DEFAULT-VALUE}).")
    String prefix;

    /** The URL given, or from the environment, or the default. */
    public String url() {
        if (url != null) {
            return url;
        }
        for (String variable : new String[] {"REDIS_URL", "SERVICE_REDIS_DSN"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return RedisEndpoint.DEFAULT_URL;
    }

    public boolean given() {
        return url != null || System.getenv("REDIS_URL") != null || System.getenv("SERVICE_REDIS_DSN") != null;
    }

    public RedisEndpoint endpoint() {
        return RedisEndpoint.of(url(), new RedisKeys(prefix));
    }
}
