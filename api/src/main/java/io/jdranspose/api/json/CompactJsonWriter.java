package io.jdranspose.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON exactly as dranspose's Python ingesters re-serialise their models
 * (Pydantic v2 {@code model_dump_json()}): no spaces, non-ASCII text as raw UTF-8, floats in their shortest
 * round-trip digits in the notation of serde_json/ryu ({@code 2.0}, {@code 0.5}, {@code 0.00001}, {@code 1e-6},
 * {@code 1e16}, {@code 1.5e-11}), NaN and infinities as {@code null} (Pydantic's default {@code inf_nan_mode}).
 * For values in [1e-4, 1e16) this is also what Python's {@code json.dumps} writes; outside that range Python
 * would write {@code 1e-05}/{@code 1e+16}, Pydantic writes {@code 0.00001}/{@code 1e16}.
 *
 * <pre>{@code
 * byte[] json = new CompactJsonWriter(64).raw('{').string("energy").raw(':').number(8879.5).raw('}').toByteArray();
 * // {"energy":8879.5}
 * }</pre>
 */
public final class CompactJsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buf;
    private int length;

    public CompactJsonWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** Forgets what was written, keeping the buffer. */
    public CompactJsonWriter reset() {
        length = 0;
        return this;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    /** A copy of the bytes from {@code start} to the end. */
    public byte[] copyFrom(int start) {
        return Arrays.copyOfRange(buf, start, length);
    }

    /** The internal buffer, valid up to {@link #length()} until the next write; for copying without a copy. */
    public byte[] bufferView() {
        return buf;
    }

    /** Copies what was written into {@code target} at {@code offset}; returns the offset after it. */
    public int copyTo(byte[] target, int offset) {
        System.arraycopy(buf, 0, target, offset, length);
        return offset + length;
    }

    /** One byte as it is (a brace, a comma, a colon). */
    public CompactJsonWriter raw(char ascii) {
        ensure(1);
        buf[length++] = (byte) ascii;
        return this;
    }

    /** Bytes as they are. */
    public CompactJsonWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
        return this;
    }

    /** A quoted JSON string, escaping only what JSON requires. */
    public CompactJsonWriter string(String s) {
        // Room for the worst case (6 bytes per char, an escape) at once, so the loop checks nothing.
        ensure(s.length() * 6 + 2);
        buf[length++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[length++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                buf[length++] = (byte) (0xC0 | c >> 6);
                buf[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[length++] = (byte) (0xF0 | cp >> 18);
                buf[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; Python would fail to encode it, we keep the frame readable.
                buf[length++] = '?';
            } else {
                buf[length++] = (byte) (0xE0 | c >> 12);
                buf[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        buf[length++] = '"';
        return this;
    }

    private void escape(char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            default -> 0;
        };
        if (shortForm != 0) {
            ensure(2);
            buf[length++] = '\\';
            buf[length++] = (byte) shortForm;
        } else {
            ensure(6);
            buf[length++] = '\\';
            buf[length++] = 'u';
            buf[length++] = '0';
            buf[length++] = '0';
            buf[length++] = HEX[c >> 4];
            buf[length++] = HEX[c & 0xF];
        }
    }

    /** An integer. */
    public CompactJsonWriter number(long v) {
        if (v == Long.MIN_VALUE) {
            return raw(Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        ensure(20);
        if (v < 0) {
            buf[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length = end;
        return this;
    }

    /** A float as Pydantic writes it (see the class comment); NaN and infinities become {@code null}. */
    public CompactJsonWriter number(double d) {
        if (!Double.isFinite(d)) {
            return raw(NULL);
        }
        String java = Double.toString(d);
        // From 1e-3 to 1e7 Java writes the same shortest digits in the same plain notation as ryu: the hot path.
        return ascii(java.indexOf('E') < 0 ? java : formatDouble(d));
    }

    private CompactJsonWriter ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /**
     * Copies the value at the parser's current token (a scalar, or a whole array or object) in this writer's
     * format, leaving the parser on the value's last token.
     */
    public CompactJsonWriter value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("no value at the end of the input");
        }
        switch (t) {
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    // The token's text is the integer exactly (JSON allows no leading zeros); unlike
                    // getBigIntegerValue it works after the caller read the number as a double.
                    ascii(p.getText());
                } else {
                    number(p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> floatValue(p);
            case VALUE_STRING -> string(p.getText());
            case VALUE_TRUE -> raw(TRUE);
            case VALUE_FALSE -> raw(FALSE);
            case VALUE_NULL -> raw(NULL);
            case START_ARRAY -> {
                raw('[');
                boolean first = true;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (!first) {
                        raw(',');
                    }
                    first = false;
                    value(p);
                }
                raw(']');
            }
            case START_OBJECT -> {
                raw('{');
                boolean first = true;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_OBJECT; e = p.nextToken()) {
                    if (!first) {
                        raw(',');
                    }
                    first = false;
                    if (e != JsonToken.FIELD_NAME) {
                        throw new IOException("object ends early");
                    }
                    string(p.currentName()).raw(':');
                    p.nextToken();
                    value(p);
                }
                raw('}');
            }
            default -> throw new IOException("unexpected " + t);
        }
        return this;
    }

    /**
     * Copies the float at the parser's current token: its text when already canonical (no parsing, no
     * formatting: the splitter's hot path), else the parsed double formatted.
     */
    public CompactJsonWriter floatValue(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        int n = p.getTextLength();
        if (isCanonical(text, offset, n)) {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[length++] = (byte) text[offset + i];
            }
            return this;
        }
        return number(p.getDoubleValue());
    }

    /**
     * Copies the float at the parser's current token as the device wrote it when it is in plain notation with at
     * most 17 significant digits and within ryu's plain range, else as {@link #floatValue}. For text written by
     * Python (PandA's publisher), which is always the shortest round-trip digits, this is byte for byte what
     * upstream re-emits, without parsing and formatting each of the thousands of values a second a PandA sends;
     * text from other writers may keep superfluous digits that upstream would drop (the value is the same).
     */
    public CompactJsonWriter deviceFloat(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        int n = p.getTextLength();
        if (isPlainInRange(text, offset, n)) {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[length++] = (byte) text[offset + i];
            }
            return this;
        }
        return floatValue(p);
    }

    /** Plain notation ({@code -12.034}), at most 17 significant digits, from 1e-4 to below 1e16 (or zero). */
    static boolean isPlainInRange(char[] text, int offset, int n) {
        int i = offset;
        int end = offset + n;
        if (i < end && text[i] == '-') {
            i++;
        }
        int intStart = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 16 || i == end || text[i] != '.' || intDigits > 1 && text[intStart] == '0') {
            return false;
        }
        int fracStart = ++i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        if (i != end || i == fracStart) {
            return false;
        }
        int firstSignificant = intStart;
        while (firstSignificant < end && (text[firstSignificant] == '0' || text[firstSignificant] == '.')) {
            firstSignificant++;
        }
        if (firstSignificant == end) {
            return true; // zero
        }
        if (text[intStart] == '0' && firstSignificant - fracStart > 3) {
            return false; // below 1e-4: ryu and Python switch to exponent notation
        }
        int significant = end - firstSignificant - (firstSignificant < fracStart ? 1 : 0);
        return significant <= 17;
    }

    /**
     * Whether a JSON float's text is already what {@link #formatDouble} would write, so it can be copied without
     * parsing and formatting: plain notation, at most 15 significant digits, no superfluous zeros, within ryu's
     * plain range. At most 15 digits is what makes this safe: two different decimals that short never read as
     * the same double, so no shorter one can exist. Python's json.dumps writes most PandA values this way.
     */
    static boolean isCanonical(char[] text, int offset, int n) {
        int i = offset;
        int end = offset + n;
        if (i < end && text[i] == '-') {
            i++;
        }
        int intStart = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 16 || i == end || text[i] != '.' || intDigits > 1 && text[intStart] == '0') {
            return false;
        }
        int fracStart = ++i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        int fracDigits = i - fracStart;
        if (i != end || fracDigits == 0) {
            return false;
        }
        if (text[end - 1] == '0') {
            // Only the ".0" of a whole number is written with a trailing zero.
            int significant = intDigits;
            while (significant > 1 && text[intStart + significant - 1] == '0') {
                significant--;
            }
            return fracDigits == 1 && significant <= 15;
        }
        int significant;
        if (text[intStart] == '0') {
            int zeros = 0;
            while (text[fracStart + zeros] == '0') {
                zeros++;
            }
            if (zeros > 4) {
                return false;
            }
            significant = fracDigits - zeros;
        } else {
            significant = intDigits + fracDigits;
        }
        return significant <= 15;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }

    /**
     * A finite double as serde_json's ryu writes it: the shortest digits that read back as {@code d}, plain
     * notation for decimal exponents from -5 to 15, {@code e} notation without {@code +} or padding otherwise.
     */
    public static String formatDouble(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        double abs = Math.abs(d);
        // Double.toString (JDK 19+) gives the shortest round-trip digits, except that it never gives a single
        // digit: where one digit would do it may pick a closer two-digit decimal, which only differs for
        // subnormals (4.9E-324 where ryu writes 5e-324).
        String java = Double.toString(abs);
        int e = java.indexOf('E');
        int exp = e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10);
        String mantissa = e < 0 ? java : java.substring(0, e);
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(20);
        digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        int k = exp - (mantissa.length() - dot - 1);
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        while (digits.length() > 1 && digits.charAt(digits.length() - 1) == '0') {
            digits.setLength(digits.length() - 1);
            k++;
        }
        if (digits.length() == 2 && abs < Double.MIN_NORMAL) {
            int two = Integer.parseInt(digits.toString());
            // Try the nearer single digit first: ryu picks the closest of the shortest.
            int near = two % 10 >= 5 ? two / 10 + 1 : two / 10;
            for (int one : new int[] {near, two % 10 >= 5 ? two / 10 : two / 10 + 1}) {
                if (one > 0 && one < 10 && Double.parseDouble(one + "e" + (k + 1)) == abs) {
                    digits.setLength(0);
                    digits.append(one);
                    k++;
                    break;
                }
            }
        }
        int n = digits.length();
        int kk = n + k;
        StringBuilder out = new StringBuilder(n + 8);
        if (d < 0) {
            out.append('-');
        }
        if (k >= 0 && kk <= 16) {
            out.append(digits);
            out.repeat('0', k);
            out.append(".0");
        } else if (kk > 0 && kk <= 16) {
            out.append(digits, 0, kk).append('.').append(digits, kk, n);
        } else if (kk > -5 && kk <= 0) {
            out.append("0.");
            out.repeat('0', -kk);
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            out.append('e').append(kk - 1);
        }
        return out.toString();
    }
}
