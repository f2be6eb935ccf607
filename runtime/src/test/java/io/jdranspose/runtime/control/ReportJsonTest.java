package io.jdranspose.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed reading of done and reduced reports gives what databind gives, or leaves the input to it. */
class ReportJsonTest {

    private static final Report.WorkerTimes TIMES = new Report.WorkerTimes(0.1, 2.5, 1e-3, 12.25, 0.0, 640);

    @Test
    void reportsAsComponentsWriteThemAreStreamed() {
        var done = new Report.Done("w1", List.of(0L, 5L, 1L << 40), List.of(true, false, true), TIMES);
        var reduced = new Report.Reduced(Map.of("w1", List.of(3L, 4L), "w2", List.of()));
        for (Report report : List.of(done, new Report.Done("w2", List.of(), List.of(), null), reduced,
                new Report.Reduced(Map.of()))) {
            byte[] json = report.toJson();
            assertThat(ReportParser.tryParse(json)).as(text(json)).isNotNull().isEqualTo(databind(json)).isEqualTo(report);
            assertThat(Report.fromJson(json)).isEqualTo(report);
        }
    }

    @Test
    void unusualButValidFormsGiveWhatDatabindGives() {
        List<String> streamed = List.of(
                "{\"type\":\"done\",\"completed\":[7],\"extra\":{\"a\":[1,{\"b\":2}]},\"has_result\":[false],\"worker\":\"w\",\"n\":1}",
                "{\"type\":\"done\",\"worker\":null,\"completed\":[],\"has_result\":[],\"times\":{\"custom_code\":3}}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[1],\"has_result\":[true],\"times\":{\"no_events\":2,\"x\":[1]}}",
                "{\"type\":\"done\",\"worker\":\"a\",\"worker\":\"b\",\"completed\":[1],\"has_result\":[true]} trailing",
                "{\"type\":\"reduced\"}",
                "{\"type\":\"reduced\",\"results\":null}",
                "{\"type\":\"reduced\",\"other\":[1,2],\"results\":{\"w1\":[1],\"w1\":[2],\"w2\":[-3]}}");
        for (String text : streamed) {
            byte[] json = bytes(text);
            assertThat(ReportParser.tryParse(json)).as(text).isNotNull().isEqualTo(databind(json));
        }
        List<String> leftToDatabind = List.of(
                "{\"worker\":\"w\",\"type\":\"done\",\"completed\":[1],\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":5,\"completed\":[1],\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[1.0],\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[\"1\"],\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[null],\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[1],\"has_result\":[null]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[1],\"has_result\":[true],\"times\":{\"no_events\":1.0}}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[1],\"has_result\":[true],\"times\":{\"send_result\":\"2\"}}",
                "{\"type\":\"reduced\",\"results\":{\"w1\":null}}",
                "{\"type\":\"ready\",\"worker\":\"w\",\"tags\":[\"generic\"],\"credit\":4}",
                "{\"type\":\"finished\",\"source\":\"worker\",\"name\":\"w\"}");
        for (String text : leftToDatabind) {
            byte[] json = bytes(text);
            assertThat(ReportParser.tryParse(json)).as(text).isNull();
            assertThat(Report.fromJson(json)).as(text).isEqualTo(databind(json));
        }
    }

    @Test
    void badReportsFailWithDatabindsMessage() {
        List<String> bad = List.of("", "null", "[]", "{", "{\"type\":\"done\"", "{\"type\":\"nope\"}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[1,2],\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"has_result\":[true]}",
                "{\"type\":\"done\",\"worker\":\"w\",\"completed\":[99999999999999999999],\"has_result\":[true]}",
                "{\"type\":\"reduced\",\"results\":{\"w1\":[1,}}");
        for (String text : bad) {
            byte[] json = bytes(text);
            String expected = catchMessage(() -> ControlJson.read(json, Report.class));
            assertThatThrownBy(() -> Report.fromJson(json)).as(text)
                    .isInstanceOf(ControlMessageException.class).hasMessage(expected);
        }
    }

    private static Report databind(byte[] json) {
        return ControlJson.read(json, Report.class);
    }

    private static String catchMessage(Runnable action) {
        try {
            action.run();
        } catch (ControlMessageException e) {
            return e.getMessage();
        }
        throw new AssertionError("databind accepted it");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
