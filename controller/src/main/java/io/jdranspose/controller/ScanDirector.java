package io.jdranspose.controller;

import io.jdranspose.controller.http.ApiProblem;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.ParameterHash;
import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.runtime.control.UpdateFollower;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current scan: starts a new one when a trigger map is posted (docs/pipeline.md "Scan lifecycle",
 * step 1), stops it, and sends every {@link ScanUpdate}. New scans are started one at a time; updates
 * (new scan, new parameters, finished) go out under one lock, so each carries the newest state.
 */
final class ScanDirector {
    private static final Logger LOG = LoggerFactory.getLogger(ScanDirector.class);
    private static final int UPDATES_KEPT = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Creates a scan's reports stream with its {@code opened} entry and the backstop expiry, in one call. */
    private static final String OPEN_REPORTS = """
            redis.call('xadd', KEYS[1], '*', 'opened', '1')
            return redis.call('pexpire', KEYS[1], ARGV[1])""";

    /** The scan the controller is on; {@code run} is null for the initial empty mapping. */
    record CurrentScan(String uuid, MappingSequence mapping, ScanUpdate update, ScanRun run) {
        CurrentScan with(ScanUpdate newUpdate) {
            return new CurrentScan(uuid, mapping, newUpdate, run);
        }
    }

    private final RedisEndpoint redis;
    private final RedisCommands<String, byte[]> commands;
    private final RedisKeys keys;
    private final MemberDirectory members;
    private final ParameterStore parameters;
    private final ReentrantLock starting = new ReentrantLock();
    private final Object updating = new Object();
    private volatile CurrentScan current;
    private final Duration switchWait;
    /** The scan threads' connection for blocking reads: one scan runs at a time, so they share it. */
    private StatefulRedisConnection<String, byte[]> scanReader;
    private long lastSerial;

    ScanDirector(RedisEndpoint redis, RedisCommands<String, byte[]> commands, MemberDirectory members,
                 ParameterStore parameters, Duration switchWait) {
        this.switchWait = switchWait;
        this.redis = redis;
        this.commands = commands;
        this.keys = redis.keys();
        this.members = members;
        this.parameters = parameters;
    }

    /**
     * Takes over after start-up: deletes scan streams a crashed controller left, continues the serials of
     * earlier controllers, and announces an empty mapping so every component gets a uuid at once.
     */
    void begin() {
        List<String> leftovers = RedisScan.keys(commands, keys.scanPattern());
        if (!leftovers.isEmpty()) {
            commands.del(leftovers.toArray(String[]::new));
            LOG.info("deleted {} stream(s) of earlier scans", leftovers.size());
        }
        List<StreamMessage<String, byte[]>> newest = commands.xrevrange(keys.updates(), Range.create("-", "+"),
                Limit.from(1));
        if (!newest.isEmpty()) {
            byte[] data = newest.get(0).getBody().get(UpdateFollower.FIELD);
            try {
                lastSerial = data == null ? 0 : ScanUpdate.fromJson(data).serial();
            } catch (RuntimeException e) {
                LOG.debug("newest update is unreadable ({}); serials start from the clock", e.getMessage());
            }
        }
        MappingSequence empty = MappingSequence.empty();
        synchronized (updating) {
            ScanUpdate update = newScanUpdate(UUID.randomUUID().toString(), empty);
            publish(update);
            current = new CurrentScan(update.mappingUuid(), empty, update, null);
        }
        LOG.info("controller started with an empty mapping {}", current.uuid());
    }

    CurrentScan current() {
        return current;
    }

    /**
     * Starts a scan of a mapping (step 1 of the lifecycle) and returns its uuid once every registered
     * component has switched to it.
     *
     * @throws ApiProblem 400 when a stream is not served or too few workers are registered, 503 without a
     *                    reducer, 504 when a component did not switch within 10 s (the scan runs anyway)
     */
    String start(MappingSequence mapping) throws InterruptedException {
        starting.lockInterruptibly();
        try {
            Ensemble ensemble = members.read();
            check(mapping, ensemble);
            String uuid = UUID.randomUUID().toString();
            abandonCurrent();
            // Writers use XADD NOMKSTREAM, so the stream must exist before anyone is told about the scan.
            commands.eval(OPEN_REPORTS, ScriptOutputType.INTEGER, new String[] {keys.reports(uuid)},
                    Long.toString(ScanRun.STREAM_TTL.toMillis()).getBytes(StandardCharsets.US_ASCII));
            ScanRun run = new ScanRun(redis, commands, scanReader().sync(), uuid, mapping, ensemble,
                    this::announceFinished);
            ScanUpdate update;
            synchronized (updating) {
                update = newScanUpdate(uuid, mapping);
                publish(update);
                current = new CurrentScan(uuid, mapping, update, run);
            }
            run.start();
            LOG.info("scan {} announced: {} events, streams {}, {} worker(s) registered", uuid, mapping.totalEvents(),
                    mapping.streams(), ensemble.workers().size());
            if (!update.dumpPrefix().isEmpty()) {
                dump(update.dumpPrefix(), uuid, mapping);
            }
            awaitSwitch(ensemble, uuid);
            return uuid;
        } finally {
            starting.unlock();
        }
    }

    private void check(MappingSequence mapping, Ensemble ensemble) {
        if (mapping.totalEvents() > Integer.MAX_VALUE) {
            throw new ApiProblem(422, "the map has " + mapping.totalEvents() + " events; at most "
                    + Integer.MAX_VALUE + " are supported");
        }
        Set<String> missing = new TreeSet<>(mapping.streams());
        missing.removeAll(ensemble.availableStreams());
        if (!missing.isEmpty()) {
            throw new ApiProblem(400, "streams " + pythonSet(missing) + " not available");
        }
        int required = mapping.minWorkers();
        if (ensemble.workers().size() < required) {
            throw new ApiProblem(400, "only " + ensemble.workers().size() + " workers available, but " + required
                    + " required");
        }
        if (ensemble.reducer() == null) {
            throw new ApiProblem(503, "no reducer registered");
        }
    }

    /** Python's repr of a set of strings, as upstream's message shows it: {@code {'a', 'b'}}. */
    static String pythonSet(Set<String> names) {
        return names.stream().map(ScanDirector::pythonString).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String pythonString(String text) {
        boolean doubleQuotes = text.contains("'") && !text.contains("\"");
        char quote = doubleQuotes ? '"' : '\'';
        var out = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == quote) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(quote).toString();
    }

    private void awaitSwitch(Ensemble ensemble, String uuid) throws InterruptedException {
        var byKey = new java.util.LinkedHashMap<String, MemberState>();
        ensemble.all().forEach(m -> byKey.put(Ensemble.keyOf(keys, m), m));
        List<String> memberKeys = List.copyOf(byKey.keySet());
        long deadline = System.nanoTime() + switchWait.toNanos();
        int polls = 0;
        while (true) {
            Map<String, MemberState> states = members.read(memberKeys);
            List<String> behind = new ArrayList<>();
            states.forEach((key, state) -> {
                if (!uuid.equals(state.mappingUuid())) {
                    behind.add(Ensemble.describe(state));
                }
            });
            if (behind.isEmpty()) {
                return; // components whose key expired are gone and not waited for
            }
            if (System.nanoTime() > deadline) {
                throw new ApiProblem(504, "scan " + uuid + " was announced, but within " + switchWait.toMillis()
                        + " ms these components did not switch to it: " + String.join(", ", behind));
            }
            // Components usually switch within a few milliseconds: poll every millisecond at first, then
            // every 10 ms.
            Thread.sleep(++polls < 50 ? 1 : 10);
        }
    }

    private void dump(String prefix, String uuid, MappingSequence mapping) {
        try {
            Map<String, byte[]> values = parameters.values();
            var files = ScanDumps.write(prefix, uuid, mapping, values, parameters.binaryNames());
            LOG.info("scan {}: wrote {}", uuid, files);
        } catch (IOException | RuntimeException e) {
            LOG.error("scan {}: cannot write the mapping and parameter dumps with prefix '{}': {}", uuid, prefix,
                    e.toString());
        }
    }

    /** {@code POST /api/v1/stop}: the current scan finishes now. */
    void stop() {
        CurrentScan scan = current;
        if (scan.run() != null) {
            scan.run().requestStop();
            LOG.info("scan {}: stop requested", scan.uuid());
        }
    }

    /**
     * Tells the components that parameters changed: an update of the current scan with the new versions.
     *
     * @return the new parameters hash
     */
    String parametersChanged() {
        synchronized (updating) {
            Map<String, String> versions = parameters.versions();
            String hash = ParameterHash.of(versions);
            ScanUpdate update = current.update().withParameters(versions, hash);
            publish(update);
            current = current.with(update);
            return hash;
        }
    }

    /** Sends the finished update of a scan, if it is still the current one. */
    private boolean announceFinished(String uuid) {
        synchronized (updating) {
            CurrentScan scan = current;
            if (!scan.uuid().equals(uuid) || scan.update().finished()) {
                return false;
            }
            ScanUpdate update = scan.update().asFinished();
            publish(update);
            current = scan.with(update);
            return true;
        }
    }

    /** {@code GET /api/v1/progress} of the current scan. */
    ObjectNode progress() {
        CurrentScan scan = current;
        if (scan.run() != null) {
            return scan.run().progress();
        }
        ObjectNode node = JSON.objectNode();
        node.put("last_assigned", 0);
        node.put("completed_events", 0);
        node.put("total_events", 0);
        node.put("finished", false);
        node.put("mapping_uuid", scan.uuid());
        node.put("events_per_second", 0.0);
        node.put("stalled", false);
        node.put("message", "no scan yet: post a trigger map to /api/v1/sequence");
        return node;
    }

    private ScanUpdate newScanUpdate(String uuid, MappingSequence mapping) {
        Map<String, String> versions = parameters.versions();
        long serial = Math.max(System.currentTimeMillis(), lastSerial + 1);
        lastSerial = serial;
        return new ScanUpdate(uuid, versions, ParameterHash.of(versions), List.copyOf(mapping.streams()), false,
                serial, mapping.totalEvents(), parameters.dumpPrefix());
    }

    private void publish(ScanUpdate update) {
        commands.xadd(keys.updates(), XAddArgs.Builder.maxlen(UPDATES_KEPT).approximateTrimming(),
                Map.of(UpdateFollower.FIELD, update.toJson()));
    }

    /** Stops the current scan's thread and deletes its streams. */
    private void abandonCurrent() {
        CurrentScan scan = current;
        if (scan != null && scan.run() != null) {
            boolean finished = scan.run().isFinished(); // then its thread deleted the streams already
            abandon(scan.run());
            if (!finished) {
                commands.del(keys.assigned(scan.uuid()), keys.reports(scan.uuid()));
            }
        }
    }

    private void abandon(ScanRun run) {
        if (!run.abandon() && scanReader != null) {
            // the old thread may still be reading on it: the next scan gets a connection of its own
            scanReader.close();
            scanReader = null;
        }
    }

    private StatefulRedisConnection<String, byte[]> scanReader() {
        if (scanReader == null || !scanReader.isOpen()) {
            scanReader = redis.connect();
        }
        return scanReader;
    }

    /**
     * Ends the current scan's thread; with {@code cleanUp} (the lock is still ours) also deletes its
     * streams and the updates stream, leaving parameters as they are.
     */
    void close(boolean cleanUp) {
        // waits for an upload in progress (HTTP is stopped first, which interrupts it), so no scan starts after
        starting.lock();
        try {
            closeScan(cleanUp);
        } finally {
            starting.unlock();
        }
    }

    private void closeScan(boolean cleanUp) {
        CurrentScan scan = current;
        if (scan != null && scan.run() != null) {
            abandon(scan.run());
        }
        if (scanReader != null) {
            scanReader.close();
        }
        if (cleanUp) {
            if (scan != null) {
                commands.del(keys.assigned(scan.uuid()), keys.reports(scan.uuid()));
            }
            commands.del(keys.updates());
        }
    }
}
