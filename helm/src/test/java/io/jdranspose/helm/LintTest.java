package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} passes for the defaults and for the full examples. */
class LintTest {
    @Test
    void defaults() {
        assertPasses(Chart.lint("{}"));
    }

    @Test
    void everyProtocol() {
        assertPasses(Chart.lint(IngestersTest.EVERY_PROTOCOL));
    }

    @Test
    void beamlineExample() {
        assertPasses(Chart.lint(Chart.read(Chart.example("balder.yaml"))));
    }

    @Test
    void externalRedisWithSysctls() {
        assertPasses(Chart.lint("""
                redis: {url: "redis://redis:6379/0"}
                podSysctls:
                  - name: net.ipv4.tcp_wmem
                    value: "4096 87380 16777216"
                """));
    }

    /**
     * Lint checks values against values.schema.json, so an unknown protocol fails it. It renders templates in
     * lint mode, where {@code required} and {@code fail} do not stop it: those checks fire at template and
     * install time (BrokenValuesTest).
     */
    @Test
    void unknownProtocolFails() {
        LintResult result = Chart.lint("""
                ingesters:
                  eiger: {protocol: eiger2, upstream: "tcp://eiger:9999"}
                """);
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("/ingesters/eiger/protocol")
                .contains("value must be one of");
    }

    private static void assertPasses(LintResult result) {
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }
}
