package io.jdranspose.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterTest {
    static final Parameter<Long> BINS = Parameter.integer("q_bins", 100, "number of q bins");
    static final Parameter<Double> BEAM = Parameter.floating("beam_x", 512.0, "beam centre x");
    static final Parameter<Boolean> FAST = Parameter.bool("fast", false, null);
    static final Parameter<String> NAME = Parameter.string("stream", "eiger", null);
    static final Parameter<byte[]> MASK = Parameter.binary("mask", new byte[0], null);
    static final Parameter<String> MODE = Parameter.choice("mode", "sum", null, "sum", "mean", "max");

    @Test
    void valuesParseFromDransposesWireForms() {
        assertThat(BINS.parse(bytes(" 42 "))).isEqualTo(42L);
        assertThat(BEAM.parse(bytes("1e3"))).isEqualTo(1000.0);
        assertThat(BEAM.parse(bytes("nan"))).isNaN();
        assertThat(BEAM.parse(bytes("-inf"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(FAST.parse(bytes("True"))).isTrue();
        assertThat(FAST.parse(bytes("False"))).isFalse();
        assertThat(NAME.parse(bytes("orca"))).isEqualTo("orca");
        assertThat(MASK.parse(new byte[] {0, 1})).containsExactly(0, 1);
        assertThat(MODE.parse(bytes("max"))).isEqualTo("max");
    }

    @Test
    void encodingMatchesDranspose() {
        assertThat(new String(FAST.encode(true), StandardCharsets.UTF_8)).isEqualTo("True");
        assertThat(new String(BEAM.encode(0.0), StandardCharsets.UTF_8)).isEqualTo("0.0");
        assertThat(new String(BINS.encode(7L), StandardCharsets.UTF_8)).isEqualTo("7");
        assertThat(BEAM.parse(BEAM.encode(Double.POSITIVE_INFINITY))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void badValuesNameTheParameterAndTheText() {
        assertThatThrownBy(() -> BINS.parse(bytes("4.5")))
                .hasMessage("parameter 'q_bins' (int): '4.5' is not an integer");
        assertThatThrownBy(() -> BEAM.parse(bytes("left")))
                .hasMessage("parameter 'beam_x' (float): 'left' is not a number");
        assertThatThrownBy(() -> FAST.parse(bytes("yes")))
                .hasMessage("parameter 'fast' (bool): 'yes' is not True or False");
        assertThatThrownBy(() -> MODE.parse(bytes("median")))
                .hasMessage("parameter 'mode' (enum): 'median' is not one of [sum, mean, max]");
        assertThatThrownBy(() -> Parameter.choice("m", "x", null, "a", "b"))
                .hasMessageContaining("default 'x' of parameter m is not one of [a, b]");
        assertThatThrownBy(() -> Parameter.integer("a:b", 0, null)).hasMessageContaining("invalid parameter name");
    }

    @Test
    void parameterSetsGiveTypedValuesAndDefaults() {
        Parameters p = Parameters.of(Map.of("q_bins", bytes("50"), "other", bytes("x")), List.of(BINS, BEAM, MASK));
        assertThat(p.get(BINS)).isEqualTo(50L);
        assertThat(p.get(BEAM)).isEqualTo(512.0);
        assertThat(p.get(MASK)).isEmpty();
        assertThat(p.text("other")).isEqualTo("x");
        assertThat(p.names()).containsExactly("beam_x", "mask", "other", "q_bins");
        assertThat(p.text("beam_x")).as("defaults are readable as raw values too").isEqualTo("512.0");
        assertThatThrownBy(() -> p.text("nope")).hasMessageContaining("no parameter 'nope'");
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        assertThatThrownBy(() -> Parameters.of(Map.of("q_bins", bytes("many"), "fast", bytes("maybe")),
                List.of(BINS, FAST)))
                .hasMessageContaining("'q_bins' (int): 'many'")
                .hasMessageContaining("'fast' (bool): 'maybe'");
    }

    @Test
    void theHashChangesWithTheValuesOnly() {
        Parameters a = Parameters.of(Map.of("q_bins", bytes("50")), List.of(BINS));
        Parameters b = Parameters.of(Map.of("q_bins", bytes("50")), List.of());
        Parameters c = a.with("q_bins", bytes("51"), List.of(BINS));
        assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64);
        assertThat(c.hash()).isNotEqualTo(a.hash());
        assertThat(c.get(BINS)).isEqualTo(51L);
        assertThat(Parameters.empty().hash()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
