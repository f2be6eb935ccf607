package io.jdranspose.app.bench;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Worker;

/** The trivial plugin of the replay benchmark: returns each event's byte count, touching no pixel. */
public final class CountingWorker implements Worker<Long> {
    @Override
    public Long process(EventData event, Parameters parameters) {
        return event.byteCount();
    }
}
