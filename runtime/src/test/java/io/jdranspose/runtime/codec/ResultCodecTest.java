package io.jdranspose.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Worker;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCodecTest {
    record Roi(long event, double mean, float[] profile, String label) { }

    record Nested(Roi roi, List<Roi> history, Map<String, Double> extra) { }

    static final class RoiWorker implements Worker<Roi> {
        @Override
        public Roi process(EventData event, Parameters parameters) {
            return null;
        }
    }

    static final class MapWorker implements Worker<Map<String, Object>> {
        @Override
        public Map<String, Object> process(EventData event, Parameters parameters) {
            return null;
        }
    }

    @Test
    void recordsRoundTripWithTheirFieldValues() {
        ResultCodec codec = ResultCodec.forWorker(new RoiWorker());
        Roi roi = new Roi(42, 12.5, new float[] {1f, 2.5f, Float.NaN}, "eiger");
        Roi back = (Roi) codec.decode(codec.encode(roi));
        assertThat(back.event()).isEqualTo(42);
        assertThat(back.mean()).isEqualTo(12.5);
        assertThat(back.profile()).containsExactly(1f, 2.5f, Float.NaN);
        assertThat(back.label()).isEqualTo("eiger");
    }

    @Test
    void nestedRegisteredTypesDecodeIntoTheirDeclaredFieldTypes() {
        ResultCodec codec = ResultCodec.forTypes(List.of(Nested.class));
        Nested n = new Nested(new Roi(1, 2, new float[0], "a"), List.of(new Roi(3, 4, new float[] {5}, "b")),
                Map.of("x", 1.5));
        Nested back = (Nested) codec.decode(codec.encode(n));
        assertThat(back.history()).hasSize(1);
        assertThat(back.history().get(0)).isInstanceOf(Roi.class);
        assertThat(back.history().get(0).profile()).containsExactly(5f);
        assertThat(back.extra()).containsEntry("x", 1.5);
    }

    @Test
    void primitiveArraysStringsNumbersAndMapsWorkWithoutRegistration() {
        ResultCodec codec = ResultCodec.forTypes(List.of());
        assertThat((double[]) codec.decode(codec.encode(new double[] {1, 2, 3}))).containsExactly(1, 2, 3);
        assertThat((short[]) codec.decode(codec.encode(new short[] {-1, 7}))).containsExactly((short) -1, (short) 7);
        assertThat((byte[]) codec.decode(codec.encode(new byte[] {9, 8}))).containsExactly(9, 8);
        assertThat(codec.decode(codec.encode("text"))).isEqualTo("text");
        assertThat(codec.decode(codec.encode(7L))).isEqualTo(7L);
        assertThat(codec.decode(codec.encode(Map.of("sum", 3, "name", "x")))).isEqualTo(Map.of("sum", 3, "name", "x"));
        assertThat(codec.decode(codec.encode(List.of(1, 2)))).isEqualTo(List.of(1, 2));
    }

    @Test
    void aWorkerWithAnInterfaceResultTypeRegistersNothingExtra() {
        ResultCodec codec = ResultCodec.forWorker(new MapWorker());
        assertThat(codec.allowedTypeNames()).contains("java.util.Map").doesNotContain("java.util.HashMap");
        assertThat(codec.decode(codec.encode(Map.of("a", 1)))).isEqualTo(Map.of("a", 1));
    }

    @Test
    void unregisteredResultTypesAreRefusedByName() {
        ResultCodec codec = ResultCodec.forTypes(List.of());
        assertThatThrownBy(() -> codec.encode(new Roi(1, 1, new float[0], "")))
                .isInstanceOf(ResultCodecException.class)
                .hasMessageContaining(Roi.class.getName())
                .hasMessageContaining("not registered");
    }

    @Test
    void bytesNamingAClassOutsideTheAllowlistAreRejectedWithoutLoadingIt() throws Exception {
        ResultCodec codec = ResultCodec.forTypes(List.of(Roi.class));
        byte[] hostile = cborArray("java.lang.ProcessBuilder", new byte[] {(byte) 0x81, 0x62, 'l', 's'});
        assertThatThrownBy(() -> codec.decode(hostile))
                .isInstanceOf(ResultCodecException.class)
                .hasMessageContaining("'java.lang.ProcessBuilder', which is not registered");
    }

    @Test
    void garbageIsAClearError() {
        ResultCodec codec = ResultCodec.forTypes(List.of());
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(ResultCodecException.class)
                .hasMessageContaining("not a [type, value] CBOR array");
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(ResultCodecException.class);
    }

    @Test
    void fieldsThatDoNotFitTheTypeAreAClearError() throws Exception {
        ResultCodec codec = ResultCodec.forTypes(List.of(Roi.class));
        // {"event": "not a number"}
        byte[] value = {(byte) 0xA1, 0x65, 'e', 'v', 'e', 'n', 't', 0x63, 'a', 'b', 'c'};
        assertThatThrownBy(() -> codec.decode(cborArray(Roi.class.getName(), value)))
                .isInstanceOf(ResultCodecException.class)
                .hasMessageContaining("cannot decode result payload");
    }

    /** [text name, raw CBOR value] */
    private static byte[] cborArray(String name, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x82);
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(0x78);
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(value);
        return out.toByteArray();
    }
}
