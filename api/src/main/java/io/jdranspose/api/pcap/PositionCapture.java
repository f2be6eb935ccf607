package io.jdranspose.api.pcap;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for PandA position capture over raw TCP (stream type {@code PCAP_RAW}). Stateful: the header frame of an
 * arm defines the columns of the data lines that follow, so keep one parser per stream for the whole scan.
 *
 * <pre>{@code
 * private final PositionCapture panda = new PositionCapture();   // a worker field
 * ...
 * switch (panda.parse(event.stream("panda"))) {
 *     case PositionCapturePacket.Header h -> log(h.fields());
 *     case PositionCapturePacket.Row r -> sum += r.number("INENC1.VAL.Mean");
 *     case PositionCapturePacket.End e -> log(e.samples() + " samples, " + e.reason());
 * }
 * }</pre>
 *
 * A worker only sees the events assigned to it; if the header went to another worker, give this parser the
 * header frame first (for instance from a parameter or the start event every worker receives).
 */
public final class PositionCapture {
    /** The stream type ingesters give PandA raw TCP streams. */
    public static final String TYPE = "PCAP_RAW";

    private List<PositionCapturePacket.Field> fields;

    /** The fields of the current arm, empty before its header and after its END. */
    public List<PositionCapturePacket.Field> fields() {
        return fields == null ? List.of() : fields;
    }

    /** Parses the frame one position capture stream contributed to an event. */
    public PositionCapturePacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no PandA position capture stream in this event");
        }
        return parse(stream.frames());
    }

    /** Parses one message, which must be one frame. */
    public PositionCapturePacket parse(List<byte[]> frames) {
        if (frames.size() != 1) {
            throw new ProtocolException("PandA position capture message has " + frames.size()
                    + " frames, expected 1 (a header block, a data line or the END line)");
        }
        return parse(frames.get(0));
    }

    /**
     * Parses one frame: a header block (from {@code arm_time:} to the blank line), a data line, or the END line,
     * each with or without its line ending.
     *
     * @throws ProtocolException for a header with an unknown field type or a format other than ASCII, a data line
     *                           before any header or whose value count or values do not match the header
     */
    public PositionCapturePacket parse(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        if (text.startsWith("arm_time:")) {
            PositionCapturePacket.Header header = header(text);
            fields = header.fields();
            return header;
        }
        String line = stripLineEnd(text);
        if (line.startsWith("END")) {
            fields = null;
            return end(line);
        }
        return row(line);
    }

    private static PositionCapturePacket.Header header(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<PositionCapturePacket.Field> columns = null;
        for (String raw : text.split("\n", -1)) {
            String line = stripLineEnd(raw);
            if (columns != null && line.startsWith(" ")) {
                columns.add(field(line));
            } else if (line.isEmpty()) {
                break;
            } else {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new ProtocolException("PandA position capture header has a line that is neither"
                            + " 'key: value' nor a field: " + quote(line));
                }
                String key = line.substring(0, colon);
                if (key.equals("fields")) {
                    columns = new ArrayList<>();
                } else {
                    values.put(key, line.substring(colon + 1).strip());
                }
            }
        }
        if (columns == null) {
            throw new ProtocolException("PandA position capture header has no 'fields:' line");
        }
        String armTime = values.remove("arm_time");
        String missedText = values.remove("missed");
        long missed;
        try {
            missed = missedText == null ? 0 : Long.parseLong(missedText);
        } catch (NumberFormatException e) {
            throw new ProtocolException("PandA position capture header has 'missed: " + missedText
                    + "', expected an integer");
        }
        String process = values.remove("process");
        String format = values.remove("format");
        if (format != null && !format.equals("ASCII")) {
            throw new ProtocolException("PandA position capture header has 'format: " + format
                    + "', this parser reads ASCII only");
        }
        return new PositionCapturePacket.Header(armTime, missed, process == null ? "" : process,
                format == null ? "ASCII" : format, Collections.unmodifiableList(columns),
                Collections.unmodifiableMap(values));
    }

    private static PositionCapturePacket.Field field(String line) {
        String[] words = line.strip().split(" +");
        if (words.length < 3) {
            throw new ProtocolException("PandA position capture header field line " + quote(line)
                    + " needs '<BLOCK.FIELD> <type> <capture>'");
        }
        String type = words[1];
        if (!type.equals("uint32") && !type.equals("double")) {
            throw new ProtocolException("PandA position capture field " + words[0] + "." + words[2]
                    + " has type '" + type + "', this parser reads uint32 and double");
        }
        Map<String, StringBuilder> attributes = new LinkedHashMap<>();
        StringBuilder current = null;
        for (int i = 3; i < words.length; i++) {
            if (words[i].endsWith(":")) {
                current = new StringBuilder();
                attributes.put(words[i].substring(0, words[i].length() - 1), current);
            } else if (current != null) {
                current.append(current.isEmpty() ? "" : " ").append(words[i]);
            } else {
                throw new ProtocolException("PandA position capture header field line " + quote(line)
                        + " has '" + words[i] + "' where a 'key:' should be");
            }
        }
        String name = words[0] + "." + words[2];
        return new PositionCapturePacket.Field(name, type, attribute(attributes, "scale", 1, name),
                attribute(attributes, "offset", 0, name),
                attributes.containsKey("units") ? attributes.get("units").toString() : "");
    }

    private static double attribute(Map<String, StringBuilder> attributes, String key, double absent, String field) {
        StringBuilder v = attributes.get(key);
        if (v == null) {
            return absent;
        }
        Double d = decimal(v.toString());
        if (d == null) {
            throw new ProtocolException("PandA position capture field " + field + " has " + key + " '" + v
                    + "', expected a number");
        }
        return d;
    }

    private PositionCapturePacket.Row row(String line) {
        if (fields == null) {
            throw new ProtocolException("PandA position capture data line before a header: " + quote(line));
        }
        String[] words = line.strip().split(" +");
        if (words.length == 1 && words[0].isEmpty()) {
            words = new String[0];
        }
        if (words.length != fields.size()) {
            throw new ProtocolException("PandA position capture data line has " + words.length + " values, the header"
                    + " defines " + fields.size() + " fields: " + quote(line));
        }
        Map<String, Object> values = new LinkedHashMap<>(fields.size() * 2);
        for (int i = 0; i < words.length; i++) {
            PositionCapturePacket.Field f = fields.get(i);
            Object v = f.type().equals("uint32") ? (Object) uint32(words[i]) : (Object) decimal(words[i]);
            if (v == null) {
                throw new ProtocolException("PandA position capture field " + f.name() + " (" + f.type()
                        + ") has value '" + words[i] + "'");
            }
            values.put(f.name(), v);
        }
        return new PositionCapturePacket.Row(Collections.unmodifiableMap(values));
    }

    private static PositionCapturePacket.End end(String line) {
        String[] words = line.strip().split(" +", 3);
        if (!words[0].equals("END") || words.length < 2 || uint32(words[1]) == null && !isLong(words[1])) {
            throw new ProtocolException("PandA position capture END line " + quote(line)
                    + " needs 'END <samples> <reason>'");
        }
        return new PositionCapturePacket.End(Long.parseLong(words[1]), words.length > 2 ? words[2] : "");
    }

    private static boolean isLong(String s) {
        try {
            return Long.parseLong(s) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Long uint32(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 0xFFFF_FFFFL ? v : null;
    }

    /** A decimal as PandA prints it (digits, sign, point, exponent, or nan/inf); null when it is not one. */
    private static Double decimal(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        switch (unsigned) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "infinity" -> {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            default -> {
            }
        }
        if (s.isEmpty() || s.length() > 100) {
            return null;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                return null;
            }
        }
        if (!digit) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String quote(String line) {
        String s = line.replaceAll("\\p{Cntrl}", "?");
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'";
    }
}
