package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The two JSON dialects the server writes. Values (of datasets and attributes) use bare {@code NaN},
 * {@code Infinity} and {@code -Infinity} like HSDS: Python's json reads them and h5web re-parses them as
 * strings after a failed strict parse. Everything else must stay strict JSON, because h5web's metadata
 * parsing has no such fallback. Attribute values embedded in metadata answers are rendered with
 * {@link #VALUES} beforehand ({@link JsonValueWriter#render}), so only answers that carry values can ever
 * contain the bare tokens; the remaining floats are timestamps.
 */
final class HsdsJson {
    /** For every JSON document the server sends except {@code /value} bodies. */
    static final ObjectMapper STRICT = JsonMapper.builder().build();

    /** For {@code /value} bodies and pre-rendered attribute values. */
    static final ObjectMapper VALUES = JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private HsdsJson() {
    }

    /** HSDS timestamps: float seconds since the epoch (h5pyd requires numbers, not ISO strings). */
    static double seconds(long millis) {
        return millis / 1000.0;
    }

    /** The same from microseconds, which a double near today's epoch still tells apart. */
    static double secondsOfMicros(long micros) {
        return micros / 1e6;
    }
}
