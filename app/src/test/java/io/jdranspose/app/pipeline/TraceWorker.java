package io.jdranspose.app.pipeline;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.albaem.AlbaEm;
import io.jdranspose.api.albaem.AlbaEmPacket;
import io.jdranspose.api.pcap.Pcap;
import io.jdranspose.api.pcap.PcapPacket;
import io.jdranspose.api.pcap.PositionCapture;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test plugin: says what each event contained, per stream, decoded with the api parser of the stream's
 * protocol: {@code eiger:start}, {@code eiger:image:3}, {@code pcap:row:16:inttime=2.0;…}, {@code eiger:end}.
 * Descriptions have no spaces, since the reducer joins them with spaces.
 */
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

    static String describe(StreamData data) {
        return switch (data.type()) {
            case Stins.TYPE -> switch (Stins.parse(data.frames())) {
                case StinsPacket.Start s -> "start";
                case StinsPacket.Image i -> "image:" + i.frame();
                case StinsPacket.End e -> "end";
            };
            case AlbaEm.TYPE -> switch (AlbaEm.parse(data)) {
                case AlbaEmPacket.Start s -> "start";
                case AlbaEmPacket.Data d -> "data:" + d.frameNumber() + ":" + d.channel(1) + "," + d.channel(2) + ","
                        + d.channel(3) + "," + d.channel(4);
                case AlbaEmPacket.End e -> "end";
            };
            case Pcap.TYPE -> switch (Pcap.parse(data)) {
                case PcapPacket.Start s -> "start:" + s.armTime();
                case PcapPacket.Row r -> "row:" + r.frameNumber() + ":" + values(r.values());
                case PcapPacket.End e -> "end";
            };
            // rows of a later arm may reach a worker that never saw that arm's header: describe the raw line
            case PositionCapture.TYPE -> "line:" + new String(data.frames().get(0), StandardCharsets.ISO_8859_1)
                    .strip().replace('\n', '|').replace(' ', '_');
            default -> "unknown-type:" + data.type();
        };
    }

    private static String values(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
}
