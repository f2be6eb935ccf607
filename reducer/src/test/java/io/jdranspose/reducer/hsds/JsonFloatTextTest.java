package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path for whole numbers writes exactly what Jackson (Float/Double.toString) writes. */
class JsonFloatTextTest {
    @Test
    void wholeNumbersAndEverythingElsePrintAsJacksonPrintsThem() throws IOException {
        float[] floats = {0f, -0f, 1f, -1f, 9_999_999f, 1e7f, -1e7f, 16_777_216f, 0.5f, 0.1f, 1e-3f, 3e38f, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, 123_456f, -65_535f};
        for (float f : floats) {
            assertThat(ours(f)).as(Float.toString(f)).isEqualTo(jackson(f));
        }
        double[] doubles = {0, -0.0, 1, -1, 9_999_999, 1e7, 9_999_999.5, 1e15, 0.1, 0.10000000149011612, Double.NaN,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Long.MAX_VALUE, -123_456_789};
        for (double d : doubles) {
            assertThat(ours(d)).as(Double.toString(d)).isEqualTo(jackson(d));
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float whole = (float) random.nextInt(-20_000_000, 20_000_000);
            assertThat(ours(whole)).isEqualTo(jackson(whole));
            double any = random.nextDouble(-1e8, 1e8);
            assertThat(ours(Math.rint(any))).isEqualTo(jackson(Math.rint(any)));
        }
    }

    private static String ours(float v) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = HsdsJson.VALUES.createGenerator(w)) {
            JsonValueWriter.writeFloat(g, v);
        }
        return w.toString();
    }

    private static String ours(double v) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = HsdsJson.VALUES.createGenerator(w)) {
            JsonValueWriter.writeDouble(g, v);
        }
        return w.toString();
    }

    private static String jackson(float v) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = HsdsJson.VALUES.createGenerator(w)) {
            g.writeNumber(v);
        }
        return w.toString();
    }

    private static String jackson(double v) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = HsdsJson.VALUES.createGenerator(w)) {
            g.writeNumber(v);
        }
        return w.toString();
    }
}
