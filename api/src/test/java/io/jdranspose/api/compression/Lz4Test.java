package io.jdranspose.api.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.ProtocolException;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class Lz4Test {
    @Test
    void decodesTheHdf5FilterLayout() {
        assertThat(Lz4.decodeHdf5Filter(Vectors.read("u16_4097.lz4"))).isEqualTo(Vectors.pattern(4097, 2, 61));
        assertThat(Lz4.decodeHdf5Filter(Vectors.read("u32_5000_block1000.lz4"))).isEqualTo(Vectors.pattern(5000, 4, 61));
        // LZ4 cannot shrink random data: the filter stored the block raw
        assertThat(Lz4.decodeHdf5Filter(Vectors.read("random_u16_4097.lz4"))).isEqualTo(Vectors.read("random_u16_4097.raw"));
    }

    @Test
    void decodesABareBlockAndFallsBackToIt() {
        byte[] raw = Vectors.pattern(3000, 4, 61);
        byte[] block = LZ4Factory.fastestInstance().fastCompressor().compress(raw);
        assertThat(Lz4.decodeRawBlock(block, raw.length)).isEqualTo(raw);
        assertThat(Lz4.decodeHdf5FilterOrRawBlock(block, raw.length)).isEqualTo(raw);
        assertThat(Lz4.decodeHdf5FilterOrRawBlock(Vectors.read("u16_4097.lz4"), 8194)).isEqualTo(Vectors.pattern(4097, 2, 61));
        assertThatThrownBy(() -> Lz4.decodeRawBlock(block, raw.length + 4)).isInstanceOf(ProtocolException.class)
                .hasMessage("lz4: block decodes to 12000 bytes, expected 12004");
    }

    @Test
    void hostileInputSaysWhatIsWrong() {
        byte[] good = Vectors.read("u16_4097.lz4");
        assertThatThrownBy(() -> Lz4.decodeHdf5Filter(new byte[3])).hasMessage("lz4: truncated header, 3 bytes where 12 are needed");
        assertThatThrownBy(() -> Lz4.decodeHdf5Filter(Arrays.copyOf(good, 60)))
                .hasMessage("lz4: block 0 length 289 goes beyond the input (44 bytes left)");
        byte[] huge = good.clone();
        huge[2] = 1;
        assertThatThrownBy(() -> Lz4.decodeHdf5Filter(huge))
                .hasMessage("lz4: header declares 1099511635970 decoded bytes, more than the limit or than 305 input bytes can hold");
        assertThatThrownBy(() -> Lz4.decodeRawBlock(new byte[10], 1L << 40))
                .hasMessage("lz4: 1099511627776 decoded bytes expected, more than the limit or than 10 input bytes can hold");
        assertThatThrownBy(() -> Lz4.decodeHdf5FilterOrRawBlock(new byte[] {1, 2, 3}, 8))
                .hasMessageStartingWith("lz4: neither the HDF5 filter layout (no HDF5 lz4 header declaring 8 bytes) nor a bare block (lz4: bare block is not valid LZ4 decoding to 8 bytes");
    }
}
