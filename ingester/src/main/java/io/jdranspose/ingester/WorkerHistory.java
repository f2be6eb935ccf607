package io.jdranspose.ingester;

import io.jdranspose.runtime.control.Assignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per worker, the last event of the scan it was assigned (in any stream, not only ours), so every part
 * header can name the worker's previous event: workers run their events strictly in scan order and must
 * know whether one is still missing. Fed every assignment of the scan in order, also those without our
 * stream. One per scan, used by the forwarding thread only; no allocation per event once every worker has
 * been seen.
 */
final class WorkerHistory {
    private static final class Last {
        long event;
    }

    private final String stream;
    private final List<String> ownStreamOnly;
    private final Map<String, Last> last = new HashMap<>();

    WorkerHistory(String stream) {
        this.stream = stream;
        this.ownStreamOnly = List.of(stream);
    }

    /** The worker's previous event, -1 when it had none yet in this scan. */
    long previous(String worker) {
        Last l = last.get(worker);
        return l == null ? -1 : l.event;
    }

    /** Records that every worker named in {@code assignment} got its event. */
    void record(Assignment assignment) {
        long event = assignment.eventNumber();
        for (List<String> workers : assignment.assignments().values()) {
            for (int i = 0, n = workers.size(); i < n; i++) {
                last.computeIfAbsent(workers.get(i), w -> new Last()).event = event;
            }
        }
    }

    /**
     * Every stream of {@code assignment} whose list names {@code worker}, sorted: the streams the worker
     * collects for this event, from all ingesters.
     */
    List<String> eventStreams(Assignment assignment, String worker) {
        Map<String, List<String>> cells = assignment.assignments();
        if (cells.size() == 1) {
            return ownStreamOnly;
        }
        List<String> streams = new ArrayList<>(cells.size());
        for (Map.Entry<String, List<String>> cell : cells.entrySet()) {
            if (cell.getValue().contains(worker)) {
                streams.add(cell.getKey());
            }
        }
        if (streams.size() == 1 && streams.get(0).equals(stream)) {
            return ownStreamOnly;
        }
        streams.sort(null);
        return streams;
    }
}
