package io.jdranspose.api.eiger;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.compression.BitshuffleLz4;
import io.jdranspose.api.testdata.LengthPrefixedFrames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whatever the parts, {@link EigerLegacy#parse} and the {@code data()} of images and header tables either work
 * or throw {@link ProtocolException}. {@link #parse} feeds raw parts ({@link LengthPrefixedFrames} layout); {@link #image}
 * builds well-formed JSON parts from fuzzed values around a blob that is often valid bslz4.
 */
class EigerLegacyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            EigerPacket packet = EigerLegacy.parse(LengthPrefixedFrames.split(data));
            if (packet instanceof EigerPacket.Image image) {
                image.data().sum();
            } else if (packet instanceof EigerPacket.Header header) {
                for (EigerPacket.Table table : header.tables()) {
                    try {
                        table.data().sum();
                    } catch (ProtocolException expected) {
                        // a bad table must not hide the others from the fuzzer
                    }
                }
            }
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }

    @FuzzTest(maxDuration = "60s")
    void image(FuzzedDataProvider data) {
        String type = data.pickValue(List.of("uint8", "uint16", "uint32", "int32", "float32", "uint64", "c8"));
        String encoding = data.pickValue(List.of("bs32-lz4<", "bs16-lz4<", "bs8-lz4<", "bs64-lz4<", "lz4<", "<", ">",
                "bs-lz4<", "bsx-lz4<", "lz4", ""));
        int rank = data.consumeInt(0, 3);
        StringBuilder shape = new StringBuilder("[");
        for (int i = 0; i < rank; i++) {
            shape.append(i == 0 ? "" : ",").append(data.consumeBoolean() ? data.consumeLong() : data.consumeInt(0, 70));
        }
        shape.append(']');
        boolean appendix = data.consumeBoolean();
        boolean honestSize = data.consumeBoolean();
        long size = honestSize ? -1 : data.consumeLong();
        byte[] blob;
        if (data.consumeBoolean()) {
            int itemSize = data.pickValue(List.of(1, 2, 4, 8));
            byte[] raw = data.consumeBytes(data.consumeInt(0, 600) * itemSize);
            blob = BitshuffleLz4.encode(Arrays.copyOf(raw, raw.length / itemSize * itemSize), itemSize);
            for (int flips = data.consumeInt(0, 3); flips > 0 && blob.length > 0; flips--) {
                blob[data.consumeInt(0, blob.length - 1)] ^= data.consumeByte();
            }
        } else {
            blob = data.consumeRemainingAsBytes();
        }
        List<byte[]> parts = new ArrayList<>(List.of(
                utf8("{\"frame\":1,\"hash\":\"x\",\"htype\":\"dimage-1.0\",\"series\":2}"),
                utf8("{\"encoding\":\"" + encoding + "\",\"htype\":\"dimage_d-1.0\",\"shape\":" + shape + ",\"size\":"
                        + (honestSize ? blob.length : size) + ",\"type\":\"" + type + "\"}"),
                blob,
                utf8("{\"htype\":\"dconfig-1.0\",\"real_time\":1,\"start_time\":2,\"stop_time\":3}")));
        if (appendix) {
            parts.add(utf8("{}"));
        }
        try {
            EigerLegacy.parse(parts).image().data().sum();
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
