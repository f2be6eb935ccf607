package io.jdranspose.worker;

import io.jdranspose.runtime.control.ComponentKind;
import java.util.Set;

/**
 * How a worker registers and where it listens.
 *
 * @param name          unique worker name (Redis key, reports); printable ASCII without ':', '*' or spaces
 * @param tags          the worker's tags; trigger-map cells address workers by tag ({@code generic} by default)
 * @param bindHost      address the data inbox binds, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param advertiseHost address ingesters connect to, published in the member state's {@code url}
 * @param credit        how many events the controller may assign to this worker before it completes some
 */
public record WorkerConfig(String name, Set<String> tags, String bindHost, String advertiseHost, int credit) {

    public WorkerConfig {
        ComponentKind.checkName(name);
        if (tags == null || tags.isEmpty()) {
            throw new IllegalArgumentException("worker " + name + " needs at least one tag");
        }
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("worker " + name + " has an empty tag");
            }
        }
        tags = Set.copyOf(tags);
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("worker " + name + ": bind host must not be empty");
        }
        if (advertiseHost == null || advertiseHost.isBlank()) {
            throw new IllegalArgumentException("worker " + name + ": advertise host must not be empty");
        }
        if (credit < 1) {
            throw new IllegalArgumentException("worker " + name + ": credit must be at least 1, got " + credit);
        }
    }

    /** Tag {@code generic}, listening on 127.0.0.1, credit 1024. */
    public static WorkerConfig of(String name) {
        return new WorkerConfig(name, Set.of("generic"), "127.0.0.1", "127.0.0.1", 1024);
    }
}
