package io.jdranspose.runtime.control;

import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the current parameter values from Redis when an update announces new versions. A component keeps
 * the last good set: a value that does not parse for its declared type is logged (naming the parameter)
 * and the previous set stays in use, so one bad POST never stops a scan.
 */
public final class ParameterSync {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterSync.class);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisKeys keys;
    private final String owner;
    private volatile Parameters current = Parameters.empty();
    private volatile Map<String, String> versions = Map.of();
    private volatile String hash;

    /** Uses (but does not own) a connection that is not used for blocking reads. */
    public ParameterSync(StatefulRedisConnection<String, byte[]> connection, RedisKeys keys, String owner) {
        this.connection = connection;
        this.keys = keys;
        this.owner = owner;
    }

    /**
     * Loads the values if the update's versions differ from the loaded ones (or {@code force}), typed with
     * the declared parameters.
     *
     * @return the parameters now in use
     */
    public synchronized Parameters sync(ScanUpdate update, Collection<? extends Parameter<?>> declared, boolean force) {
        if (!force && update.parametersVersion().equals(versions) && hash != null) {
            return current;
        }
        var commands = connection.sync();
        Map<String, byte[]> values = commands.hgetall(keys.parameters());
        Map<String, byte[]> versionBytes = commands.hgetall(keys.parameterVersions());
        Map<String, String> loaded = new HashMap<>();
        versionBytes.forEach((name, v) -> loaded.put(name, new String(v, StandardCharsets.UTF_8)));
        loaded.keySet().retainAll(values.keySet());
        values.keySet().retainAll(loaded.keySet());
        String loadedHash;
        try {
            loadedHash = ParameterHash.of(loaded);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: parameters in Redis are damaged ({}); keeping the previous set", owner, e.getMessage());
            return current;
        }
        try {
            current = Parameters.of(values, declared, loadedHash);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; keeping the previous parameters", owner, e.getMessage());
            return current;
        }
        versions = Map.copyOf(loaded);
        hash = loadedHash;
        return current;
    }

    public Parameters current() {
        return current;
    }

    /** Hash of the loaded versions, null before the first load. */
    public String hash() {
        return hash;
    }
}
