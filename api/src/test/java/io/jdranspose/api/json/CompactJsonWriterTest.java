package io.jdranspose.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompactJsonWriterTest {
    @Test
    void deviceFloatsInPlainNotationAreCopiedAsWrittenOthersAreFormatted() throws Exception {
        String json = "[7.1160000000000005, 8879.101048716273, -0.5, 0.000123, 0.0, 1e-05, 0.00001, 2.50, 1.5e3,"
                + " 12345678901234567.0]";
        CompactJsonWriter out = new CompactJsonWriter(64);
        try (var p = JsonFrame.FACTORY.createParser(json)) {
            p.nextToken();
            boolean first = true;
            for (var t = p.nextToken(); t != com.fasterxml.jackson.core.JsonToken.END_ARRAY; t = p.nextToken()) {
                out.raw(first ? '[' : ',');
                first = false;
                out.deviceFloat(p);
            }
        }
        out.raw(']');
        assertThat(new String(out.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(
                "[7.1160000000000005,8879.101048716273,-0.5,0.000123,0.0,0.00001,0.00001,2.50,1500.0,1.2345678901234568e16]");
    }

    @Test
    void floatsAsPydanticWritesThem() {
        // ryu's notation (serde_json inside Pydantic v2): plain from 1e-5 up to 1e16, exponent without '+' beyond.
        assertThat(CompactJsonWriter.formatDouble(2.0)).isEqualTo("2.0");
        assertThat(CompactJsonWriter.formatDouble(0.5)).isEqualTo("0.5");
        assertThat(CompactJsonWriter.formatDouble(-0.0)).isEqualTo("-0.0");
        assertThat(CompactJsonWriter.formatDouble(7.1160000000000005)).isEqualTo("7.1160000000000005");
        assertThat(CompactJsonWriter.formatDouble(8879.101048716273)).isEqualTo("8879.101048716273");
        assertThat(CompactJsonWriter.formatDouble(1e-5)).isEqualTo("0.00001");
        assertThat(CompactJsonWriter.formatDouble(1.5e-6)).isEqualTo("1.5e-6");
        assertThat(CompactJsonWriter.formatDouble(-2.8302592615927417e-11)).isEqualTo("-2.8302592615927417e-11");
        assertThat(CompactJsonWriter.formatDouble(1e15)).isEqualTo("1000000000000000.0");
        assertThat(CompactJsonWriter.formatDouble(1e16)).isEqualTo("1e16");
        assertThat(CompactJsonWriter.formatDouble(1.2345678e20)).isEqualTo("1.2345678e20");
        assertThat(CompactJsonWriter.formatDouble(1704807770443944912.0)).isEqualTo("1.7048077704439450e18"
                .replace("450e", "45e"));
        assertThat(CompactJsonWriter.formatDouble(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(CompactJsonWriter.formatDouble(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e308");
        assertThat(CompactJsonWriter.formatDouble(123456.0)).isEqualTo("123456.0");
        assertThat(CompactJsonWriter.formatDouble(0.001234)).isEqualTo("0.001234");
    }

    @Test
    void copiesOnlyTextThatIsAlreadyCanonical() {
        for (String t : new String[] {"1.0", "-0.0", "0.5", "8879.5", "0.00001", "100.5", "1000000000000000.0",
                "123456789012345.0", "0.123456789012345"}) {
            assertThat(CompactJsonWriter.isCanonical(t.toCharArray(), 0, t.length())).as(t).isTrue();
            assertThat(CompactJsonWriter.formatDouble(Double.parseDouble(t))).isEqualTo(t);
        }
        for (String t : new String[] {"1.50", "1e5", "0.000001", "9999999999999999.0", "1234567890123456.5",
                "0.1000000000000000055", "7.1160000000000005", "NaN", "1.", "01.5", "-"}) {
            assertThat(CompactJsonWriter.isCanonical(t.toCharArray(), 0, t.length())).as(t).isFalse();
        }
    }

    /** Text judged canonical is exactly what formatting its double gives (so copying it is safe). */
    @FuzzTest(maxDuration = "30s")
    void canonicalTextIsWhatFormattingGives(String text) {
        if (text != null && CompactJsonWriter.isCanonical(text.toCharArray(), 0, text.length())) {
            assertThat(CompactJsonWriter.formatDouble(Double.parseDouble(text))).isEqualTo(text);
        }
    }

    @Test
    void copiesNestedValuesCompactly() throws Exception {
        String in = "{ \"a\" : [1, 2.50, -0, 1e400, NaN, \"\\u00e9\\n\\u0001\\\"\", true, null, {\"b\": {}}, []] }";
        try (JsonParser p = JsonFrame.FACTORY.createParser(in)) {
            p.nextToken();
            byte[] out = new CompactJsonWriter(4).value(p).toByteArray();
            assertThat(new String(out, StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":[1,2.5,0,null,null,\"é\\n\\u0001\\\"\",true,null,{\"b\":{}},[]]}");
        }
    }
}
