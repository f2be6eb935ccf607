package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code podSysctls} tune the data-plane pods only (ingesters, workers, reducer). */
class PodSysctlsTest {
    @Test
    void dataPlanePodsGetTheSysctlsControlPlanePodsDoNot() {
        Rendered chart = Chart.render("""
                podSysctls:
                  - name: net.ipv4.tcp_wmem
                    value: "4096 87380 16777216"
                ingesters:
                  eiger: {protocol: eiger-legacy, upstream: "tcp://eiger:9999"}
                """);

        for (String pod : new String[] {"bl-worker", "bl-reducer", "bl-ingester-eiger"}) {
            JsonNode sysctl = podSpec(chart, pod).path("securityContext").path("sysctls").get(0);
            assertThat(sysctl.path("name").asText()).as(pod).isEqualTo("net.ipv4.tcp_wmem");
            assertThat(sysctl.path("value").asText()).as(pod).isEqualTo("4096 87380 16777216");
        }
        assertThat(podSpec(chart, "bl-controller").has("securityContext")).isFalse();
    }

    @Test
    void noSysctlsByDefault() {
        assertThat(podSpec(Chart.render("{}"), "bl-worker").has("securityContext")).isFalse();
    }

    private static JsonNode podSpec(Rendered chart, String deployment) {
        return chart.get("Deployment", deployment).path("spec").path("template").path("spec");
    }
}
