package io.jdranspose.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A short run of {@code jdranspose bench pipeline} through the real processes (controller, ingester, two
 * workers, reducer, each its own JVM, a redis-server): the result line, the legs, and every event reduced.
 * It asserts what was measured is sane, not how fast it was: speed is for the benchmark itself.
 */
class PipelineBenchCommandTest {
    @Test
    void printsRateLatencyAndLegsAndReducesEveryEvent() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "pipeline", "--events", "3000", "--frame-bytes", "512", "--workers", "2",
                "--raw-hop-seconds", "0", "--warmup-events", "100", "--max-warmups", "1");
        String text = out.toString();
        assertThat(code).as(text + err).isZero();
        Matcher line = Pattern.compile("pipeline 512 B x 3000, 2 workers: ([0-9,]+) events/s, ([0-9,]+) MB/s, "
                + "p50 ([0-9.]+) ms, p99 ([0-9.]+) ms, max ([0-9.]+) ms").matcher(text);
        assertThat(line.find()).as(text).isTrue();
        double p50 = Double.parseDouble(line.group(3));
        double p99 = Double.parseDouble(line.group(4));
        double max = Double.parseDouble(line.group(5));
        assertThat(Double.parseDouble(line.group(1).replace(",", ""))).isPositive();
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
        Matcher legs = Pattern.compile("latency by leg: source → plugin p50 ([0-9.]+) ms, p99 [0-9.]+ ms; plugin → "
                + "reduced p50 ([0-9.]+) ms, p99 [0-9.]+ ms").matcher(text);
        assertThat(legs.find()).as(text).isTrue();
        assertThat(Double.parseDouble(legs.group(1))).isPositive().isLessThanOrEqualTo(max);
        assertThat(Double.parseDouble(legs.group(2))).isPositive().isLessThanOrEqualTo(max);
        assertThat(text).containsPattern("warm-up 1: [0-9,]+ events/s").doesNotContain("warm-up 2");
        assertThat(text).contains("every event reduced (3000)");
    }
}
