package io.jdranspose.api.eiger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.json.JsonFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parser for DECTRIS Eiger "legacy" streams (SIMPLON stream API v1, stream type {@value #TYPE}): multipart
 * messages of JSON parts and binary blobs. A series is one header, one image message per frame and an end.
 *
 * <pre>{@code
 * if (EigerLegacy.parse(event.stream("eiger")) instanceof EigerPacket.Image image) {
 *     NdArray pixels = image.data();                 // bslz4 / lz4 decoded, shape [rows, columns]
 *     double mean = pixels.roiMean(0, 100, 0, 100);
 * }
 * }</pre>
 *
 * Header detail levels: {@code all} (9 parts with an appendix, else 8), {@code basic} (config only: 2 or 3) and
 * {@code none} (1 or 2). Images have 5 parts, or 4 when the detector sends no appendix.
 */
public final class EigerLegacy {
    /** The stream type ingesters give Eiger legacy streams. */
    public static final String TYPE = "EIGER_LEGACY";

    /** The image encodings SIMPLON v1 sends and {@link EigerPacket.Image#data()} decodes; others are refused at parse. */
    static final java.util.Set<String> ENCODINGS = new java.util.TreeSet<>(List.of("<", ">", "lz4<", "lz4>",
            "bs8-lz4<", "bs16-lz4<", "bs32-lz4<", "bs64-lz4<", "bs8-lz4>", "bs16-lz4>", "bs32-lz4>", "bs64-lz4>"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private EigerLegacy() {
    }

    /** Parses the frames of one Eiger legacy stream in one event. */
    public static EigerPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no Eiger legacy stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one multipart message.
     *
     * @throws ProtocolException naming what is wrong: part count, bad JSON, missing or mistyped fields
     */
    public static EigerPacket parse(List<byte[]> frames) {
        if (frames.isEmpty()) {
            throw new ProtocolException("Eiger legacy message has no parts");
        }
        Map<String, Object> first = object(frames, 0, "first part");
        String htype = string(first, "htype", "first part");
        if (htype.startsWith("dheader-")) {
            return header(frames, first);
        } else if (htype.startsWith("dimage-")) {
            return image(frames, first);
        } else if (htype.startsWith("dseries_end-")) {
            return new EigerPacket.End(integer(first, "series", "series end"), first);
        }
        throw new ProtocolException("Eiger legacy message has unknown htype '" + htype + "'");
    }

    private static EigerPacket.Header header(List<byte[]> frames, Map<String, Object> global) {
        long series = integer(global, "series", "header");
        String detail = global.get("header_detail") instanceof String d ? d : "all";
        int parts = switch (detail) {
            case "all" -> 8;
            case "basic" -> 2;
            case "none" -> 1;
            default -> throw new ProtocolException("Eiger legacy header of series " + series + " has unknown header_detail '"
                    + detail + "' (known: all, basic, none)");
        };
        if (frames.size() != parts && frames.size() != parts + 1) {
            throw new ProtocolException("Eiger legacy header of series " + series + " with header_detail '" + detail
                    + "' has " + frames.size() + " parts, expected " + parts + " or " + (parts + 1) + " with an appendix");
        }
        Map<String, Object> config = parts > 1 ? object(frames, 1, "detector config of series " + series) : null;
        List<EigerPacket.Table> tables = new ArrayList<>();
        for (int i = 2; i + 1 < parts; i += 2) {
            Map<String, Object> h = object(frames, i, "table header (part " + i + ") of series " + series);
            String what = "table (part " + i + ") of series " + series;
            tables.add(new EigerPacket.Table(string(h, "htype", what), shape(h, what), dtype(h, what), h, frames.get(i + 1)));
        }
        Object appendix = frames.size() > parts ? appendix(frames.get(parts)) : null;
        return new EigerPacket.Header(series, detail, global, config, tables, appendix);
    }

    private static EigerPacket.Image image(List<byte[]> frames, Map<String, Object> first) {
        long series = integer(first, "series", "image");
        long frame = integer(first, "frame", "image");
        String what = "image frame " + frame + " of series " + series;
        if (frames.size() != 4 && frames.size() != 5) {
            throw new ProtocolException("Eiger legacy " + what + " has " + frames.size()
                    + " parts, expected 5 (or 4 without appendix)");
        }
        String hash = first.get("hash") instanceof String h ? h : "";
        Map<String, Object> data = object(frames, 1, "data header of " + what);
        String encoding = string(data, "encoding", "data header of " + what);
        if (!ENCODINGS.contains(encoding)) {
            throw new ProtocolException("Eiger legacy " + what + " has unknown encoding '" + encoding + "' (known: "
                    + String.join(", ", ENCODINGS) + ")");
        }
        long size = integer(data, "size", "data header of " + what);
        Map<String, Object> config = object(frames, 3, "dconfig part of " + what);
        Object appendix = frames.size() == 5 ? appendix(frames.get(4)) : null;
        return new EigerPacket.Image(series, frame, hash, shape(data, what), dtype(data, what), encoding, size, config,
                appendix, frames.get(2));
    }

    /** A C-order view of uncompressed bytes; SIMPLON's {@code [x, y]} becomes {@code [y, x]}. */
    static NdArray uncompressed(String what, int[] simplonShape, DType dtype, ByteOrder order, byte[] bytes) {
        long needed = byteCount(simplonShape, dtype);
        if (needed != bytes.length) {
            throw new ProtocolException(what + ": shape " + Arrays.toString(simplonShape) + " of " + dtype.numpyName()
                    + " needs " + needed + " bytes, got " + bytes.length);
        }
        int[] rowsFirst = new int[simplonShape.length];
        for (int i = 0; i < rowsFirst.length; i++) {
            rowsFirst[i] = simplonShape[simplonShape.length - 1 - i];
        }
        return new NdArray(dtype, rowsFirst, ByteBuffer.wrap(bytes).order(order));
    }

    /** Bytes shape and type need; {@code Long.MAX_VALUE} when that overflows (a hostile shape). */
    static long byteCount(int[] shape, DType dtype) {
        long n = dtype.itemSize();
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
            n = n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    static long longOr(Map<String, Object> map, String field) {
        return map.get(field) instanceof Number n ? n.longValue() : -1;
    }

    private static Object appendix(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Object.class);
        } catch (IOException e) {
            return new String(bytes, StandardCharsets.UTF_8);   // site-specific: not always JSON
        }
    }

    private static Map<String, Object> object(List<byte[]> frames, int part, String what) {
        byte[] bytes = frames.get(part);
        try {
            Map<String, Object> map = JSON.readValue(bytes, MAP);
            if (map == null) {
                throw new ProtocolException("Eiger legacy " + what + " is JSON null");
            }
            return map;
        } catch (IOException e) {
            throw new ProtocolException("Eiger legacy " + what + " is not a JSON object: " + JsonFrame.preview(bytes));
        }
    }

    private static String string(Map<String, Object> map, String field, String what) {
        if (map.get(field) instanceof String s) {
            return s;
        }
        throw new ProtocolException("Eiger legacy " + what + " has no string '" + field + "'");
    }

    private static long integer(Map<String, Object> map, String field, String what) {
        Object v = map.get(field);
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new ProtocolException("Eiger legacy " + what + " has no integer '" + field + "'"
                + (v == null ? "" : " (got " + v + ")"));
    }

    private static int[] shape(Map<String, Object> map, String what) {
        if (!(map.get("shape") instanceof List<?> list) || list.isEmpty()) {
            throw new ProtocolException("Eiger legacy " + what + " has no 'shape' list");
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 0
                    || n.longValue() > Integer.MAX_VALUE) {
                throw new ProtocolException("Eiger legacy " + what + " has a bad shape " + list);
            }
            shape[i] = n.intValue();
        }
        return shape;
    }

    private static DType dtype(Map<String, Object> map, String what) {
        String type = string(map, "type", what);
        try {
            return DType.fromNumpy(type);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Eiger legacy " + what + ": " + e.getMessage());
        }
    }
}
