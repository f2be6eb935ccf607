package io.jdranspose.api.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads plain JSON, the per-frame headers detectors send and the control messages of the pipeline, in one pass
 * over the bytes: for a 120-byte header Jackson's per-document setup (parser, context, buffers, symbol table)
 * and per-token bookkeeping cost more than the reading itself. "Plain" means ASCII text without escapes or
 * control characters, integers of at most 18 digits, short floats, nesting at most {@value #MAX_DEPTH} deep, no
 * repeated names. For anything else, including every kind of malformed JSON, the readers return {@code null} and
 * the caller reads the bytes with Jackson, which then gives its own result or error, limits included: this
 * reader never decides that JSON is bad. What follows a value is checked by the object or array around it
 * ({@code ,} or its closing bracket after optional whitespace), so {@code truex} or {@code 1.5.3} are not plain
 * either.
 *
 * <p>Results are what {@link UntypedJsonReader} (and databind's untyped mapping) gives for the same bytes:
 * {@link LinkedHashMap} in document order, {@link ArrayList}, {@link Integer} or {@link Long} by size,
 * {@link Double}, {@link String}, {@link Boolean}, {@code null}. Like databind, it reads one value and ignores
 * whatever follows it.
 *
 * <pre>{@code
 * Map<String, Object> header = PlainJsonReader.readObject(bytes);
 * if (header == null) { header = readWithJackson(bytes); }
 * }</pre>
 */
public final class PlainJsonReader {
    static final int MAX_DEPTH = 32;
    /** Far below Jackson's limits (1000 digits, 20 M characters), so those stay Jackson's to enforce. */
    private static final int MAX_NUMBER_LENGTH = 40;
    private static final int MAX_STRING_LENGTH = 4096;
    private static final int MAX_CACHED_LENGTH = 32;
    private static final int RECENT_BITS = 9;
    /**
     * Recently read short strings by hash, shared by all threads without locking: an entry is immutable and
     * safely published (final fields) whatever thread wrote the slot, and a lost or overwritten slot only costs
     * one allocation.
     */
    private static final RecentText[] RECENT = new RecentText[1 << RECENT_BITS];
    /** Returned by the value readers when the input is not plain. */
    private static final Object NOT_PLAIN = new Object();

    private final byte[] in;
    private int pos;

    private PlainJsonReader(byte[] in) {
        this.in = in;
    }

    /** The JSON object at the start of {@code bytes}, or {@code null} when they are not a plain JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] bytes) {
        PlainJsonReader r = new PlainJsonReader(bytes);
        if (r.skipWhitespace() != '{') {
            return null;
        }
        r.pos++;
        Object map = r.object(1);
        return map == NOT_PLAIN ? null : (Map<String, Object>) map;
    }

    /** The JSON array at the start of {@code bytes}, or {@code null} when they are not a plain JSON array. */
    @SuppressWarnings("unchecked")
    public static List<Object> readArray(byte[] bytes) {
        PlainJsonReader r = new PlainJsonReader(bytes);
        if (r.skipWhitespace() != '[') {
            return null;
        }
        r.pos++;
        Object list = r.array(1);
        return list == NOT_PLAIN ? null : (List<Object>) list;
    }

    /** The byte at the position after any whitespace, or -1 at the end. */
    private int skipWhitespace() {
        while (pos < in.length) {
            byte c = in[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
            pos++;
        }
        return -1;
    }

    /** After the opening brace. */
    private Object object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int c = skipWhitespace();
        if (c == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (c != '"') {
                return NOT_PLAIN;
            }
            pos++;
            String name = string();
            if (name == null || skipWhitespace() != ':') {
                return NOT_PLAIN;
            }
            pos++;
            Object value = value(skipWhitespace(), depth);
            if (value == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            int size = map.size();
            map.put(name, value);
            if (map.size() == size) {
                // A repeated name: databind's record mapping refuses some, so callers that map onward need Jackson.
                return NOT_PLAIN;
            }
            c = skipWhitespace();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                return NOT_PLAIN;
            }
            c = skipWhitespace();
        }
    }

    /** After the opening bracket. */
    private Object array(int depth) {
        List<Object> list = new ArrayList<>();
        int c = skipWhitespace();
        if (c == ']') {
            pos++;
            return list;
        }
        while (true) {
            Object value = value(c, depth);
            if (value == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            list.add(value);
            c = skipWhitespace();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                return NOT_PLAIN;
            }
            c = skipWhitespace();
        }
    }

    /** The value starting with {@code c} at the position. */
    private Object value(int c, int depth) {
        switch (c) {
            case '"' -> {
                pos++;
                String s = string();
                return s == null ? NOT_PLAIN : s;
            }
            case '{', '[' -> {
                if (depth >= MAX_DEPTH) {
                    return NOT_PLAIN;
                }
                pos++;
                return c == '{' ? object(depth + 1) : array(depth + 1);
            }
            case 't' -> {
                return literal("true") ? Boolean.TRUE : NOT_PLAIN;
            }
            case 'f' -> {
                return literal("false") ? Boolean.FALSE : NOT_PLAIN;
            }
            case 'n' -> {
                return literal("null") ? null : NOT_PLAIN;
            }
            default -> {
                return c == '-' || c >= '0' && c <= '9' ? number() : NOT_PLAIN;
            }
        }
    }

    /**
     * After the opening quote, up to and past the closing one; {@code null} for escapes, control characters and
     * non-ASCII bytes, whose decoding and validation are Jackson's.
     */
    private String string() {
        int start = pos;
        int end = Math.min(in.length, start + MAX_STRING_LENGTH + 1);
        for (int i = start; i < end; i++) {
            byte c = in[i];
            if (c == '"') {
                pos = i + 1;
                return text(start, i);
            }
            if (c < 0x20 || c == '\\') {   // bytes from 0x80 are negative
                return null;
            }
        }
        return null;
    }

    /**
     * The ASCII text from {@code start} to {@code end}, taken from {@link #RECENT} when it was seen before: the
     * names and most values of a detector's headers are the same in every frame, and reusing them saves most of
     * the allocation (and the hashing when they become map keys).
     */
    private String text(int start, int end) {
        int length = end - start;
        if (length == 0 || length > MAX_CACHED_LENGTH) {
            return new String(in, start, length, StandardCharsets.ISO_8859_1);
        }
        // Length and three bytes tell a header's few names and values apart without hashing every byte.
        int mix = (length * 0x9E3779B1 + in[start] * 29791 + in[start + length / 2] * 961 + in[end - 1] * 31)
                * 0x9E3779B1;
        int slot = mix >>> 32 - RECENT_BITS;
        RecentText recent = RECENT[slot];
        if (recent != null && Arrays.equals(recent.bytes, 0, recent.bytes.length, in, start, end)) {
            return recent.text;
        }
        // ASCII is Latin-1: the JDK copies the bytes straight into a compact string.
        String text = new String(in, start, length, StandardCharsets.ISO_8859_1);
        RECENT[slot] = new RecentText(Arrays.copyOfRange(in, start, end), text);
        return text;
    }

    /** A string and its bytes, to compare without decoding; one object, so a slot never mixes two. */
    private record RecentText(byte[] bytes, String text) {
    }

    private boolean literal(String word) {
        if (pos + word.length() > in.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    /**
     * A number as JSON writes it: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. Integers become Integer
     * when they fit, else Long, as Jackson's parser picks them.
     */
    private Object number() {
        int start = pos;
        int i = pos;
        boolean negative = in[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        long value = 0;
        while (i < in.length && in[i] >= '0' && in[i] <= '9') {
            value = value * 10 + (in[i] - '0');   // overflow only past 18 digits, which are refused below
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 1 && in[intStart] == '0') {
            return NOT_PLAIN;
        }
        boolean integral = true;
        if (i < in.length && in[i] == '.') {
            integral = false;
            int fracStart = ++i;
            while (i < in.length && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
            if (i == fracStart) {
                return NOT_PLAIN;
            }
        }
        if (i < in.length && (in[i] == 'e' || in[i] == 'E')) {
            integral = false;
            i++;
            if (i < in.length && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int expStart = i;
            while (i < in.length && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
            if (i == expStart) {
                return NOT_PLAIN;
            }
        }
        if (i - start > MAX_NUMBER_LENGTH) {
            return NOT_PLAIN;
        }
        pos = i;
        if (!integral) {
            // Jackson's default double parsing is Double.parseDouble of the same text.
            return Double.parseDouble(new String(in, start, i - start, StandardCharsets.ISO_8859_1));
        }
        if (intDigits > 18) {
            return NOT_PLAIN;   // Long or BigInteger: Jackson's to decide
        }
        long signed = negative ? -value : value;
        return signed == (int) signed ? (Object) (int) signed : (Object) signed;
    }
}
