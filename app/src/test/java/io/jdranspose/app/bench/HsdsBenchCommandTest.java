package io.jdranspose.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A short run of {@code jdranspose bench hsds}: every measurement is printed, and no viewer poll fails. */
class HsdsBenchCommandTest {
    @Test
    void printsEveryMeasurementWithItsTarget() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "hsds", "--metadata-requests", "40", "--image-requests", "3", "--viewers", "3",
                "--poll-ms", "20", "--results", "300000", "--repeat", "1", "--max-warm-up", "0");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("hsds metadata: p50 [0-9.]+ ms, p99 [0-9.]+ ms \\(40 requests; target p50 <= 1 ms\\)")
                .containsPattern("hsds 1024x1024 float32 binary: p50 [0-9.]+ ms, p99 [0-9.]+ ms \\(3 requests")
                .containsPattern("reduce rate: [0-9,]+/s alone, [0-9,]+/s with 3 viewers \\([-+][0-9.]+ %")
                .containsPattern("viewers: [0-9]+ polls/s \\(expected 150/s\\), 0 failed")
                .contains("cpu: reducer thread on a core");
    }

    @Test
    void refusesNonsense() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("bench", "hsds", "--viewers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("must be positive");
    }
}
