package io.jdranspose.api.eiger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.compression.BitshuffleLz4;
import io.jdranspose.api.testdata.Captures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class EigerLegacyTest {
    @Test
    void parsesTheCapturedSeries() {
        List<List<byte[]>> messages = Captures.messages("eiger-small.cbors");
        assertThat(messages).hasSize(5);

        EigerPacket.Header header = (EigerPacket.Header) EigerLegacy.parse(StreamData.of(EigerLegacy.TYPE,
                messages.get(0).toArray(byte[][]::new)));
        assertThat(header.series()).isEqualTo(6);
        assertThat(header.headerDetail()).isEqualTo("all");
        assertThat(header.config()).containsEntry("compression", "bslz4").containsEntry("bit_depth_image", 32);
        assertThat(header.tables()).extracting(EigerPacket.Table::htype)
                .containsExactly("dflatfield-1.0", "dpixelmask-1.0", "dcountrate_table-1.0");
        assertThat(header.tables().get(1).dtype()).isEqualTo(DType.UINT32);
        assertThat(header.tables().get(2).shape()).containsExactly(2, 1001);
        NdArray countRate = header.tables().get(2).data();
        assertThat(countRate.shape()).containsExactly(1001, 2);
        assertThat(countRate.getDouble(0)).isZero();
        assertThatThrownBy(() -> header.tables().get(0).data())
                .hasMessage("Eiger legacy dflatfield-1.0: shape [3108, 3262] of float32 needs 40553184 bytes, got 20000");
        assertThat(header.appendix()).isInstanceOfSatisfying(Map.class, a -> assertThat(a).containsKey("collect_dict"));

        for (int f = 0; f < 3; f++) {
            EigerPacket.Image image = EigerLegacy.parse(messages.get(1 + f)).image();
            assertThat(image.series()).isEqualTo(6);
            assertThat(image.frame()).isEqualTo(f);
            assertThat(image.shape()).containsExactly(3108, 3262);
            assertThat(image.dtype()).isEqualTo(DType.UINT32);
            assertThat(image.encoding()).isEqualTo("bs32-lz4<");
            assertThat(image.realTime()).isEqualTo(9_999_900);
            assertThat(image.stopTime() - image.startTime()).isEqualTo(9_999_900);
            assertThat(image.appendix()).isEqualTo(Map.of());
            assertThat(image.blob()).hasSize(20_000);
        }
        EigerPacket.Image first = EigerLegacy.parse(messages.get(1)).image();
        assertThat(first.hash()).isEqualTo("59bb3a04cd9d59d54e283c465036085c");
        assertThat(first.size()).isEqualTo(755_083);
        assertThat(first.startTime()).isEqualTo(103_597_359_252_740L);
        assertThatThrownBy(first::data).isInstanceOf(ProtocolException.class).hasMessage("Eiger image frame 0 of series 6: "
                + "blob is truncated: header declares size 755083 bytes, the blob has 20000");

        EigerPacket end = EigerLegacy.parse(messages.get(4));
        assertThat(end).isInstanceOf(EigerPacket.End.class);
        assertThat(end.series()).isEqualTo(6);
        assertThat(end.image()).isNull();
    }

    @Test
    void decodesEveryEncodingOfAFullImage() throws IOException {
        byte[] vector;
        try (InputStream in = BitshuffleLz4.class.getResourceAsStream("u32_1030x1065.bslz4")) {
            vector = in.readAllBytes();
        }
        byte[] raw = BitshuffleLz4.decode(vector, 4);
        // python's pattern(i): ((i % 56) * 0x9E3779B97F4A7C15) ^ (i >> 11), as uint32
        long expectedLast = (((1096949 % 56) * 0x9E3779B97F4A7C15L) ^ (1096949 >>> 11)) & 0xFFFFFFFFL;

        NdArray image = EigerLegacy.parse(image(7, "bs32-lz4<", "[1065, 1030]", "uint32", vector, true)).image().data();
        assertThat(image.shape()).containsExactly(1030, 1065);
        assertThat(image.dtype()).isEqualTo(DType.UINT32);
        assertThat(image.get(1029, 1064)).isEqualTo(expectedLast);
        assertThat(image.get(0, 1)).isEqualTo(0x9E3779B97F4A7C15L & 0xFFFFFFFFL);

        byte[] lz4 = LZ4Factory.fastestInstance().fastCompressor().compress(raw);
        NdArray fromLz4 = EigerLegacy.parse(image(8, "lz4<", "[1065, 1030]", "uint32", lz4, false)).image().data();
        assertThat((int[]) fromLz4.toArray()).isEqualTo((int[]) image.toArray());

        NdArray plain = EigerLegacy.parse(image(9, "<", "[1065, 1030]", "uint32", raw, true)).image().data();
        assertThat(plain.get(1029, 1064)).isEqualTo(expectedLast);

        byte[] sixteen = ByteBuffer.allocate(2 * 4 * 3).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) 2).putShort((short) 3).putShort((short) 4)
                .putShort((short) 5).putShort((short) 6).putShort((short) 7).putShort((short) 8)
                .putShort((short) 9).putShort((short) 10).putShort((short) 11).putShort((short) 65535).array();
        NdArray small = EigerLegacy.parse(image(1, "bs16-lz4<", "[4, 3]", "uint16",
                BitshuffleLz4.encode(sixteen, 2), true)).image().data();
        assertThat(small.shape()).containsExactly(3, 4);
        assertThat(small.get(2, 3)).isEqualTo(65535);
        assertThat(small.get(1, 0)).isEqualTo(5);
        NdArray bytes = EigerLegacy.parse(image(1, "bs8-lz4<", "[3]", "uint8",
                BitshuffleLz4.encode(new byte[] {1, 2, (byte) 200}, 1), true)).image().data();
        assertThat(bytes.getDouble(2)).isEqualTo(200);
    }

    @Test
    void headerDetailLevels() {
        EigerPacket.Header none = (EigerPacket.Header) EigerLegacy.parse(List.of(
                json("{\"htype\":\"dheader-1.0\",\"header_detail\":\"none\",\"series\":2}")));
        assertThat(none.config()).isNull();
        assertThat(none.tables()).isEmpty();
        assertThat(none.appendix()).isNull();
        EigerPacket.Header basic = (EigerPacket.Header) EigerLegacy.parse(List.of(
                json("{\"htype\":\"dheader-1.0\",\"header_detail\":\"basic\",\"series\":3}"), json("{\"nimages\":5}"),
                json("beamline note")));
        assertThat(basic.config()).containsEntry("nimages", 5);
        assertThat(basic.appendix()).isEqualTo("beamline note");
        assertThatThrownBy(() -> EigerLegacy.parse(List.of(json("{\"htype\":\"dheader-1.0\",\"header_detail\":\"all\",\"series\":3}"),
                json("{}")))).hasMessage("Eiger legacy header of series 3 with header_detail 'all' has 2 parts, expected 8 or 9 with an appendix");
        assertThatThrownBy(() -> EigerLegacy.parse(List.of(json("{\"htype\":\"dheader-1.0\",\"header_detail\":\"some\",\"series\":3}"))))
                .hasMessage("Eiger legacy header of series 3 has unknown header_detail 'some' (known: all, basic, none)");
    }

    @Test
    void malformedMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> EigerLegacy.parse(List.of())).hasMessage("Eiger legacy message has no parts");
        assertThatThrownBy(() -> EigerLegacy.parse((StreamData) null)).hasMessage("no Eiger legacy stream in this event");
        assertThatThrownBy(() -> EigerLegacy.parse(List.of(json("{\"htype\":\"dimage-1.0\",\"series\":1}"))))
                .hasMessage("Eiger legacy image has no integer 'frame'");
        assertThatThrownBy(() -> EigerLegacy.parse(List.of(json("{\"htype\":\"dimage-1.0\",\"series\":1,\"frame\":4}"))))
                .hasMessage("Eiger legacy image frame 4 of series 1 has 1 parts, expected 5 (or 4 without appendix)");
        assertThatThrownBy(() -> EigerLegacy.parse(List.of(json("{\"htype\":\"dblob\"}"))))
                .hasMessage("Eiger legacy message has unknown htype 'dblob'");
        assertThatThrownBy(() -> EigerLegacy.parse(List.of(new byte[] {1, 2})))
                .hasMessageStartingWith("Eiger legacy first part is not a JSON object");
        assertThatThrownBy(() -> EigerLegacy.parse(image(3, "zstd<", "[2]", "uint8", new byte[2], true)))
                .hasMessage("Eiger legacy image frame 3 of series 6 has unknown encoding 'zstd<' (known: <, >, bs16-lz4<,"
                        + " bs16-lz4>, bs32-lz4<, bs32-lz4>, bs64-lz4<, bs64-lz4>, bs8-lz4<, bs8-lz4>, lz4<, lz4>)");
        assertThatThrownBy(() -> EigerLegacy.parse(image(3, "bs16-lz4<", "[2]", "uint32", new byte[2], true)).image().data())
                .hasMessage("Eiger image frame 3 of series 6: encoding 'bs16-lz4<' shuffles 16-bit items, type uint32 has 32");
        assertThatThrownBy(() -> EigerLegacy.parse(image(3, "<", "[3]", "uint16", new byte[4], true)).image().data())
                .hasMessage("Eiger image frame 3 of series 6: shape [3] of uint16 needs 6 bytes, got 4");
    }

    private static List<byte[]> image(long frame, String encoding, String shape, String type, byte[] blob, boolean appendix) {
        List<byte[]> parts = new ArrayList<>(List.of(
                json("{\"frame\":" + frame + ",\"hash\":\"00\",\"htype\":\"dimage-1.0\",\"series\":6}"),
                json("{\"encoding\":\"" + encoding + "\",\"htype\":\"dimage_d-1.0\",\"shape\":" + shape + ",\"size\":"
                        + blob.length + ",\"type\":\"" + type + "\"}"),
                blob,
                json("{\"htype\":\"dconfig-1.0\",\"real_time\":1000,\"start_time\":5,\"stop_time\":1005}")));
        if (appendix) {
            parts.add(json("{}"));
        }
        return parts;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
