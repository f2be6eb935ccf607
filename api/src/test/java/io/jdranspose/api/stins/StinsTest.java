package io.jdranspose.api.stins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        assertThatThrownBy(compressed::data).hasMessageContaining("compression 'bslz4' is not decoded");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
