package io.jdranspose.api.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the parser fuzz tests turn one fuzzer input into a multipart message: frames separated by
 * {@link #SEPARATOR}. The seeds under {@code *FuzzTestInputs} are written the same way by
 * {@code src/test/python/make_fuzz_seeds.py}.
 */
public final class FuzzFrames {
    public static final byte[] SEPARATOR = "\n#frame#\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private FuzzFrames() {
    }

    public static List<byte[]> split(byte[] data) {
        List<byte[]> frames = new ArrayList<>();
        int from = 0;
        for (int i = 0; i + SEPARATOR.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + SEPARATOR.length, SEPARATOR, 0, SEPARATOR.length)) {
                frames.add(Arrays.copyOfRange(data, from, i));
                i += SEPARATOR.length - 1;
                from = i + 1;
            }
        }
        frames.add(Arrays.copyOfRange(data, from, data.length));
        return frames;
    }
}
