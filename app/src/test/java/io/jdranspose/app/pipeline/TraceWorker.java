package io.jdranspose.app.pipeline;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Test plugin: says what each event contained, per stream: {@code eiger:start}, {@code eiger:image:3}, {@code eiger:end}. */
public final class TraceWorker implements Worker<TraceWorker.Trace> {

    /** What one worker saw in one event. */
    public record Trace(long event, List<String> items) {
    }

    @Override
    public Trace process(EventData event, Parameters parameters) {
        List<String> items = new ArrayList<>();
        for (var entry : new TreeMap<>(event.streams()).entrySet()) {
            items.add(entry.getKey() + ":" + describe(entry.getValue()));
        }
        return new Trace(event.eventNumber(), items);
    }

    private static String describe(StreamData data) {
        return switch (Stins.parse(data.frames())) {
            case StinsPacket.Start s -> "start";
            case StinsPacket.Image i -> "image:" + i.frame();
            case StinsPacket.End e -> "end";
        };
    }
}
