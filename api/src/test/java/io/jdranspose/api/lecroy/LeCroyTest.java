package io.jdranspose.api.lecroy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.testdata.Captures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeCroyTest {

    /** The capture grouped as the ingester does in continuous mode: the one seq start begins every group. */
    static List<List<byte[]>> items() {
        List<List<byte[]>> items = new ArrayList<>();
        byte[] seqStart = null;
        List<byte[]> group = null;
        for (List<byte[]> message : Captures.messages("maui-02-continuous-3.cbor.gz")) {
            switch (LeCroy.classify(message)) {
                case PREPARE, STOP -> items.add(message);
                case SEQUENCE_START -> {
                    seqStart = message.get(0);
                    group = new ArrayList<>(List.of(seqStart));
                }
                case TRACES -> group.addAll(message);
                case SEQUENCE_END -> {
                    group.add(message.get(0));
                    items.add(group);
                    group = new ArrayList<>(List.of(seqStart));
                }
            }
        }
        return items;
    }

    @Test
    void parsesTheContinuousCapture() {
        List<List<byte[]>> items = items();
        assertThat(items).hasSize(4);
        assertThat(items.get(1)).hasSize(8);
        List<LeCroyPacket> packets = items.stream().map(i -> LeCroy.parse(new StreamData(LeCroy.TYPE, i))).toList();
        assertThat(packets.get(0)).isInstanceOf(LeCroyPacket.Prepare.class);
        assertThat(packets.get(3)).isInstanceOfSatisfying(LeCroyPacket.Stop.class, s -> assertThat(s.frames()).isEqualTo(4));

        for (LeCroyPacket p : packets.subList(1, 3)) {
            LeCroyPacket.Sequence seq = (LeCroyPacket.Sequence) p;
            assertThat(seq.ntriggers()).isEqualTo(-1);
            assertThat(seq.channels()).containsExactly(2L, 4L);
            assertThat(seq.traces()).extracting(LeCroyPacket.Trace::channel).containsExactly(2, 4);
            for (LeCroyPacket.Trace t : seq.traces()) {
                assertThat(t.waveforms().shape()).containsExactly(1, 8002);
                assertThat(t.waveforms().dtype()).isEqualTo(DType.FLOAT64);
                assertThat(t.timestamps()).hasSize(1);
                assertThat(t.horizInterval()).isEqualTo(1.25000001668929e-11);
            }
        }
        // Reference values of §12 and numpy on the capture (src/test/python/captures.py).
        LeCroyPacket.Sequence first = (LeCroyPacket.Sequence) packets.get(1);
        assertThat(first.trace(2).waveforms().max()).isEqualTo(0.1631136015521406);
        assertThat(first.trace(4).waveforms().max()).isEqualTo(0.220660299555675);
        assertThat(first.trace(2).timestamps()).containsExactly(1740563664.870739);
        assertThat(first.trace(2).horizOffset()).isEqualTo(-1.0000447740009733e-07);

        LeCroyPacket.Sequence second = (LeCroyPacket.Sequence) packets.get(2);
        assertThat(second.trace(2).waveforms().max()).isEqualTo(0.1675630532008654);
        assertThat(second.trace(2).timestamps()).containsExactly(1740563664.335);
        assertThat(second.trace(4).waveforms().max()).isEqualTo(0.2167088853457244);
        assertThat(second.trace(4).horizOffset()).isEqualTo(-1.000058854433234e-07);
        assertThat(second.trace(3)).isNull();
        assertThat(second.seqEnd().get("frame")).isEqualTo(4);
    }

    @Test
    void malformedItemsSayWhatIsWrong() {
        List<byte[]> seq = items().get(1);
        assertThatThrownBy(() -> LeCroy.parse(seq.subList(0, 7)))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("LeCroy sequence item has 7 frames");
        List<byte[]> noEnd = new ArrayList<>(seq.subList(0, 7));
        noEnd.add(seq.get(1));
        assertThatThrownBy(() -> LeCroy.parse(noEnd))
                .hasMessage("LeCroy sequence item does not end with a sequence end (what: 2)");
        List<byte[]> shortWaves = new ArrayList<>(seq);
        shortWaves.set(2, new byte[16]);
        assertThatThrownBy(() -> LeCroy.parse(shortWaves))
                .hasMessage("LeCroy trace of channel 2 waveforms: shape [1, 8002] of float64 needs 64016 bytes, the frame has 16");
        List<byte[]> badTs = new ArrayList<>(seq);
        badTs.set(3, "cos\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> LeCroy.parse(badTs))
                .hasMessageStartingWith("LeCroy trace of channel 2 timestamps: pickle: GLOBAL 'os.system' is not allowed");
        assertThatThrownBy(() -> LeCroy.parse(List.of(json("{\"htype\":\"msg\",\"what\":7}"))))
                .hasMessage("LeCroy msg has unknown 'what' 7");
        assertThatThrownBy(() -> LeCroy.parse(List.of(json("{\"htype\":\"msg\",\"what\":2}"))))
                .hasMessageStartingWith("LeCroy item starts with a SEQUENCE_END message");
        assertThatThrownBy(() -> LeCroy.classify(List.of(json("{\"htype\":\"traces\"}"))))
                .hasMessage("LeCroy traces message has 1 frames, expected 3 (meta, waveforms, timestamps)");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
