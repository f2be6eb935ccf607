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
        String seconds = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        return micros == 0 ? seconds + "Z" : seconds + String.format(".%06dZ", micros);
    }

    /** @throws DateTimeParseException when the text is not an RFC 3339 date-time with offset */
    static Instant parse(String text) {
        return OffsetDateTime.parse(text, RFC_3339).toInstant();
    }

    /** An epoch timestamp in seconds (tag 1), possibly fractional. */
    static Instant ofEpochSeconds(double seconds) {
        double whole = Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return Instant.ofEpochSecond((long) whole, nanos);
    }
}
