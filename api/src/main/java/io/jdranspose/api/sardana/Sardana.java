package io.jdranspose.api.sardana;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.json.CompactJsonWriter;
import io.jdranspose.api.json.JsonFrame;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sardana scans posted over HTTP: the worker-side parser of forwarded frames, and the ingester-side validation
 * and re-serialisation of the POST bodies into those frames (as dranspose's Pydantic models do it: {@code type}
 * first, then the declared fields, then every other member in the order posted, compact JSON).
 *
 * <pre>{@code
 * // ingester, POST /v1/record_data:
 * byte[] frame = Sardana.recordData(body);   // ProtocolException -> 422 with e.getMessage()
 * // worker:
 * if (Sardana.parse(event.stream("sardana")) instanceof SardanaPacket.RecordData point) {
 *     Object motor = point.values().get("dummy_mot_01");
 * }
 * }</pre>
 */
public final class Sardana {
    /** The stream type ingesters give Sardana streams. */
    public static final String TYPE = "sardana";

    private Sardana() {
    }

    /** Parses the frame one Sardana stream contributed to an event. */
    public static SardanaPacket parse(StreamData stream) {
        if (stream == null) {
            throw new ProtocolException("no Sardana stream in this event");
        }
        return parse(stream.frames());
    }

    /**
     * Parses one forwarded Sardana frame.
     *
     * @throws ProtocolException when it is not one JSON object with a known {@code type} and its typed fields
     */
    public static SardanaPacket parse(List<byte[]> frames) {
        if (frames.size() != 1) {
            throw new ProtocolException("Sardana message has " + frames.size() + " frames, expected 1 JSON frame");
        }
        JsonFrame f = JsonFrame.read("Sardana", frames.get(0));
        String type = f.string("type");
        return switch (type) {
            case "DataDescription" -> new SardanaPacket.DataDescription(f.integer("serialno"), f.string("scandir"),
                    f.string("title"), f.without(List.of("type", "serialno", "scandir", "title")));
            case "RecordData" -> new SardanaPacket.RecordData(f.number("timestamp"),
                    f.has("point_nb") ? f.integer("point_nb") : -1, f.without(List.of("type", "timestamp", "point_nb")));
            case "RecordEnd" -> new SardanaPacket.RecordEnd();
            default -> throw new ProtocolException("Sardana message has unknown type '" + type
                    + "' (expected DataDescription, RecordData or RecordEnd)");
        };
    }

    /**
     * Validates a {@code /v1/data_desc} body and returns the frame to forward:
     * {@code {"type":"DataDescription","serialno":…,"scandir":…,"title":…,<others>}}.
     *
     * @throws ProtocolException with a message fit for an HTTP 422 reason
     */
    public static byte[] dataDescription(byte[] httpBody) {
        Body b = Body.read("DataDescription", httpBody);
        CompactJsonWriter out = b.start();
        out.raw(",\"serialno\":".getBytes()).number(b.integer("serialno"));
        out.raw(",\"scandir\":".getBytes()).string(b.string("scandir"));
        out.raw(",\"title\":".getBytes()).string(b.string("title"));
        return b.finish(out, List.of("serialno", "scandir", "title"));
    }

    /**
     * Validates a {@code /v1/record_data} body and returns the frame to forward, e.g.
     * {@code {"type":"RecordData","timestamp":0.61,"point_nb":3,"dummy_mot_01":0}} ({@code timestamp} is a float,
     * written {@code 1.0} even when posted as {@code 1}).
     *
     * @throws ProtocolException with a message fit for an HTTP 422 reason
     */
    public static byte[] recordData(byte[] httpBody) {
        Body b = Body.read("RecordData", httpBody);
        CompactJsonWriter out = b.start();
        out.raw(",\"timestamp\":".getBytes()).number(b.number("timestamp"));
        return b.finish(out, List.of("timestamp"));
    }

    /**
     * Validates a {@code /v1/record_end} body ({@code {}} is enough) and returns the frame to forward,
     * {@code {"type":"RecordEnd"}} plus anything else posted.
     *
     * @throws ProtocolException with a message fit for an HTTP 422 reason
     */
    public static byte[] recordEnd(byte[] httpBody) {
        Body b = Body.read("RecordEnd", httpBody);
        return b.finish(b.start(), List.of());
    }

    /** A posted body: every member rendered compactly, declared ones also kept as tokens for type checks. */
    private record Body(String model, Map<String, byte[]> rendered, Map<String, Object> scalars) {

        static Body read(String model, byte[] body) {
            Map<String, byte[]> rendered = new LinkedHashMap<>();
            Map<String, Object> scalars = new LinkedHashMap<>();
            try (JsonParser p = JsonFrame.FACTORY.createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new ProtocolException("Sardana " + model + ": the body is not a JSON object");
                }
                CompactJsonWriter w = new CompactJsonWriter(64);
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if (name == null || t == null) {
                        throw new ProtocolException("Sardana " + model + ": the body is truncated JSON");
                    }
                    scalars.put(name, switch (t) {
                        case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? (Object) p.getDoubleValue() : (Object) p.getLongValue();
                        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        case VALUE_STRING -> p.getText();
                        default -> t;
                    });
                    rendered.put(name, w.reset().value(p).toByteArray());
                }
                if (p.nextToken() != null) {
                    throw new ProtocolException("Sardana " + model + ": data after the JSON object");
                }
            } catch (JsonProcessingException e) {
                throw new ProtocolException("Sardana " + model + ": the body is not valid JSON ("
                        + e.getOriginalMessage() + ")", e);
            } catch (IOException e) {
                throw new ProtocolException("Sardana " + model + ": the body is unreadable (" + e.getMessage() + ")", e);
            }
            Object type = scalars.get("type");
            if (type != null && !model.equals(type)) {
                throw new ProtocolException("Sardana " + model + ": 'type' must be '" + model + "', got "
                        + show(type));
            }
            return new Body(model, rendered, scalars);
        }

        CompactJsonWriter start() {
            return new CompactJsonWriter(256).raw("{\"type\":".getBytes()).string(model);
        }

        byte[] finish(CompactJsonWriter out, List<String> declared) {
            for (Map.Entry<String, byte[]> e : rendered.entrySet()) {
                if (!e.getKey().equals("type") && !declared.contains(e.getKey())) {
                    out.raw(',').string(e.getKey()).raw(':').raw(e.getValue());
                }
            }
            return out.raw('}').toByteArray();
        }

        long integer(String name) {
            Object v = required(name);
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return d.longValue();
            }
            throw new ProtocolException("Sardana " + model + ": '" + name + "' must be an integer, got " + show(v));
        }

        double number(String name) {
            Object v = required(name);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new ProtocolException("Sardana " + model + ": '" + name + "' must be a number, got " + show(v));
        }

        String string(String name) {
            Object v = required(name);
            if (v instanceof String s) {
                return s;
            }
            throw new ProtocolException("Sardana " + model + ": '" + name + "' must be a string, got " + show(v));
        }

        private Object required(String name) {
            if (!scalars.containsKey(name)) {
                throw new ProtocolException("Sardana " + model + ": field '" + name + "' is required");
            }
            return scalars.get(name);
        }

        private static String show(Object v) {
            String s = switch (v) {
                case String str -> "'" + str + "'";
                case JsonToken t -> switch (t) {
                    case START_ARRAY -> "a list";
                    case START_OBJECT -> "an object";
                    case VALUE_NULL -> "null";
                    case VALUE_TRUE -> "true";
                    case VALUE_FALSE -> "false";
                    default -> t.toString();
                };
                default -> String.valueOf(v);
            };
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }
    }
}
