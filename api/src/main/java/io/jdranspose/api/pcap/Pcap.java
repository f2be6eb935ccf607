package io.jdranspose.api.pcap;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.json.JsonFrame;
import java.util.List;
import java.util.Map;

/**
 * Parser for PandA PCAP over ZeroMQ (single-part JSON, {@code version: 1}) as workers receive it: the ingester
 * has split every data message into one frame per trigger row (see {@link PcapRowSplitter}).
 *
 * <pre>{@code
 * if (Pcap.parse(event.stream("pcap")) instanceof PcapPacket.Row row) {
 *     double energy = row.number("energy");
 * }
 * }</pre>
 */
public final class Pcap {
    /** The stream type ingesters give PandA ZeroMQ streams. */
    public static final String TYPE = "PCAP";

    private static final List<String> ROW_FIELDS = List.of("message_id", "version", "message_type", "frame_number");

    private Pcap() {
    }

    /** Parses the frames one PCAP stream contributed to an event. */
    public static PcapPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no PCAP stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one PCAP message.
     *
     * @throws ProtocolException when it is not one JSON frame of version 1, or a data frame still holds lists
     *                           (an unsplit upstream message)
     */
    public static PcapPacket parse(List<byte[]> frames) {
        if (frames.size() != 1) {
            throw new ProtocolException("PCAP message has " + frames.size() + " frames, expected 1 JSON frame");
        }
        JsonFrame f = JsonFrame.read("PCAP", frames.get(0));
        long version = f.integer("version");
        if (version != 1) {
            throw new ProtocolException("PCAP message has version " + version + ", this parser reads version 1");
        }
        long id = f.integer("message_id");
        String type = f.string("message_type");
        return switch (type) {
            case "series-start" -> new PcapPacket.Start(id, f.string("arm_time"));
            case "data" -> row(f, id);
            case "series-end" -> new PcapPacket.End(id);
            default -> throw new ProtocolException("PCAP message " + id + " has unknown message_type '" + type
                    + "' (expected series-start, data or series-end)");
        };
    }

    private static PcapPacket.Row row(JsonFrame f, long id) {
        long frame = f.integer("frame_number");
        Map<String, Object> values = f.without(ROW_FIELDS);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof List<?>) {
                throw new ProtocolException("PCAP data message " + id + " (frame " + frame + ") holds a list in '"
                        + e.getKey() + "': split upstream messages into rows first (PcapRowSplitter)");
            }
        }
        return new PcapPacket.Row(id, frame, values);
    }
}
