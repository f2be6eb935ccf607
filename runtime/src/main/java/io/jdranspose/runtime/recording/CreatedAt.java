package io.jdranspose.runtime.recording;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * The text form of a record's {@code created_at}, exactly as upstream writes it: cbor2 encodes a
 * Python datetime as {@code isoformat()} with {@code +00:00} replaced by {@code Z}, so the
 * fraction has six digits, and is left out entirely when the microseconds are zero.
 */
final class CreatedAt {

    /** RFC 3339 allows lower-case {@code t} and {@code z}; any offset is accepted. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffsetId()
            .toFormatter();

    private CreatedAt() {
    }

    /** Upstream's text for an instant; finer than microseconds is truncated, as Python cannot hold it. */
    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            throw new IllegalArgumentException("created_at must lie in the years 1..9999 (Python's range): " + instant);
        }
        int micros = t.getNano() / 1000;
        // hand-formatted: String.format showed up in profiles of recording at high rates
        StringBuilder b = new StringBuilder(27);
        digits(b, t.getYear(), 4).append('-');
        digits(b, t.getMonthValue(), 2).append('-');
        digits(b, t.getDayOfMonth(), 2).append('T');
        digits(b, t.getHour(), 2).append(':');
        digits(b, t.getMinute(), 2).append(':');
        digits(b, t.getSecond(), 2);
        if (micros != 0) {
            digits(b.append('.'), micros, 6);
        }
        return b.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /** @throws DateTimeParseException when the text is not an RFC 3339 date-time with offset */
    static Instant parse(String text) {
        Instant fast = parseCanonical(text);
        return fast != null ? fast : OffsetDateTime.parse(text, RFC_3339).toInstant();
    }

    /**
     * The form upstream writes, {@code YYYY-MM-DDTHH:MM:SS[.ffffff]Z}, parsed by hand: the general
     * formatter cost more than the rest of reading a small record. Returns null for any other form.
     */
    private static Instant parseCanonical(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 7);
        int day = number(t, 8, 10);
        int hour = number(t, 11, 13);
        int minute = number(t, 14, 16);
        int second = number(t, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (t.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(t, 20, n - 1);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                || nanos < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character is not a digit. */
    private static int number(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** An epoch timestamp in seconds (tag 1), possibly fractional. */
    static Instant ofEpochSeconds(double seconds) {
        double whole = Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return Instant.ofEpochSecond((long) whole, nanos);
    }
}
