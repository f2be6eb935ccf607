package io.jdranspose.examples;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.simulator.DiffractionFrames;
import io.jdranspose.simulator.StinsMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events as an ingester would hand them to a worker, made from the simulator's STINS series. */
final class StinsEvents {
    private StinsEvents() {
    }

    /** Events 0 … images+1 of one stream: start, one image each, end. */
    static List<EventData> series(String stream, DiffractionFrames frames, int images) {
        List<EventData> events = new ArrayList<>();
        Iterator<List<byte[]>> messages = StinsMessages.series(frames, images, "scan.h5");
        for (long n = 0; messages.hasNext(); n++) {
            events.add(new EventData(n, Map.of(stream, new StreamData(Stins.TYPE, messages.next()))));
        }
        return events;
    }

    /** The events of several streams' series merged by event number, streams in the given order. */
    static List<EventData> merged(Map<String, List<EventData>> seriesByStream) {
        Map<Long, Map<String, StreamData>> byEvent = new java.util.TreeMap<>();
        seriesByStream.forEach((stream, events) -> events.forEach(e ->
                byEvent.computeIfAbsent(e.eventNumber(), k -> new LinkedHashMap<>()).put(stream, e.stream(stream))));
        List<EventData> out = new ArrayList<>();
        byEvent.forEach((n, streams) -> out.add(new EventData(n, streams)));
        return out;
    }

    /** Parameters with the given values (as the text the controller would send) and defaults for the rest. */
    static Parameters parameters(List<Parameter<?>> declared, Object... nameValuePairs) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            raw.put((String) nameValuePairs[i], String.valueOf(nameValuePairs[i + 1]).getBytes(StandardCharsets.UTF_8));
        }
        return Parameters.of(raw, declared);
    }
}
