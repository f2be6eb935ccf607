package io.jdranspose.api.compression;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdranspose.api.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Whatever the bytes, the decoders either decode or throw {@link ProtocolException}: no index errors, no huge
 * allocations, no hangs. Regression inputs live in {@code DecoderFuzzTestInputs/<method>/}; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl api test -Dtest=DecoderFuzzTest#bitshuffleLz4}.
 */
class DecoderFuzzTest {
    /** Byte 0 picks the item size (its low 4 bits, so invalid ones too), the rest is the compressed buffer. */
    @FuzzTest(maxDuration = "60s")
    void bitshuffleLz4(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int itemSize = data[0] & 0x0F;
        byte[] compressed = Arrays.copyOfRange(data, 1, data.length);
        try {
            byte[] out = BitshuffleLz4.decode(compressed, itemSize);
            ByteBuffer direct = ByteBuffer.allocateDirect(compressed.length).put(compressed).flip();
            ByteBuffer into = ByteBuffer.allocateDirect(out.length);
            BitshuffleLz4.decode(direct, itemSize, into);
            if (into.position() != out.length || !into.flip().equals(ByteBuffer.wrap(out))) {
                throw new AssertionError("direct and heap decoding differ");
            }
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }

    /** Bytes 0–3 (big endian) give the expected size for the bare-block reading, the rest is the buffer. */
    @FuzzTest(maxDuration = "60s")
    void lz4(byte[] data) {
        if (data.length < 4) {
            return;
        }
        long size = ByteBuffer.wrap(data).getInt() & 0xFFFFFFFFL;
        byte[] compressed = Arrays.copyOfRange(data, 4, data.length);
        try {
            Lz4.decodeHdf5FilterOrRawBlock(compressed, size);
        } catch (ProtocolException expected) {
            // the property: only this may escape
        }
    }
}
