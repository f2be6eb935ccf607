package io.jdranspose.controller;

import io.jdranspose.controller.http.ApiCall;
import io.jdranspose.controller.http.ApiProblem;
import io.jdranspose.controller.http.Router;
import io.jdranspose.runtime.control.ControlJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/logs} (stored records at or above a level) and the {@code log_stream} feed. */
final class LogEndpoints {
    private final LogBook logs;

    LogEndpoints(LogBook logs) {
        this.logs = logs;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/logs", this::logs)
                .add("GET", "/api/v1/log_stream", this::stream);
    }

    private void logs(ApiCall call) throws IOException {
        int level = LogBook.level(call.query("level").orElse("INFO"));
        int limit = -1;
        if (call.query("limit").isPresent()) {
            List<Integer> limits = call.integerQueryAll("limit");
            limit = limits.get(0);
            if (limit < 0) {
                throw new ApiProblem(422, "query parameter 'limit' must not be negative, got " + limit);
            }
        }
        call.json(200, logs.entries(level, limit));
    }

    /** One JSON record per line, from the newest existing record on, until the client or the controller leaves. */
    private void stream(ApiCall call) throws IOException {
        try (LogBook.Follower follower = logs.follow()) {
            OutputStream out = call.stream(200, "text/plain; charset=utf-8");
            // the headers go out now, so a client sees the feed is open before the first record
            out.flush();
            List<Map<String, String>> entries;
            while ((entries = follower.next()) != null) {
                for (Map<String, String> entry : entries) {
                    out.write(ControlJson.write(entry));
                    out.write('\n');
                }
                if (!entries.isEmpty()) {
                    out.flush(); // a client that left makes this throw, which ends the feed
                }
            }
            out.close();
        }
    }
}
