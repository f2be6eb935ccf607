package io.jdranspose.api.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.testdata.Captures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pickles written by Python 3.11 with numpy 1.24 (src/test/python/make_pickles.py) and hand-made hostile ones. */
class PickleReaderTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void numpyArraysAndScalars(int protocol) {
        Map<?, ?> m = (Map<?, ?>) PickleReader.read(resource("arrays-p" + protocol + ".pickle"));

        NdArray f64 = (NdArray) m.get("f64_1d");
        assertThat(f64.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(f64.shape()).containsExactly(3);
        assertThat((double[]) f64.toArray()).containsExactly(1.5, -2.25, 3e300);

        NdArray u32 = (NdArray) m.get("u32_2d");
        assertThat(u32.dtype()).isEqualTo(DType.UINT32);
        assertThat(u32.shape()).containsExactly(2, 3);
        assertThat(u32.toDoubles()).containsExactly(4294967290.0, 4294967291.0, 4294967292.0, 4294967293.0,
                4294967294.0, 4294967295.0);
        assertThat(u32.get(1, 2)).isEqualTo(4294967295.0);

        NdArray i32 = (NdArray) m.get("i32_2d");
        assertThat(i32.dtype()).isEqualTo(DType.INT32);
        assertThat(i32.shape()).containsExactly(3, 2);
        assertThat((int[]) i32.toArray()).containsExactly(-1, 2, 3, -4, 5, 6);

        NdArray zeroD = (NdArray) m.get("f64_0d");
        assertThat(zeroD.shape()).isEmpty();
        assertThat(zeroD.getDouble(0)).isEqualTo(7.25);

        NdArray be = (NdArray) m.get("be_i4");
        assertThat(be.buffer().order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat((int[]) be.toArray()).containsExactly(1, -2);

        assertThat((float[]) ((NdArray) m.get("f32")).toArray()).containsExactly(0.5f, 1.5f);
        assertThat(((NdArray) m.get("empty")).shape()).containsExactly(0, 3);
        NdArray bool = (NdArray) m.get("bool");
        assertThat(bool.dtype()).isEqualTo(DType.BOOL);
        assertThat((byte[]) bool.toArray()).containsExactly(1, 0, 1);

        assertThat(m.get("scalar_f8")).isEqualTo(2.5);
        assertThat(m.get("scalar_i8")).isEqualTo(-3L);
        assertThat(m.get("scalar_u4")).isEqualTo(4000000000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void plainPythonValues(int protocol) {
        Map<?, ?> m = (Map<?, ?>) PickleReader.read(resource("plain-p" + protocol + ".pickle"));
        assertThat(m.get("none")).isNull();
        assertThat(m.containsKey("none")).isTrue();
        assertThat(m.get("true")).isEqualTo(true);
        assertThat(m.get("false")).isEqualTo(false);
        assertThat(m.get("int")).isEqualTo(-5L);
        assertThat(m.get("int4")).isEqualTo(100000L);
        assertThat(m.get("int8")).isEqualTo(-(1L << 40));
        assertThat(m.get("big")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(m.get("neg_big")).isEqualTo(BigInteger.TWO.pow(65).negate());
        assertThat(m.get("float")).isEqualTo(0.1);
        assertThat(m.get("str")).isEqualTo("h\u00e9llo \u2603");
        assertThat((byte[]) m.get("bytes")).containsExactly(0, 0xff, 0x10);
        assertThat((byte[]) m.get("bytearray")).containsExactly('a', 'b');
        assertThat(m.get("list")).isEqualTo(List.of(1L, List.of(2L, List.of(3L))));
        assertThat(m.get("tuple")).isEqualTo(List.of(1L, "a", List.of(2.0)));
        assertThat(m.get("empty_tuple")).isEqualTo(List.of());
        assertThat(map(m.get("od")).keySet()).containsExactly("z", "a");
        assertThat(map(m.get("od")).values()).containsExactly(1L, 2L);
        assertThat(m.get("nested")).isEqualTo(Map.of("a", Map.of("b", Arrays.asList(1.0, mapWithNull("c")))));
        List<?> shared = (List<?>) m.get("shared");
        assertThat(shared.get(0)).isSameAs(shared.get(1)).isEqualTo(List.of(1L, 2L));
        assertThat((List<?>) m.get("long_list")).hasSize(1500).element(1499).isEqualTo(1499L);
        assertThat(m.get(List.of(1L, "k"))).isEqualTo("tuple key");
        assertThat(m.get(7L)).isEqualTo("int key");
        assertThat(new ArrayList<Object>(m.keySet()).subList(0, 4)).containsExactly("none", "true", "false", "int");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void protocolZeroAndOne(int protocol) {
        Object v = PickleReader.read(resource("numbers-p" + protocol + ".pickle"));
        assertThat(v).isEqualTo(Arrays.asList(1L, -2L, BigInteger.TWO.pow(70), 0.5, null, true,
                List.of(3L, List.of(4L)), Map.of(5L, 6L)));
    }

    @Test
    void xspress3MetaPickleOfTheCapture() {
        // Image 0's meta pickle; reference values printed by Python's pickle.loads on the same bytes.
        byte[] pickle = Captures.messages("xspress3-dump.cbors").get(3).get(0);
        List<?> meta = (List<?>) PickleReader.read(pickle);
        assertThat(meta).hasSize(8);
        assertThat(((NdArray) meta.get(0)).toDoubles()).containsExactly(0, 0, 0, 1.5625019531274415e-15);
        assertThat((int[]) ((NdArray) meta.get(1)).toArray()).containsExactly(2, 0, 0, 3);
        assertThat((int[]) ((NdArray) meta.get(3)).toArray()).containsExactly(7999990, 7999990, 7999990, 7999990);
        assertThat(((NdArray) meta.get(6)).dtype()).isEqualTo(DType.INT32);
        assertThat(((NdArray) meta.get(7)).toDoubles())
                .containsExactly(1.00000175000525, 1.0, 1.0, 1.0000140002135032);
    }

    @Test
    void contrastPickleOfTheCapture() {
        // Protocol 2 with OrderedDict, _codecs.encode raw data, numpy arrays inside nested dicts.
        Map<Object, Object> point = map(PickleReader.read(Captures.messages("contrast-dump.cbors").get(2).get(0)));
        assertThat(point.keySet()).containsExactly("sx", "sy", "pseudo", "panda0", "xspress3", "dt", "status");
        assertThat(point.get("sx")).isEqualTo(-2.000431059888797);
        NdArray x = (NdArray) ((Map<?, ?>) point.get("pseudo")).get("x");
        assertThat(x.shape()).containsExactly(1);
        assertThat(x.getDouble(0)).isEqualTo(-2.004051863);
        assertThat(((Map<?, ?>) point.get("xspress3")).get("universal")).isEqualTo(true);
    }

    @Test
    void refusesGlobalsOutsideTheAllowList() {
        assertThatThrownBy(() -> PickleReader.read(latin1("cos\nsystem\n(S'echo hi'\ntR.")))
                .isInstanceOf(PickleException.class)
                .hasMessageStartingWith("pickle: GLOBAL 'os.system' is not allowed")
                .hasMessageEndingWith("(at byte 0)");
        assertThatThrownBy(() -> PickleReader.read(latin1(
                "\u0080\u0004\u008c\u0008builtins\u008c\u0004eval\u0093\u008c\u00041+1\u0085R.")))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("STACK_GLOBAL 'builtins.eval' is not allowed")
                .hasMessageEndingWith("(at byte 18)");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002csubprocess\nPopen\n]\u0085R.")))
                .hasMessageContaining("GLOBAL 'subprocess.Popen' is not allowed").hasMessageContaining("at byte 2");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002cbuiltins\ngetattr\n.")))
                .hasMessageContaining("'builtins.getattr' is not allowed");
        // numpy.ndarray is allowed as an argument of _reconstruct, not as a callable
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002cnumpy\nndarray\n)R.")))
                .hasMessageContaining("REDUCE of numpy.ndarray directly is not supported");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002X\u0001\u0000\u0000\u0000a)R.")))
                .hasMessageContaining("REDUCE cannot call a str");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002cnumpy\ndtype\n.")))
                .hasMessageContaining("the callable numpy.dtype cannot be used as the pickled value");
    }

    @Test
    void refusesOpcodesThatInstantiateOrLookUpObjects() {
        assertThatThrownBy(() -> PickleReader.read(latin1("(S'ls'\nios\nsystem\n.")))
                .isInstanceOf(PickleException.class).hasMessageContaining("STRING");
        assertThatThrownBy(() -> PickleReader.read(latin1("(ios\nsystem\n.")))
                .hasMessageContaining("INST opcode would instantiate os.system; refused");
        assertThatThrownBy(() -> PickleReader.read(latin1("(o."))).hasMessageContaining("OBJ opcode");
        assertThatThrownBy(() -> PickleReader.read(latin1("Pkey\n."))).hasMessageContaining("PERSID opcode");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002K\u0001Q."))).hasMessageContaining("BINPERSID");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002\u0082\u0001.")))
                .hasMessageContaining("EXT1 opcode");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002cnumpy\ndtype\n)\u0081.")))
                .hasMessageContaining("NEWOBJ of the callable numpy.dtype is not supported");
    }

    @Test
    void malformedInputFailsWithTheOffset() {
        byte[] whole = resource("arrays-p3.pickle");
        for (int cut : new int[] {0, 1, 2, 30, whole.length / 2, whole.length - 1}) {
            assertThatThrownBy(() -> PickleReader.read(Arrays.copyOf(whole, cut)))
                    .as("cut at %d", cut).isInstanceOf(PickleException.class).hasMessageContaining("truncated");
        }
        assertThatThrownBy(() -> PickleReader.read(new byte[] {(byte) 0x80, 2, (byte) 0xff}))
                .hasMessage("pickle: unknown opcode 0xff (at byte 2)");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002a.")))
                .hasMessage("pickle: stack underflow (at byte 2)");
        assertThatThrownBy(() -> PickleReader.read(latin1("K\u0001(K\u0002K\u0003u."))).hasMessageContaining("SETITEM on a int");
        assertThatThrownBy(() -> PickleReader.read(latin1("K\u0001e."))).hasMessageContaining("no MARK");
        assertThatThrownBy(() -> PickleReader.read(latin1("h\u0007."))).hasMessageContaining("memo has no entry 7");
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0009.")))
                .hasMessageContaining("PROTO 9 is newer");
        byte[] huge = latin1("\u0080\u0004\u008d\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u007f.");
        assertThatThrownBy(() -> PickleReader.read(huge)).hasMessageContaining("BINUNICODE8 of 9223372036854775807 bytes (str of at most 67108864 bytes accepted)");
    }

    @Test
    void refusesRecursionDepthAndCopyBombs() {
        // l = []; l.append(l)
        assertThatThrownBy(() -> PickleReader.read(latin1("\u0080\u0002]q\u0000h\u0000a.")))
                .hasMessageContaining("recursive structures are not supported");
        byte[] deep = new byte[2 * 1000 + 1];
        Arrays.fill(deep, 0, 1000, (byte) ']');
        Arrays.fill(deep, 1000, 1999, (byte) 'a');
        deep[1999] = '.';
        assertThatThrownBy(() -> PickleReader.read(Arrays.copyOf(deep, 2000)))
                .hasMessageContaining("nest deeper than 100");
        // a 1000-character str encoded again and again from the memo
        StringBuilder bomb = new StringBuilder("\u0080\u0002]q\u0001X\u00e8\u0003\u0000\u0000" + "x".repeat(1000)
                + "q\u0002c_codecs\nencode\nq\u0003(");
        for (int i = 0; i < 20000; i++) {
            bomb.append("h\u0003h\u0002X\u0006\u0000\u0000\u0000latin1\u0086R");
        }
        bomb.append("e.");
        assertThatThrownBy(() -> PickleReader.read(latin1(bomb.toString())))
                .hasMessageContaining("four times the pickle's size");
    }

    @Test
    void exceptionIsAProtocolException() {
        assertThat(new PickleException("x", 3)).isInstanceOf(ProtocolException.class).hasMessage("pickle: x (at byte 3)");
        assertThat(PickleReader.ALLOWED_GLOBALS).contains("numpy.core.multiarray._reconstruct", "_codecs.encode");
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> map(Object o) {
        return (Map<Object, Object>) o;
    }

    private static Map<Object, Object> mapWithNull(String key) {
        Map<Object, Object> m = new java.util.HashMap<>();
        m.put(key, null);
        return m;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] resource(String name) {
        try (InputStream in = PickleReaderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
