package io.jdranspose.api;

import java.util.List;
import java.util.Objects;

/**
 * The frames one stream contributed to one event, exactly as the upstream sent them
 * (all parts of one ZeroMQ multipart message, or one line, or one HTTP post).
 *
 * @param type   protocol name as the ingester labels it: {@code STINS}, {@code EIGER_LEGACY}, {@code xspress}, …
 * @param frames the raw parts, not copied; treat them as read-only
 */
public record StreamData(String type, List<byte[]> frames) {
    public StreamData {
        Objects.requireNonNull(type, "type");
        frames = List.copyOf(frames);
    }

    public static StreamData of(String type, byte[]... frames) {
        return new StreamData(type, List.of(frames));
    }

    /** Number of frames. */
    public int length() {
        return frames.size();
    }

    /** Total payload bytes of all frames. */
    public long byteCount() {
        long n = 0;
        for (byte[] f : frames) {
            n += f.length;
        }
        return n;
    }

    @Override
    public String toString() {
        return "StreamData[" + type + ", " + frames.size() + " frames, " + byteCount() + " bytes]";
    }
}
