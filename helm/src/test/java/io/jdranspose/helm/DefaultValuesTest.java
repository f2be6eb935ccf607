package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code helm template} with the chart's own values: the minimal pipeline with its bundled Redis. */
class DefaultValuesTest {
    private static final String REDIS_URL = "redis://bl-redis:6379/0";
    private static Rendered chart;

    @BeforeAll
    static void render() {
        chart = Chart.render("{}");
    }

    @Test
    void rendersEveryComponentAndNothingElse() {
        assertThat(chart.names("Deployment")).containsExactlyInAnyOrder(
                "bl-controller", "bl-reducer", "bl-worker", "bl-redis");
        assertThat(chart.names("Service")).containsExactlyInAnyOrder("bl-controller", "bl-reducer", "bl-redis");
        assertThat(chart.names("Ingress")).isEmpty();
        assertThat(chart.names("Secret")).isEmpty();
    }

    @Test
    void controllerListensOnAllInterfaces() {
        assertThat(chart.command("bl-controller")).containsExactly("jdranspose");
        assertThat(chart.args("bl-controller")).containsExactly("controller", "--host", "0.0.0.0", "--port", "5000");
        assertThat(chart.env("bl-controller", "JDRANSPOSE_TOKEN")).isNull();
        assertThat(servicePort("bl-controller")).isEqualTo(5000);
    }

    @Test
    void reducerAdvertisesItsPodIpAndServesHttp() {
        assertThat(chart.args("bl-reducer")).containsExactly("reducer", "--bind-host", "0.0.0.0",
                "--advertise-host", "$(POD_IP)", "--http-port", "5010");
        assertThat(chart.env("bl-reducer", "POD_IP")).contains("status.podIP");
        assertThat(servicePort("bl-reducer")).isEqualTo(5010);
    }

    @Test
    void twoWorkersAdvertiseTheirPodIps() {
        assertThat(chart.replicas("bl-worker")).isEqualTo(2);
        assertThat(chart.args("bl-worker")).containsExactly("worker", "--bind-host", "0.0.0.0",
                "--advertise-host", "$(POD_IP)", "--tags", "generic");
        assertThat(chart.env("bl-worker", "POD_IP")).contains("status.podIP");
    }

    @Test
    void bundledRedisKeepsNothingOnDisk() {
        assertThat(chart.container("bl-redis").path("image").asText()).isEqualTo("redis:7-alpine");
        assertThat(servicePort("bl-redis")).isEqualTo(6379);
    }

    @Test
    void everyComponentUsesTheBundledRedis() {
        for (String component : List.of("bl-controller", "bl-reducer", "bl-worker")) {
            assertThat(chart.env(component, "REDIS_URL")).as(component).isEqualTo(REDIS_URL);
        }
    }

    @Test
    void imageDefaultsToTheChartVersion() {
        assertThat(chart.container("bl-worker").path("image").asText()).isEqualTo("jdranspose:0.1.0");
    }

    private static int servicePort(String service) {
        return chart.get("Service", service).path("spec").path("ports").get(0).path("port").asInt();
    }
}
