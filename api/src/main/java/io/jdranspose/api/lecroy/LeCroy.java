package io.jdranspose.api.lecroy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.json.JsonFrame;
import io.jdranspose.api.pickle.PickleReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parser for the LeCroy oscilloscope stream. The scope sends single messages (prepare, sequence start,
 * one three-part trace message per channel, sequence end, stop); the ingester groups each sequence into one
 * item {@code [seq start, (meta, waves, timestamps) × channels, seq end]}, which {@link #parse} decodes.
 *
 * <pre>{@code
 * if (LeCroy.parse(event.stream("lecroy")) instanceof LeCroyPacket.Sequence seq) {
 *     LeCroyPacket.Trace ch2 = seq.trace(2);
 *     double peak = ch2.waveforms().max();
 * }
 * }</pre>
 */
public final class LeCroy {
    /** The stream type ingesters give LeCroy streams. */
    public static final String TYPE = "lecroy_9fwdWp6Rq7";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private LeCroy() {
    }

    /** What one message from the scope is; the ingester groups by it (see {@link #classify}). */
    public enum MessageKind {
        /** {@code what: 0}; forward alone as the first item. */
        PREPARE,
        /** {@code what: 1}; starts a group (in continuous mode only once: cache it and start every group with it). */
        SEQUENCE_START,
        /** Three parts, {@code htype: traces}; its frames join the current group. */
        TRACES,
        /** {@code what: 2}; closes the current group, which is then forwarded as one item. */
        SEQUENCE_END,
        /** {@code what: 3}; forward alone as the last item. */
        STOP
    }

    /**
     * Classifies one message from the scope by its JSON frame.
     *
     * <pre>{@code
     * switch (LeCroy.classify(message)) {
     *     case PREPARE, STOP -> forward(message);
     *     case SEQUENCE_START -> { seqStart = message.get(0); group = new ArrayList<>(List.of(seqStart)); }
     *     case TRACES -> group.addAll(message);
     *     case SEQUENCE_END -> { group.add(message.get(0)); forward(group); group = new ArrayList<>(List.of(seqStart)); }
     * }
     * }</pre>
     *
     * @throws ProtocolException when the message is none of these
     */
    public static MessageKind classify(List<byte[]> message) {
        if (message == null || message.isEmpty()) {
            throw new ProtocolException("LeCroy message has no frames");
        }
        Map<String, Object> header = json(message.get(0), "message");
        Object htype = header.get("htype");
        if ("traces".equals(htype)) {
            if (message.size() != 3) {
                throw new ProtocolException("LeCroy traces message has " + message.size()
                        + " frames, expected 3 (meta, waveforms, timestamps)");
            }
            return MessageKind.TRACES;
        }
        if (!"msg".equals(htype)) {
            throw new ProtocolException("LeCroy message has htype " + htype + ", expected 'msg' or 'traces'");
        }
        long what = integer(header, "what", "msg");
        return switch ((int) Math.max(-1, Math.min(what, 4))) {
            case 0 -> MessageKind.PREPARE;
            case 1 -> MessageKind.SEQUENCE_START;
            case 2 -> MessageKind.SEQUENCE_END;
            case 3 -> MessageKind.STOP;
            default -> throw new ProtocolException("LeCroy msg has unknown 'what' " + what);
        };
    }

    /** Parses the frames of one LeCroy stream in one event. */
    public static LeCroyPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no LeCroy stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one ingester item: a prepare, a grouped sequence, or a stop.
     *
     * @throws ProtocolException naming what is wrong: frame layout, JSON, fields, waveform size, timestamps
     */
    public static LeCroyPacket parse(List<byte[]> frames) {
        MessageKind kind = classify(frames);
        Map<String, Object> header = json(frames.get(0), "message");
        return switch (kind) {
            case PREPARE -> new LeCroyPacket.Prepare(header);
            case STOP -> new LeCroyPacket.Stop(header.get("frames") instanceof Number n ? n.longValue() : -1, header);
            case SEQUENCE_START -> sequence(frames, header);
            case TRACES, SEQUENCE_END -> throw new ProtocolException("LeCroy item starts with a " + kind
                    + " message; a sequence item must start with the sequence start");
        };
    }

    private static LeCroyPacket.Sequence sequence(List<byte[]> frames, Map<String, Object> start) {
        if (frames.size() < 2 || (frames.size() - 2) % 3 != 0) {
            throw new ProtocolException("LeCroy sequence item has " + frames.size()
                    + " frames, expected 2 + 3 per channel (seq start, (meta, waveforms, timestamps)…, seq end)");
        }
        Map<String, Object> end = json(frames.get(frames.size() - 1), "sequence end");
        if (!"msg".equals(end.get("htype")) || !(end.get("what") instanceof Number w) || w.longValue() != 2) {
            throw new ProtocolException("LeCroy sequence item does not end with a sequence end (what: 2)");
        }
        long ntriggers = integer(start, "ntriggers", "sequence start");
        List<Long> channels = new ArrayList<>();
        if (start.get("channels") instanceof List<?> list) {
            for (Object c : list) {
                if (!(c instanceof Number n) || n.doubleValue() != n.longValue()) {
                    throw new ProtocolException("LeCroy sequence start has a bad channel list " + list);
                }
                channels.add(n.longValue());
            }
        }
        List<LeCroyPacket.Trace> traces = new ArrayList<>();
        for (int i = 1; i < frames.size() - 1; i += 3) {
            traces.add(trace(frames.get(i), frames.get(i + 1), frames.get(i + 2)));
        }
        return new LeCroyPacket.Sequence(start, ntriggers, List.copyOf(channels), List.copyOf(traces), end);
    }

    private static LeCroyPacket.Trace trace(byte[] metaFrame, byte[] waves, byte[] timestampPickle) {
        Map<String, Object> meta = json(metaFrame, "trace meta");
        if (!"traces".equals(meta.get("htype"))) {
            throw new ProtocolException("LeCroy sequence has a frame where trace meta belongs: " + JsonFrame.preview(metaFrame));
        }
        long ch = integer(meta, "ch", "traces");
        if (ch < Integer.MIN_VALUE || ch > Integer.MAX_VALUE) {
            throw new ProtocolException("LeCroy trace channel " + ch + " is out of range");
        }
        String what = "LeCroy trace of channel " + ch;
        if (!(meta.get("shape") instanceof List<?> dims) || dims.isEmpty()) {
            throw new ProtocolException(what + " has no 'shape' list");
        }
        int[] shape = new int[dims.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE
                    || n.doubleValue() != n.longValue()) {
                throw new ProtocolException(what + " has a bad shape " + dims);
            }
            shape[i] = n.intValue();
            elements *= shape[i];
            if (elements > Integer.MAX_VALUE) {
                throw new ProtocolException(what + " shape " + dims + " is too large");
            }
        }
        String typeName = meta.get("dtype") instanceof String s ? s : "float64";
        NdArray waveforms;
        try {
            waveforms = new NdArray(DType.fromNumpy(typeName), shape,
                    ByteBuffer.wrap(waves).order(DType.byteOrderOf(typeName)));
        } catch (IllegalArgumentException | ProtocolException e) {
            throw new ProtocolException(what + " waveforms: " + e.getMessage());
        }
        Object ts;
        try {
            ts = PickleReader.read(timestampPickle);
        } catch (ProtocolException e) {
            throw new ProtocolException(what + " timestamps: " + e.getMessage(), e);
        }
        if (!(ts instanceof List<?> list)) {
            throw new ProtocolException(what + " timestamps are not a list");
        }
        double[] timestamps = new double[list.size()];
        for (int i = 0; i < timestamps.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new ProtocolException(what + " timestamp " + i + " is not a number");
            }
            timestamps[i] = n.doubleValue();
        }
        return new LeCroyPacket.Trace((int) ch, meta, waveforms, timestamps, number(meta, "horiz_offset"),
                number(meta, "horiz_interval"));
    }

    private static double number(Map<String, Object> map, String field) {
        return map.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Map<String, Object> json(byte[] bytes, String what) {
        try {
            Map<String, Object> map = JSON.readValue(bytes, MAP);
            if (map == null) {
                throw new ProtocolException("LeCroy " + what + " frame is JSON null");
            }
            return map;
        } catch (IOException e) {
            throw new ProtocolException("LeCroy " + what + " frame is not a JSON object: " + JsonFrame.preview(bytes));
        }
    }

    private static long integer(Map<String, Object> map, String field, String what) {
        if (map.get(field) instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new ProtocolException("LeCroy " + what + " has no integer '" + field + "'");
    }
}
