package io.jdranspose.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NdArrayTest {
    @Test
    void readsUnsignedPixelsAndComputesRoiMeans() {
        ByteBuffer b = ByteBuffer.allocate(3 * 4 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            b.putShort((short) (60000 + i));
        }
        b.flip();
        NdArray a = new NdArray(DType.UINT16, new int[] {3, 4}, b);
        assertThat(a.get(2, 3)).isEqualTo(60011);
        assertThat(a.sum()).isEqualTo(12 * 60000 + 66);
        assertThat(a.roiMean(1, 3, 1, 3)).isEqualTo((60005 + 60006 + 60009 + 60010) / 4.0);
        assertThat(a.roiMean(-5, 100, -5, 100)).isEqualTo(a.mean());
        assertThat(a.roiMean(5, 9, 0, 1)).isNaN();
        short[] pixels = (short[]) a.toArray();
        assertThat(Short.toUnsignedInt(pixels[11])).isEqualTo(60011);
        assertThat(a.min()).isEqualTo(60000);
        assertThat(a.max()).isEqualTo(60011);
    }

    @Test
    void bigEndianFloats() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2f).flip();
        NdArray a = new NdArray(DType.FLOAT32, new int[] {2}, b.order(ByteOrder.BIG_ENDIAN));
        assertThat((float[]) a.toArray()).containsExactly(1.5f, -2f);
        assertThat(a.sum()).isEqualTo(-0.5);
    }

    @Test
    void aShapeThatDoesNotFitTheBytesIsAProtocolError() {
        assertThatThrownBy(() -> new NdArray(DType.UINT32, new int[] {2, 2}, ByteBuffer.allocate(15)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("shape [2, 2] of uint32 needs 16 bytes, the frame has 15");
    }

    @Test
    void aShapeWhoseProductOverflowsIsAProtocolError() {
        // 65536^4 wraps to 0 in a long: it must not pass as an empty array over an empty frame
        assertThatThrownBy(() -> new NdArray(DType.UINT8, new int[] {65536, 65536, 65536, 65536}, ByteBuffer.allocate(0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("more than 2^31 - 1 elements");
        assertThat(new NdArray(DType.UINT8, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 0}, ByteBuffer.allocate(0))
                .size()).isZero();
    }

    @Test
    void numpyDtypeStrings() {
        assertThat(DType.fromNumpy("<u2")).isEqualTo(DType.UINT16);
        assertThat(DType.fromNumpy(">f8")).isEqualTo(DType.FLOAT64);
        assertThat(DType.fromNumpy("uint32")).isEqualTo(DType.UINT32);
        assertThat(DType.fromNumpy("|u1")).isEqualTo(DType.UINT8);
        assertThat(DType.byteOrderOf(">i4")).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThatThrownBy(() -> DType.fromNumpy("complex64")).hasMessage("unsupported dtype 'complex64'");
    }
}
