package io.jdranspose.api.pcap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.json.CompactJsonWriter;
import io.jdranspose.api.json.JsonFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PCAP ingester's splitting of one upstream data message (one value per trigger row in every list field)
 * into one frame per row, byte for byte as dranspose's Python ingester re-emits them: list fields replaced by
 * their i-th value, {@code frame_number = base + i}, other members copied, members in the order
 * {@code message_id, version, message_type, frame_number, <the others in upstream order>}, compact JSON as
 * Pydantic v2 writes it (see {@link CompactJsonWriter} for the float notation; list floats in plain notation are
 * copied as the device wrote them, {@link CompactJsonWriter#deviceFloat}). Start and end messages pass through
 * unchanged.
 *
 * <pre>{@code
 * for (byte[] row : PcapRowSplitter.split(zmqFrame)) {
 *     forward(row);   // {"message_id":2,"version":1,"message_type":"data","frame_number":16,"inttime":2.0,...}
 * }
 * }</pre>
 *
 * Each message is parsed once and every value rendered once; a row is then a handful of array copies.
 */
public final class PcapRowSplitter {
    private static final byte[] ID = "{\"message_id\":".getBytes();
    private static final byte[] VERSION = ",\"version\":".getBytes();
    private static final byte[] TYPE_AND_FRAME = ",\"message_type\":\"data\",\"frame_number\":".getBytes();

    /** Most bytes the rows of one message may add up to (a real message of 15 rows makes about 2 kB). */
    public static final long MAX_OUTPUT_BYTES = 256L << 20;

    private PcapRowSplitter() {
    }

    /** Splits one upstream message given as all parts of a ZeroMQ message; PCAP data messages have one part. */
    public static List<byte[]> split(List<byte[]> frames) {
        if (frames.size() != 1) {
            throw new ProtocolException("PCAP message has " + frames.size() + " parts, expected 1 JSON frame");
        }
        return split(frames.get(0));
    }

    /**
     * Splits one upstream message into row frames (start and end messages come back alone, unchanged).
     *
     * @throws ProtocolException for anything but one JSON object with {@code message_type} series-start, data or
     *                           series-end; for data messages without integer {@code message_id}/{@code version}
     *                           1/{@code frame_number}, without list fields or with lists of unequal lengths
     */
    public static List<byte[]> split(byte[] message) {
        try (JsonParser p = JsonFrame.FACTORY.createParser(message)) {
            return split(message, p);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("PCAP message is not a JSON object: " + JsonFrame.preview(message)
                    + " (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ProtocolException("PCAP message unreadable: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> split(byte[] message, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException("PCAP message is not a JSON object: " + JsonFrame.preview(message));
        }
        CompactJsonWriter values = new CompactJsonWriter(message.length);
        List<Member> members = new ArrayList<>(8);
        Long messageId = null;
        Long version = null;
        Long frameNumber = null;
        Object messageType = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            t = p.nextToken();
            if (name == null || t == null) {
                throw new ProtocolException("PCAP message is truncated: " + JsonFrame.preview(message));
            }
            switch (name) {
                case "message_id" -> messageId = integer(p, t);
                case "version" -> version = integer(p, t);
                case "frame_number" -> frameNumber = integer(p, t);
                case "message_type" -> messageType = t == JsonToken.VALUE_STRING ? p.getText() : t;
                default -> {
                    Member m = member(members, name, values);
                    if (t == JsonToken.START_ARRAY) {
                        m.list(p, values);
                    } else {
                        m.scalar(p, values);
                    }
                }
            }
        }
        if (p.nextToken() != null) {
            throw new ProtocolException("PCAP message has data after its JSON object: " + JsonFrame.preview(message));
        }
        if (!(messageType instanceof String type)) {
            throw new ProtocolException("PCAP message " + (messageId == null ? "" : messageId + " ")
                    + "has no string message_type");
        }
        return switch (type) {
            case "series-start", "series-end" -> List.of(message);
            case "data" -> rows(messageId, version, frameNumber, members, values);
            default -> throw new ProtocolException("PCAP message " + (messageId == null ? "" : messageId + " ")
                    + "has unknown message_type '" + type + "' (expected series-start, data or series-end)");
        };
    }

    private static List<byte[]> rows(Long messageId, Long version, Long frameNumber, List<Member> members,
                                     CompactJsonWriter values) {
        if (messageId == null) {
            throw new ProtocolException("PCAP data message has no integer message_id");
        }
        if (version == null || version != 1) {
            throw new ProtocolException("PCAP data message " + messageId + " has version " + version
                    + ", this splitter reads version 1");
        }
        if (frameNumber == null) {
            throw new ProtocolException("PCAP data message " + messageId + " has no integer frame_number");
        }
        int rows = -1;
        for (Member m : members) {
            if (m.isList) {
                if (rows >= 0 && m.count != rows) {
                    throw new ProtocolException("PCAP data message " + messageId + " has lists of unequal length: "
                            + lengths(members));
                }
                rows = m.count;
            }
        }
        if (rows < 0) {
            throw new ProtocolException("PCAP data message " + messageId + " has no list fields, nothing to split");
        }
        if (rows > 0 && frameNumber > Long.MAX_VALUE - rows) {
            throw new ProtocolException("PCAP data message " + messageId + ": frame_number " + frameNumber
                    + " + " + rows + " rows overflows");
        }
        CompactJsonWriter head = new CompactJsonWriter(64);
        head.raw(ID).number(messageId).raw(VERSION).number(version).raw(TYPE_AND_FRAME);
        byte[] prefix = head.toByteArray();
        byte[] buf = values.bufferView();
        int fixed = prefix.length + 1;
        for (Member m : members) {
            fixed += m.nameLength;
            if (!m.isList) {
                fixed += m.ends[0] - m.starts[0];
            }
        }
        long total = (long) (fixed + 20) * rows + values.length();
        if (total > MAX_OUTPUT_BYTES) {
            // Scalars are copied into every row: a large one times many rows must not exhaust memory.
            throw new ProtocolException("PCAP data message " + messageId + " would split into " + rows + " rows of "
                    + total + " bytes in all, more than " + MAX_OUTPUT_BYTES);
        }
        List<byte[]> out = new ArrayList<>(rows);
        CompactJsonWriter frame = head;
        for (int i = 0; i < rows; i++) {
            frame.reset().number(frameNumber + i);
            int size = fixed + frame.length();
            for (Member m : members) {
                if (m.isList) {
                    size += m.ends[i] - m.starts[i];
                }
            }
            byte[] row = new byte[size];
            System.arraycopy(prefix, 0, row, 0, prefix.length);
            int at = prefix.length;
            at = frame.copyTo(row, at);
            for (Member m : members) {
                System.arraycopy(buf, m.nameStart, row, at, m.nameLength);
                at += m.nameLength;
                int k = m.isList ? i : 0;
                int len = m.ends[k] - m.starts[k];
                System.arraycopy(buf, m.starts[k], row, at, len);
                at += len;
            }
            row[at] = '}';
            out.add(row);
        }
        return out;
    }

    private static String lengths(List<Member> members) {
        StringBuilder s = new StringBuilder();
        for (Member m : members) {
            if (m.isList) {
                s.append(s.isEmpty() ? "" : ", ").append(m.name).append(' ').append(m.count);
            }
        }
        return s.toString();
    }

    private static Long integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
        }
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            p.skipChildren();
        }
        return null;
    }

    /** A repeated name keeps its first place and takes the last value, as Python's json.loads does. */
    private static Member member(List<Member> members, String name, CompactJsonWriter values) {
        for (Member m : members) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        Member m = new Member(name, values);
        members.add(m);
        return m;
    }

    /** One member other than the four fixed ones: its rendered {@code ,"name":} and value(s) in the buffer. */
    private static final class Member {
        final String name;
        final int nameStart;
        final int nameLength;
        boolean isList;
        int count;
        int[] starts = new int[1];
        int[] ends = new int[1];

        Member(String name, CompactJsonWriter values) {
            this.name = name;
            nameStart = values.length();
            values.raw(',').string(name).raw(':');
            nameLength = values.length() - nameStart;
        }

        void scalar(JsonParser p, CompactJsonWriter values) throws IOException {
            isList = false;
            count = 1;
            starts[0] = values.length();
            values.value(p);
            ends[0] = values.length();
        }

        void list(JsonParser p, CompactJsonWriter values) throws IOException {
            isList = true;
            count = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (count == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, count * 2 + 8);
                    ends = java.util.Arrays.copyOf(ends, count * 2 + 8);
                }
                starts[count] = values.length();
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    values.deviceFloat(p);
                } else {
                    values.value(p);
                }
                ends[count++] = values.length();
            }
        }
    }
}
