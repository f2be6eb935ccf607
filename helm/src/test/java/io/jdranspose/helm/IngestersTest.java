package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One ingester Deployment per {@code ingesters} entry, for every protocol. */
class IngestersTest {
    /** Every protocol once, with each optional field somewhere and a stream name holding {@code _}. */
    static final String EVERY_PROTOCOL = """
            ingesters:
              eiger:
                protocol: eiger-legacy
                upstream: tcp://eiger:9999
                socket: pull
              xspress3:
                protocol: xspress3
                upstream: tcp://xspress3:9999
                socket: sub
              panda_0:
                protocol: pcap-raw
                upstream: tcp://panda:8889
              sardana:
                protocol: sardana
                port: 5001
              stream1:
                protocol: stins
                upstream: tcp://stins:9999
                name: stins-one
                dump: /data/stream1.cbors
              multi:
                protocol: multipart
                upstream: tcp://multi:9999
              albaem:
                protocol: albaem
                upstream: tcp://albaem:9999
              contrast:
                protocol: contrast
                upstream: tcp://contrast:5556
              pcap:
                protocol: pcap
                upstream: tcp://panda-zmq:9999
              scope:
                protocol: lecroy
                upstream: tcp://lecroy:9999
            """;

    private static Rendered chart;

    @BeforeAll
    static void render() {
        chart = Chart.render(EVERY_PROTOCOL);
    }

    @Test
    void oneDeploymentPerStream() {
        assertThat(chart.names("Deployment")).filteredOn(name -> name.startsWith("bl-ingester-"))
                .containsExactlyInAnyOrder("bl-ingester-eiger", "bl-ingester-xspress3", "bl-ingester-panda-0",
                        "bl-ingester-sardana", "bl-ingester-stream1", "bl-ingester-multi", "bl-ingester-albaem",
                        "bl-ingester-contrast", "bl-ingester-pcap", "bl-ingester-scope");
    }

    @Test
    void eigerPullsFromTheDetector() {
        assertThat(chart.args("bl-ingester-eiger")).containsExactly("ingester", "--stream", "eiger",
                "--protocol", "eiger-legacy", "--upstream", "tcp://eiger:9999", "--socket", "pull");
    }

    @Test
    void xspress3Subscribes() {
        assertThat(chart.args("bl-ingester-xspress3")).containsExactly("ingester", "--stream", "xspress3",
                "--protocol", "xspress3", "--upstream", "tcp://xspress3:9999", "--socket", "sub");
    }

    @Test
    void streamNameKeepsItsUnderscoreWhileTheObjectNameCannot() {
        assertThat(chart.args("bl-ingester-panda-0")).containsExactly("ingester", "--stream", "panda_0",
                "--protocol", "pcap-raw", "--upstream", "tcp://panda:8889");
        JsonNode labels = chart.get("Deployment", "bl-ingester-panda-0").path("spec").path("selector")
                .path("matchLabels");
        assertThat(labels.path("jdranspose.io/stream").asText()).isEqualTo("panda-0");
    }

    @Test
    void sardanaListensOnItsPortBehindAService() {
        assertThat(chart.args("bl-ingester-sardana")).containsExactly("ingester", "--stream", "sardana",
                "--protocol", "sardana", "--upstream", "http://0.0.0.0:5001");
        assertThat(chart.container("bl-ingester-sardana").path("ports").get(0).path("containerPort").asInt())
                .isEqualTo(5001);
        JsonNode service = chart.get("Service", "bl-ingester-sardana");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(5001);
        assertThat(service.path("spec").path("selector").path("jdranspose.io/stream").asText()).isEqualTo("sardana");
    }

    @Test
    void onlySardanaGetsAService() {
        assertThat(chart.names("Service")).filteredOn(name -> name.startsWith("bl-ingester-"))
                .containsExactly("bl-ingester-sardana");
    }

    @Test
    void nameAndDumpArePassedWhenSet() {
        assertThat(chart.args("bl-ingester-stream1")).containsExactly("ingester", "--stream", "stream1",
                "--protocol", "stins", "--upstream", "tcp://stins:9999", "--name", "stins-one",
                "--dump", "/data/stream1.cbors");
    }

    @Test
    void theOtherProtocolsConnectWithTheirDefaultSocket() {
        assertThat(chart.args("bl-ingester-multi")).containsExactly("ingester", "--stream", "multi",
                "--protocol", "multipart", "--upstream", "tcp://multi:9999");
        assertThat(chart.args("bl-ingester-scope")).containsExactly("ingester", "--stream", "scope",
                "--protocol", "lecroy", "--upstream", "tcp://lecroy:9999");
    }

    @Test
    void ingestersUseTheSameRedisAsTheRest() {
        assertThat(chart.env("bl-ingester-eiger", "REDIS_URL")).isEqualTo("redis://bl-redis:6379/0");
    }
}
