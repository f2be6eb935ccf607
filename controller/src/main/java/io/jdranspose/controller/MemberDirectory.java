package io.jdranspose.controller;

import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.ControlMessageException;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisKeys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads who is registered from the member keys ({@code SCAN} + {@code MGET}, never {@code KEYS}, which
 * blocks Redis on a big keyspace). States that do not parse are skipped: a component of another version
 * must not break the controller.
 */
final class MemberDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(MemberDirectory.class);
    /** {@code GET /api/v1/config} is polled by every open status page; this bounds the Redis load. */
    private static final long CACHE_NANOS = 200_000_000L;

    private final RedisCommands<String, byte[]> commands;
    private final RedisKeys keys;
    private final String pattern;
    private volatile Ensemble cached;
    private volatile long cachedAt;

    MemberDirectory(RedisCommands<String, byte[]> commands, RedisKeys keys) {
        this.commands = commands;
        this.keys = keys;
        this.pattern = keys.prefix() + ":member:*";
    }

    RedisKeys keys() {
        return keys;
    }

    /** The registered components, read now. */
    Ensemble read() {
        List<String> found = RedisScan.keys(commands, pattern);
        var ingesters = new ArrayList<MemberState>();
        var workers = new ArrayList<MemberState>();
        var reducers = new ArrayList<MemberState>();
        read(found).forEach((key, state) -> {
            switch (kindOfKey(key)) {
                case INGESTER -> ingesters.add(state);
                case WORKER -> workers.add(state);
                case REDUCER -> reducers.add(state);
                case null -> { }
            }
        });
        Comparator<MemberState> byName = Comparator.comparing(MemberState::name);
        ingesters.sort(byName);
        workers.sort(byName);
        reducers.sort(byName);
        Ensemble ensemble = new Ensemble(ingesters, workers, reducers);
        cached = ensemble;
        cachedAt = System.nanoTime();
        return ensemble;
    }

    /** The registered components, at most 200 ms old. */
    Ensemble recent() {
        Ensemble ensemble = cached;
        if (ensemble != null && System.nanoTime() - cachedAt < CACHE_NANOS) {
            return ensemble;
        }
        return read();
    }

    /** The states behind the given member keys; keys that expired (component gone) are absent. */
    Map<String, MemberState> read(List<String> memberKeys) {
        var states = new LinkedHashMap<String, MemberState>();
        if (memberKeys.isEmpty()) {
            return states;
        }
        for (KeyValue<String, byte[]> kv : commands.mget(memberKeys.toArray(String[]::new))) {
            if (!kv.hasValue()) {
                continue;
            }
            try {
                MemberState state = MemberState.fromJson(kv.getValue());
                ComponentKind kind = kindOfKey(kv.getKey());
                // a state under another kind's key is a component's bug; it would break lookups by key
                if (kind != null && state.kind().toLowerCase(Locale.ROOT).equals(kind.key())) {
                    states.put(kv.getKey(), state);
                }
            } catch (ControlMessageException e) {
                LOG.debug("ignoring member key {}: {}", kv.getKey(), e.getMessage());
            }
        }
        return states;
    }

    /** {@code <p>:member:<kind>:<name>} → kind, or null for a key of another shape. */
    private ComponentKind kindOfKey(String key) {
        String rest = key.substring(keys.prefix().length() + ":member:".length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = rest.substring(0, colon);
        for (ComponentKind k : ComponentKind.values()) {
            if (k.key().equals(kind)) {
                return k;
            }
        }
        return null;
    }
}
