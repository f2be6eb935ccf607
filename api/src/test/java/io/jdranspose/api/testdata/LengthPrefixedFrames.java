package io.jdranspose.api.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fuzz tests cut one fuzzer input into the parts of a multipart message: each part is a 2-byte big-endian
 * length and that many bytes; the last part takes whatever is left when the length runs past the end. Seeds in
 * the {@code *Inputs} folders use the same layout ({@code make_seeds.py} beside them writes them).
 */
public final class LengthPrefixedFrames {
    private LengthPrefixedFrames() {
    }

    public static List<byte[]> split(byte[] data) {
        List<byte[]> frames = new ArrayList<>();
        int pos = 0;
        while (pos + 2 <= data.length && frames.size() < 16) {
            int length = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
            pos += 2;
            int end = Math.min(data.length, pos + length);
            frames.add(Arrays.copyOfRange(data, pos, end));
            pos = end;
        }
        return frames;
    }
}
