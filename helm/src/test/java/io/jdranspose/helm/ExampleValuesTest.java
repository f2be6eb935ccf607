package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/balder.yaml, the README's beamline: plugin, volumes, ingress and four ingesters. */
class ExampleValuesTest {
    private static Rendered chart;

    @BeforeAll
    static void render() {
        chart = Chart.render(Chart.example("balder.yaml"));
    }

    @Test
    void workersAndReducerLoadThePluginFromItsVolume() {
        assertThat(chart.replicas("bl-worker")).isEqualTo(4);
        assertThat(chart.args("bl-worker")).containsSequence("--plugin", "/plugins/balder-analysis.jar",
                "--workerclass", "org.example.balder.AzintWorker", "--reducerclass", "org.example.balder.AzintReducer");
        assertThat(chart.args("bl-reducer")).containsSequence("--hdf5-prefix", "/data/processed/",
                "--plugin", "/plugins/balder-analysis.jar");
        assertThat(chart.container("bl-reducer").path("volumeMounts").findValuesAsText("mountPath"))
                .containsExactly("/plugins", "/data");
    }

    @Test
    void ingressesForControllerAndReducer() {
        assertThat(chart.names("Ingress")).containsExactlyInAnyOrder("bl-controller", "bl-reducer");
        assertThat(chart.get("Ingress", "bl-controller").path("spec").path("rules").get(0).path("host").asText())
                .isEqualTo("bl-controller.daq.example.org");
    }

    @Test
    void imageFromTheRegistry() {
        assertThat(chart.container("bl-ingester-eiger").path("image").asText())
                .isEqualTo("registry.example.org/daq/jdranspose:0.1.0");
    }

    @Test
    void pandaIngesterRecordsNothingButEigerDoes() {
        assertThat(chart.args("bl-ingester-panda-0")).containsExactly("ingester", "--stream", "panda_0",
                "--protocol", "pcap-raw", "--upstream", "tcp://panda.balder:8889", "--name", "panda-ingester");
        assertThat(chart.args("bl-ingester-eiger")).endsWith("--dump", "/data/recordings/eiger.cbors");
    }
}
