package io.jdranspose.api.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BitshuffleLz4Test {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "u8_20003, 20003, 1, 61",
        "u16_4097, 4097, 2, 61",
        "u32_7, 7, 4, 61",
        "u32_1030x1065, 1096950, 4, 56",
        "u32_5000_block256, 5000, 4, 61",
        "u64_3001, 3001, 8, 61",
        "f32_2500, 2500, 4, 61",
        "i16_16, 16, 2, 61",
    })
    void decodesWhatTheHdf5FilterWrote(String name, int n, int itemSize, int period) {
        byte[] expected = Vectors.pattern(n, itemSize, period);
        byte[] compressed = Vectors.read(name + ".bslz4");

        assertThat(BitshuffleLz4.decode(compressed, itemSize)).isEqualTo(expected);

        ByteBuffer direct = ByteBuffer.allocateDirect(compressed.length + 3);
        direct.put(new byte[3]).put(compressed).position(3);
        ByteBuffer out = ByteBuffer.allocateDirect(expected.length + 5).position(5);
        BitshuffleLz4.decode(direct, itemSize, out);
        assertThat(out.position()).isEqualTo(expected.length + 5);
        assertThat(direct.position()).isEqualTo(3);
        byte[] viaBuffers = new byte[expected.length];
        out.get(5, viaBuffers);
        assertThat(viaBuffers).isEqualTo(expected);
    }

    @Test
    void decodesRandomValues() {
        assertThat(BitshuffleLz4.decode(Vectors.read("random_u16_4097.bslz4"), 2))
                .isEqualTo(Vectors.read("random_u16_4097.raw"));
    }

    @Test
    void floatValuesComeOutExactly() {
        float[] values = new float[2500];
        ByteBuffer.wrap(BitshuffleLz4.decode(Vectors.read("f32_2500.bslz4"), 4)).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(values);
        assertThat(Float.floatToRawIntBits(values[1])).isEqualTo((int) 0x9E3779B97F4A7C15L);
        assertThat(Float.floatToRawIntBits(values[2499])).isEqualTo((int) ((2499 % 61) * 0x9E3779B97F4A7C15L) ^ 1);
    }

    @Test
    void encodeRoundTripsEveryItemSizeAndLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int itemSize : new int[] {1, 2, 4, 8}) {
            for (int n : new int[] {0, 1, 7, 8, 9, 127, 2048, 2049, 4096, 4103, 8192, 8199, 20000}) {
                byte[] raw = new byte[n * itemSize];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = random.nextInt(4) == 0 ? (byte) random.nextInt() : 0;   // sparse, like photon counts
                }
                assertThat(BitshuffleLz4.decode(BitshuffleLz4.encode(raw, itemSize), itemSize))
                        .as("%d items of %d B", n, itemSize).isEqualTo(raw);
            }
        }
    }

    @Test
    void transposeIsAnInvolutionMovingBitRowColToColRow() {
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                assertThat(BitPlanes.transpose(1L << (8 * r + c))).isEqualTo(1L << (8 * c + r));
            }
        }
    }

    @Test
    void hostileHeadersSayWhatIsWrong() {
        byte[] good = Vectors.read("u16_4097.bslz4");
        assertThatThrownBy(() -> BitshuffleLz4.decode(new byte[5], 2)).isInstanceOf(ProtocolException.class)
                .hasMessage("bslz4: truncated header, 5 bytes where 12 are needed");
        assertThatThrownBy(() -> BitshuffleLz4.decode(good, 3))
                .hasMessage("bslz4: item size 3 is not 1, 2, 4 or 8 bytes");
        assertThatThrownBy(() -> BitshuffleLz4.decode(good, 8))
                .hasMessage("bslz4: header declares 8194 decoded bytes, not a multiple of the 8 B item size");
        byte[] huge = header(Long.MAX_VALUE, 0);
        assertThatThrownBy(() -> BitshuffleLz4.decode(huge, 1))
                .hasMessage("bslz4: header declares 9223372036854775807 decoded bytes, more than the limit of 1073741824");
        assertThatThrownBy(() -> BitshuffleLz4.decode(header(1 << 29, 0), 1))
                .hasMessage("bslz4: header declares 536870912 decoded bytes, more than 12 input bytes can hold");
        assertThatThrownBy(() -> BitshuffleLz4.decode(Arrays.copyOf(header(64, 12), 40), 4))
                .hasMessage("bslz4: block size 12 B is not a positive multiple of 8 items of 4 B");
        assertThatThrownBy(() -> BitshuffleLz4.decode(Arrays.copyOf(header(16, 0), 14), 2))
                .hasMessage("bslz4: input ends at byte 12 before the length of block 0 (16 bytes declared)");
        assertThatThrownBy(() -> BitshuffleLz4.decode(Arrays.copyOf(good, 100), 2))
                .hasMessageStartingWith("bslz4: block 0 length 839 goes beyond the input (84 bytes left)");
        byte[] corrupt = good.clone();
        corrupt[16] = (byte) 0xFF;
        corrupt[17] = (byte) 0xFF;
        assertThatThrownBy(() -> BitshuffleLz4.decode(corrupt, 2)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("bslz4: block 0 ");
        byte[] shortRaw = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> BitshuffleLz4.decode(shortRaw, 2))
                .hasMessage("bslz4: input ends 1 bytes before the last 2 raw bytes");
        assertThatThrownBy(() -> BitshuffleLz4.decode(ByteBuffer.wrap(good), 2, ByteBuffer.allocate(10)))
                .hasMessage("bslz4: decodes to 8194 bytes, the output buffer has room for 10");
    }

    private static byte[] header(long total, int blockBytes) {
        return ByteBuffer.allocate(12).putLong(total).putInt(blockBytes).array();
    }
}
