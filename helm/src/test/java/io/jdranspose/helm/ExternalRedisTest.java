package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code redis.url}: no bundled Redis, and every component reads that URL from one Secret. */
class ExternalRedisTest {
    private static final String URL = "redis://:secret@redis.beamline:6379/3";

    @Test
    void externalUrlReplacesTheBundledRedis() {
        Rendered chart = Chart.render("""
                redis:
                  url: %s
                ingesters:
                  eiger:
                    protocol: eiger-legacy
                    upstream: tcp://eiger:9999
                """.formatted(URL));

        assertThat(chart.names("Deployment")).doesNotContain("bl-redis");
        assertThat(chart.names("Service")).doesNotContain("bl-redis");
        assertThat(chart.get("Secret", "bl-redis-url").path("stringData").path("url").asText()).isEqualTo(URL);
        for (String component : List.of("bl-controller", "bl-reducer", "bl-worker", "bl-ingester-eiger")) {
            assertThat(chart.env(component, "REDIS_URL")).as(component)
                    .contains("\"name\":\"bl-redis-url\"").contains("\"key\":\"url\"");
        }
    }

    @Test
    void tokenComesFromASecret() {
        Rendered chart = Chart.render("controller: {token: s3cret}");

        assertThat(chart.get("Secret", "bl-controller-token").path("stringData").path("token").asText())
                .isEqualTo("s3cret");
        assertThat(chart.env("bl-controller", "JDRANSPOSE_TOKEN")).contains("\"name\":\"bl-controller-token\"");
        assertThat(chart.args("bl-controller")).doesNotContain("--token", "s3cret");
    }
}
