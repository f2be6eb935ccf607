package io.jdranspose.controller;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * The one-controller-per-pipeline lock: {@code SET <lock> <random id> NX PX 10000}. It expires unless
 * renewed, so a controller that dies frees it within 10 s; renewing and releasing check the value in a
 * Lua script, so a controller that lost the lock (paused longer than the expiry) never extends or deletes
 * the lock of the controller that took over.
 */
final class ControllerLock {
    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration RETRY_PERIOD = Duration.ofMillis(500);

    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('pexpire', KEYS[1], ARGV[2])
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('del', KEYS[1])
            end
            return 0""";

    private final RedisCommands<String, byte[]> commands;
    private final String key;
    private final byte[] id;

    private ControllerLock(RedisCommands<String, byte[]> commands, String key, byte[] id) {
        this.commands = commands;
        this.key = key;
        this.id = id;
    }

    /**
     * Takes the lock, retrying every {@link #RETRY_PERIOD} while another controller holds it.
     *
     * @throws IllegalStateException naming the key when it is still held after {@code wait}
     */
    static ControllerLock acquire(RedisCommands<String, byte[]> commands, String key, Duration wait)
            throws InterruptedException {
        byte[] id = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if ("OK".equals(commands.set(key, id, SetArgs.Builder.nx().px(TTL.toMillis())))) {
                return new ControllerLock(commands, key, id);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("another controller holds the lock '" + key + "' (still held after "
                        + wait.toMillis() + " ms); only one controller may run per Redis key prefix");
            }
            Thread.sleep(Math.min(RETRY_PERIOD.toMillis(), Math.max(1, left / 1_000_000)));
        }
    }

    /**
     * Extends the expiry if the lock is still ours.
     *
     * @return false when another controller has it (or it expired)
     * @throws io.lettuce.core.RedisException when Redis cannot be reached
     */
    boolean renew() {
        Long result = commands.eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, id,
                Long.toString(TTL.toMillis()).getBytes(StandardCharsets.US_ASCII));
        return result != null && result == 1L;
    }

    /** Whether the lock still holds our id. */
    boolean isHeld() {
        return Arrays.equals(commands.get(key), id);
    }

    /** Deletes the lock if it is still ours. */
    void release() {
        commands.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, id);
    }

    String key() {
        return key;
    }
}
