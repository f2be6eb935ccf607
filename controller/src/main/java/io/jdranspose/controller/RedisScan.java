package io.jdranspose.controller;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/** Lists keys matching a pattern with {@code SCAN}, which, unlike {@code KEYS}, never blocks Redis for long. */
final class RedisScan {
    private RedisScan() {
    }

    static List<String> keys(RedisCommands<String, byte[]> commands, String pattern) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
        var found = new ArrayList<String>();
        KeyScanCursor<String> cursor = commands.scan(args);
        found.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = commands.scan(cursor, args);
            found.addAll(cursor.getKeys());
        }
        // SCAN may return a key twice (rehashing); callers want each once.
        return found.stream().distinct().toList();
    }
}
