package io.jdranspose.api.albaem;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.json.JsonFrame;
import java.util.List;

/**
 * Parser for the AlbaEM electrometer stream (single-part JSON, {@code version: 1}).
 *
 * <pre>{@code
 * if (AlbaEm.parse(event.stream("albaem")) instanceof AlbaEmPacket.Data d) {
 *     double i0 = d.channel(1);
 * }
 * }</pre>
 */
public final class AlbaEm {
    /** The stream type ingesters give AlbaEM streams. */
    public static final String TYPE = "albaem";

    private static final List<String> DATA_FIELDS = List.of("version", "message_type", "message_id", "frame_number",
            "timestamp", "acquisition_timestamp", "channel1", "channel2", "channel3", "channel4");

    private AlbaEm() {
    }

    /** Parses the frames one AlbaEM stream contributed to an event. */
    public static AlbaEmPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no AlbaEM stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one AlbaEM message.
     *
     * @throws ProtocolException when it is not one JSON frame of version 1 with the fields of its message type
     */
    public static AlbaEmPacket parse(List<byte[]> frames) {
        if (frames.size() != 1) {
            throw new ProtocolException("AlbaEM message has " + frames.size() + " frames, expected 1 JSON frame");
        }
        JsonFrame f = JsonFrame.read("AlbaEM", frames.get(0));
        long version = f.integer("version");
        if (version != 1) {
            throw new ProtocolException("AlbaEM message has version " + version + ", this parser reads version 1");
        }
        long id = f.integer("message_id");
        String type = f.string("message_type");
        return switch (type) {
            case "series-start" -> new AlbaEmPacket.Start(id);
            case "data" -> new AlbaEmPacket.Data(id, f.integer("frame_number"), f.number("timestamp"),
                    f.integer("acquisition_timestamp"), new double[] {f.number("channel1"), f.number("channel2"),
                            f.number("channel3"), f.number("channel4")}, f.without(DATA_FIELDS));
            case "series-end" -> new AlbaEmPacket.End(id, f.objectOrEmpty("detector_specific"));
            default -> throw new ProtocolException("AlbaEM message " + id + " has unknown message_type '" + type
                    + "' (expected series-start, data or series-end)");
        };
    }
}
