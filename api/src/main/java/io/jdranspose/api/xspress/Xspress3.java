package io.jdranspose.api.xspress;

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
import java.util.List;
import java.util.Map;

/**
 * Parser for the Xspress3 fluorescence detector stream: a JSON start, images of three frames (JSON header,
 * raw spectra, pickled list of per-channel statistics), a JSON end.
 *
 * <pre>{@code
 * if (Xspress3.parse(event.stream("xspress3")) instanceof Xspress3Packet.Image image) {
 *     double counts = image.spectra().sum();
 *     double deadTime = image.meta().dtc().getDouble(0);
 * }
 * }</pre>
 *
 * <p>Older firmware sends an image as three consecutive single-part messages instead of one three-part
 * message; {@link #classify} tells an ingester which message starts such an image.
 */
public final class Xspress3 {
    /** The stream type ingesters give Xspress3 streams. */
    public static final String TYPE = "xspress";

    /** Frames of one image item: JSON header, spectra, meta pickle. */
    public static final int IMAGE_FRAMES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Xspress3() {
    }

    /** What one upstream ZeroMQ message is, for grouping legacy images. */
    public enum MessageKind {
        /** Series start, single part: forward alone. */
        START,
        /** A whole image in one three-part message: forward as is. */
        IMAGE,
        /**
         * Legacy image header, single part: the next two single-part messages are its spectra and its meta
         * pickle; join the three into one {@value #IMAGE_FRAMES}-frame item.
         */
        IMAGE_HEADER,
        /** Series end, single part: forward alone. */
        END,
        /** Anything else (a spectra or meta part, or junk): only meaningful right after an IMAGE_HEADER. */
        OTHER
    }

    /**
     * Classifies one upstream message by its first frame's {@code htype}, without parsing data.
     *
     * <pre>{@code
     * switch (Xspress3.classify(message)) {
     *     case IMAGE_HEADER -> pending = new ArrayList<>(message);    // then add the next two messages' frame
     *     case START, IMAGE, END -> forward(message);
     *     case OTHER -> { if (pending != null) pending.add(message.get(0)); }
     * }
     * }</pre>
     */
    public static MessageKind classify(List<byte[]> message) {
        if (message.isEmpty() || message.get(0).length == 0 || message.get(0)[0] != '{') {
            return MessageKind.OTHER;
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(message.get(0), MAP);
        } catch (IOException e) {
            return MessageKind.OTHER;
        }
        Object htype = header == null ? null : header.get("htype");
        if (message.size() == 1) {
            return switch (htype instanceof String s ? s : "") {
                case "header" -> MessageKind.START;
                case "image" -> MessageKind.IMAGE_HEADER;
                case "series_end" -> MessageKind.END;
                default -> MessageKind.OTHER;
            };
        }
        return message.size() == IMAGE_FRAMES && "image".equals(htype) ? MessageKind.IMAGE : MessageKind.OTHER;
    }

    /** Parses the frames of one Xspress3 stream in one event. */
    public static Xspress3Packet parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no Xspress3 stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one Xspress3 item: a single JSON frame (start, end) or the three frames of an image.
     *
     * @throws ProtocolException naming what is wrong: frame count, JSON, fields, spectra size, meta pickle
     */
    public static Xspress3Packet parse(List<byte[]> frames) {
        if (frames == null || frames.isEmpty()) {
            throw new ProtocolException("Xspress3 message has no frames");
        }
        Map<String, Object> header = json(frames.get(0));
        if (!(header.get("htype") instanceof String htype)) {
            throw new ProtocolException("Xspress3 header has no string 'htype': " + JsonFrame.preview(frames.get(0)));
        }
        return switch (htype) {
            case "header" -> new Xspress3Packet.Start(header.get("filename") instanceof String f ? f : "",
                    Boolean.TRUE.equals(header.get("overwritable")), header);
            case "image" -> image(frames, header);
            case "series_end" -> new Xspress3Packet.End(header);
            default -> throw new ProtocolException("Xspress3 header has unknown htype '" + htype + "'");
        };
    }

    private static Xspress3Packet.Image image(List<byte[]> frames, Map<String, Object> header) {
        if (!(header.get("frame") instanceof Number f) || f.doubleValue() != f.longValue()) {
            throw new ProtocolException("Xspress3 image header has no integer 'frame'");
        }
        long frame = f.longValue();
        if (frames.size() != IMAGE_FRAMES) {
            throw new ProtocolException("Xspress3 image " + frame + " has " + frames.size()
                    + " frames, expected 3 (header, spectra, meta pickle)");
        }
        double exptime = header.get("exptime") instanceof Number e ? e.doubleValue() : Double.NaN;
        String compression = header.get("compression") instanceof String c ? c : "none";
        if (!compression.equals("none")) {
            throw new ProtocolException("Xspress3 image " + frame + ": compression '" + compression
                    + "' is not supported (only 'none')");
        }
        int[] shape = shape(header.get("shape"), frame);
        if (!(header.get("type") instanceof String typeName)) {
            throw new ProtocolException("Xspress3 image " + frame + " has no 'type'");
        }
        DType dtype;
        try {
            dtype = DType.fromNumpy(typeName);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Xspress3 image " + frame + ": " + e.getMessage());
        }
        NdArray spectra;
        try {
            spectra = new NdArray(dtype, shape, ByteBuffer.wrap(frames.get(1)).order(DType.byteOrderOf(typeName)));
        } catch (ProtocolException e) {
            throw new ProtocolException("Xspress3 image " + frame + " spectra: " + e.getMessage());
        }
        return new Xspress3Packet.Image(frame, exptime, spectra, meta(frames.get(2), frame), header);
    }

    private static int[] shape(Object field, long frame) {
        if (!(field instanceof List<?> list) || list.isEmpty()) {
            throw new ProtocolException("Xspress3 image " + frame + " has no 'shape' list");
        }
        int[] shape = new int[list.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE
                    || n.doubleValue() != n.longValue()) {
                throw new ProtocolException("Xspress3 image " + frame + " has a bad shape " + list);
            }
            shape[i] = n.intValue();
            elements *= shape[i];
            if (elements > Integer.MAX_VALUE) {
                throw new ProtocolException("Xspress3 image " + frame + " shape " + list + " is too large");
            }
        }
        return shape;
    }

    private static Xspress3Packet.Meta meta(byte[] pickle, long frame) {
        Object value;
        try {
            value = PickleReader.read(pickle);
        } catch (ProtocolException e) {
            throw new ProtocolException("Xspress3 image " + frame + " meta: " + e.getMessage(), e);
        }
        // The newer format appends a ninth array (window counts) that is not part of Meta.
        if (!(value instanceof List<?> list) || list.size() < 8) {
            throw new ProtocolException("Xspress3 image " + frame + " meta is not a list of at least 8 arrays");
        }
        NdArray[] a = new NdArray[8];
        for (int i = 0; i < a.length; i++) {
            if (!(list.get(i) instanceof NdArray array)) {
                throw new ProtocolException("Xspress3 image " + frame + " meta item " + i + " is not a numpy array");
            }
            a[i] = array;
        }
        return new Xspress3Packet.Meta(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    }

    private static Map<String, Object> json(byte[] bytes) {
        try {
            Map<String, Object> map = JSON.readValue(bytes, MAP);
            if (map == null) {
                throw new ProtocolException("Xspress3 header frame is JSON null");
            }
            return map;
        } catch (IOException e) {
            throw new ProtocolException("Xspress3 header frame is not a JSON object: " + JsonFrame.preview(bytes));
        }
    }
}
