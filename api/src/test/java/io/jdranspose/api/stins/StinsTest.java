package io.jdranspose.api.stins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.compression.BitshuffleLz4;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class StinsTest {
    @Test
    void startImageAndEnd() {
        StinsPacket start = Stins.parse(List.of(json("{\"htype\":\"header\",\"filename\":\"/data/x.h5\",\"msg_number\":0}")));
        assertThat(start).isInstanceOfSatisfying(StinsPacket.Start.class, s -> {
            assertThat(s.filename()).isEqualTo("/data/x.h5");
            assertThat(s.meta()).isNull();
        });
        assertThat(start.image()).isNull();

        byte[] pixels = ByteBuffer.allocate(2 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(2).putFloat(3).putFloat(4).putFloat(5).putFloat(6.5f).array();
        StinsPacket image = Stins.parse(StreamData.of("STINS", json(
                "{\"htype\":\"image\",\"frame\":7,\"shape\":[2,3],\"type\":\"float32\",\"compression\":\"none\","
                        + "\"msg_number\":8,\"timestamps\":{\"a\":\"t\"}}"), pixels));
        StinsPacket.Image i = image.image();
        assertThat(i.frame()).isEqualTo(7);
        assertThat(i.msgNumber()).isEqualTo(8);
        assertThat(i.shape()).containsExactly(2, 3);
        assertThat(i.dtype()).isEqualTo(DType.FLOAT32);
        assertThat((float[]) i.pixels()).containsExactly(1, 2, 3, 4, 5, 6.5f);
        assertThat(i.data().get(1, 2)).isEqualTo(6.5);
        assertThat(i.header()).containsKey("timestamps");

        StinsPacket end = Stins.parse(List.of(json("{\"htype\":\"series_end\",\"msg_number\":9}")));
        assertThat(end).isInstanceOf(StinsPacket.End.class);
        assertThat(end.msgNumber()).isEqualTo(9);
    }

    @Test
    void everyDtypeOfTheIssue() {
        for (String type : List.of("uint8", "uint16", "uint32", "float32")) {
            int size = DType.fromNumpy(type).itemSize();
            StinsPacket.Image i = Stins.parse(List.of(json("{\"htype\":\"image\",\"frame\":0,\"shape\":[2,2],\"type\":\""
                    + type + "\",\"compression\":\"none\",\"msg_number\":1}"), new byte[4 * size])).image();
            assertThat(i.data().size()).as(type).isEqualTo(4);
            assertThat(i.data().sum()).as(type).isZero();
        }
    }

    @Test
    void anEmptyShapeIsAScalarFrame() {
        byte[] value = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.25).array();
        StinsPacket.Image i = Stins.parse(List.of(json("{\"htype\":\"image\",\"frame\":2,\"shape\":[],"
                + "\"type\":\"float64\",\"compression\":\"none\",\"msg_number\":3}"), value)).image();
        assertThat(i.data().rank()).isZero();
        assertThat(i.data().getDouble(0)).isEqualTo(1.25);
    }

    @Test
    void malformedMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> Stins.parse(List.of(json("{\"htype\":\"header\""))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("header frame is not a JSON object");
        assertThatThrownBy(() -> Stins.parse(List.of(json("{\"htype\":\"header\"}"))))
                .hasMessage("STINS header header has no integer 'msg_number'");
        assertThatThrownBy(() -> Stins.parse(List.of(json("{\"htype\":\"blob\",\"msg_number\":1}"))))
                .hasMessage("STINS header has unknown htype 'blob'");
        assertThatThrownBy(() -> Stins.parse(List.of(json(
                "{\"htype\":\"image\",\"frame\":3,\"shape\":[10,10],\"type\":\"uint16\",\"msg_number\":4}"), new byte[199])))
                .hasMessage("STINS image 3: shape [10, 10] of uint16 needs 200 bytes, the frame has 199");
        assertThatThrownBy(() -> Stins.parse(List.of(json(
                "{\"htype\":\"image\",\"frame\":3,\"shape\":[1],\"type\":\"uint16\",\"msg_number\":4}"))))
                .hasMessage("STINS image message 4 has 1 frames, expected 2 (header, pixels)");
        assertThatThrownBy(() -> Stins.parse(List.of(json(
                "{\"htype\":\"image\",\"frame\":3,\"shape\":[1],\"type\":\"c16\",\"msg_number\":4}"), new byte[2])))
                .hasMessage("STINS image 3: unsupported dtype 'c16'");
        assertThatThrownBy(() -> Stins.parse(List.of())).hasMessage("STINS message has no frames");
        StinsPacket.Image compressed = Stins.parse(List.of(json("{\"htype\":\"image\",\"frame\":1,\"shape\":[4],"
                + "\"type\":\"uint16\",\"compression\":\"bslz4\",\"msg_number\":2}"), new byte[3])).image();
        assertThatThrownBy(compressed::data).isInstanceOf(ProtocolException.class)
                .hasMessage("STINS image frame 1 (bslz4): bslz4: truncated header, 3 bytes where 12 are needed");
        StinsPacket.Image zstd = image(5, "[2]", "uint8", "zstd", new byte[2]);
        assertThatThrownBy(zstd::data)
                .hasMessage("STINS image frame 5: unknown compression 'zstd' (known: none, bslz4, lz4)");
        StinsPacket.Image wrongShape = image(6, "[3, 3]", "uint16", "bslz4", BitshuffleLz4.encode(new byte[16], 2));
        assertThatThrownBy(wrongShape::data)
                .hasMessage("STINS image frame 6: shape [3, 3] of uint16 needs 18 bytes, bslz4 gave 16");
        StinsPacket.Image hugeShape = image(7, "[2147483647, 2147483647, 2147483647]", "uint64", "lz4", new byte[20]);
        assertThatThrownBy(hugeShape::data).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("STINS image frame 7 (lz4): lz4: neither the HDF5 filter layout");
    }

    @Test
    void everyNumpyDtypeStringWithByteOrder() {
        Map<String, DType> names = Map.ofEntries(Map.entry("uint8", DType.UINT8), Map.entry("uint16", DType.UINT16),
                Map.entry("uint32", DType.UINT32), Map.entry("uint64", DType.UINT64), Map.entry("int8", DType.INT8),
                Map.entry("int16", DType.INT16), Map.entry("int32", DType.INT32), Map.entry("int64", DType.INT64),
                Map.entry("float32", DType.FLOAT32), Map.entry("float64", DType.FLOAT64), Map.entry("u1", DType.UINT8),
                Map.entry("u2", DType.UINT16), Map.entry("u4", DType.UINT32), Map.entry("u8", DType.UINT64),
                Map.entry("i1", DType.INT8), Map.entry("i2", DType.INT16), Map.entry("i4", DType.INT32),
                Map.entry("i8", DType.INT64), Map.entry("f4", DType.FLOAT32), Map.entry("f8", DType.FLOAT64),
                Map.entry("H", DType.UINT16), Map.entry("h", DType.INT16), Map.entry("I", DType.UINT32),
                Map.entry("B", DType.UINT8), Map.entry("b", DType.INT8), Map.entry("f", DType.FLOAT32),
                Map.entry("d", DType.FLOAT64), Map.entry("float", DType.FLOAT64), Map.entry("bool", DType.BOOL));
        names.forEach((name, dtype) -> {
            for (String order : List.of("", "<", ">", "|", "=")) {
                StinsPacket.Image i = image(0, "[2]", order + name, "none", new byte[2 * dtype.itemSize()]);
                assertThat(i.dtype()).as(order + name).isEqualTo(dtype);
                assertThat(i.byteOrder()).as(order + name)
                        .isEqualTo(order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            }
        });
        byte[] bigEndian = ByteBuffer.allocate(4).putShort((short) 258).putShort((short) -2).array();
        assertThat((short[]) image(0, "[2]", ">u2", "none", bigEndian).pixels()).containsExactly((short) 258, (short) -2);
        assertThat(image(0, "[2]", ">i2", "none", bigEndian).data().getDouble(1)).isEqualTo(-2);
        assertThat(image(0, "[2]", ">u2", "none", bigEndian).data().getDouble(1)).isEqualTo(65534);
    }

    @Test
    void bslz4ImagesDecode() {
        int[] values = new int[1030 * 1065];
        for (int k = 0; k < values.length; k++) {
            values[k] = k % 97 == 0 ? k : k % 3;
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asIntBuffer().put(values);
        StinsPacket.Image i = image(3, "[1030, 1065]", "uint32", "bslz4", BitshuffleLz4.encode(raw.array(), 4));
        assertThat(i.data().shape()).containsExactly(1030, 1065);
        assertThat((int[]) i.pixels()).isEqualTo(values);
        assertThat(i.data().get(1029, 1064)).isEqualTo(2);   // 1096949 % 3
    }

    @Test
    void lz4ImagesDecodeInEitherLayout() {
        short[] values = new short[4097];
        for (int k = 0; k < values.length; k++) {
            values[k] = (short) (k * 31);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        raw.asShortBuffer().put(values);
        byte[] bare = LZ4Factory.fastestInstance().fastCompressor().compress(raw.array());
        assertThat((short[]) image(1, "[4097]", "<u2", "lz4", bare).pixels()).isEqualTo(values);
        byte[] hdf5 = ByteBuffer.allocate(12 + 4 + bare.length).putLong(raw.capacity()).putInt(raw.capacity())
                .putInt(bare.length).put(bare).array();
        assertThat((short[]) image(2, "[4097]", "<u2", "lz4", hdf5).pixels()).isEqualTo(values);
    }

    private static StinsPacket.Image image(long frame, String shape, String type, String compression, byte[] pixels) {
        return Stins.parse(List.of(json("{\"htype\":\"image\",\"frame\":" + frame + ",\"shape\":" + shape
                + ",\"type\":\"" + type + "\",\"compression\":\"" + compression + "\",\"msg_number\":1}"), pixels)).image();
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
