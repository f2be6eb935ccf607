package io.jdranspose.api.stins;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.compression.BitshuffleLz4;
import io.jdranspose.api.testdata.LengthPrefixedFrames;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Whatever the frames, {@link Stins#parse} and {@link StinsPacket.Image#data()} either work or throw
 * {@link ProtocolException}. {@link #parse} feeds raw frames ({@link LengthPrefixedFrames} layout), so the fuzzer mostly
 * explores JSON syntax; {@link #image} always builds well-formed JSON from fuzzed field values and a payload that is
 * often valid bslz4, so it explores shapes, dtypes, compressions and sizes.
 */
class StinsFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            StinsPacket packet = Stins.parse(LengthPrefixedFrames.split(data));
            if (packet.image() != null) {
                packet.image().data().sum();
            }
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }

    @FuzzTest(maxDuration = "60s")
    void image(FuzzedDataProvider data) {
        String type = data.pickValue(List.of("uint8", "<u2", ">u2", "uint32", "<i4", "int64", "float32", ">f8", "|u1",
                "b1", "?", "c16", "H"));
        String compression = data.pickValue(List.of("none", "bslz4", "lz4", "zstd"));
        int rank = data.consumeInt(0, 3);
        StringBuilder shape = new StringBuilder("[");
        for (int i = 0; i < rank; i++) {
            shape.append(i == 0 ? "" : ",").append(data.consumeBoolean() ? data.consumeLong() : data.consumeInt(0, 70));
        }
        shape.append(']');
        byte[] payload;
        if (data.consumeBoolean()) {
            int itemSize = data.pickValue(List.of(1, 2, 4, 8));
            byte[] raw = data.consumeBytes(data.consumeInt(0, 600) * itemSize);
            payload = BitshuffleLz4.encode(java.util.Arrays.copyOf(raw, raw.length / itemSize * itemSize), itemSize);
            for (int flips = data.consumeInt(0, 3); flips > 0 && payload.length > 0; flips--) {
                payload[data.consumeInt(0, payload.length - 1)] ^= data.consumeByte();
            }
        } else {
            payload = data.consumeRemainingAsBytes();
        }
        String header = "{\"htype\":\"image\",\"frame\":3,\"shape\":" + shape + ",\"type\":\"" + type
                + "\",\"compression\":\"" + compression + "\",\"msg_number\":4}";
        try {
            StinsPacket.Image image = Stins.parse(List.of(header.getBytes(StandardCharsets.UTF_8), payload)).image();
            image.data().sum();
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }
}
