package io.jdranspose.runtime.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * What components tell the controller about one scan, on {@link RedisKeys#reports}. Completions travel in
 * batches and carry credit, so there is no Redis round trip per event. JSON, discriminated by
 * {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Report.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = Report.Done.class, name = "done"),
        @JsonSubTypes.Type(value = Report.Reduced.class, name = "reduced"),
        @JsonSubTypes.Type(value = Report.Finished.class, name = "finished"),
})
public sealed interface Report {

    /**
     * A worker joined the scan and may take {@code credit} events.
     *
     * @param credit how many events it can hold assigned and not yet completed
     */
    record Ready(String worker, List<String> tags, int credit) implements Report {
    }

    /**
     * A worker completed events (in the order processed); each completed event frees one unit of credit.
     *
     * @param completed  event numbers
     * @param hasResult  per completed event: whether a result went to the reducer
     * @param times      the worker's cumulative processing times so far, or null
     */
    record Done(String worker, List<Long> completed, List<Boolean> hasResult, WorkerTimes times) implements Report {
        public Done {
            if (completed == null || hasResult == null || completed.size() != hasResult.size()) {
                throw new IllegalArgumentException("completed and has_result must be lists of the same length");
            }
        }
    }

    /**
     * The reducer reduced results: per worker, the events whose result from that worker it reduced.
     */
    record Reduced(Map<String, List<Long>> results) implements Report {
        public Reduced {
            results = results == null ? Map.of() : results;
        }
    }

    /**
     * A component finished the scan (after the controller said {@code finished}).
     *
     * @param source {@code ingester}, {@code worker} or {@code reducer}
     */
    record Finished(String source, String name) implements Report {
    }

    /**
     * Cumulative seconds a worker spent per phase, and its event count (upstream's WorkerTimes, used by
     * {@code GET /api/v1/load}).
     */
    record WorkerTimes(double getAssignments, double getMessages, double assembleEvent, double customCode,
                       double sendResult, long noEvents) {
    }

    default byte[] toJson() {
        return ControlJson.write(this);
    }

    /**
     * Done and reduced reports in their usual form are read with the streaming parser, everything else
     * with databind (see {@link ReportParser}).
     *
     * @throws ControlMessageException when the bytes are not a valid report
     */
    static Report fromJson(byte[] json) {
        Report report = ReportParser.tryParse(json);
        return report != null ? report : ControlJson.read(json, Report.class);
    }
}
