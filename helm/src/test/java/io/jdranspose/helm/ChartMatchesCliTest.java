package io.jdranspose.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.app.Main;
import io.jdranspose.ingester.protocol.Protocols;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The chart and the command line cannot drift apart: same protocols, only flags the commands have. */
class ChartMatchesCliTest {

    @Test
    void chartAllowsExactlyTheIngesterProtocols() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Chart.DIR.resolve("values.schema.json").toFile());
        List<String> allowed = new ArrayList<>();
        schema.at("/properties/ingesters/additionalProperties/properties/protocol/enum")
                .forEach(name -> allowed.add(name.asText()));

        assertThat(allowed).containsExactlyElementsOf(Protocols.names());
    }

    @Test
    void everyRenderedCommandLineParses() {
        for (Rendered chart : List.of(Chart.render("{}"), Chart.render(IngestersTest.EVERY_PROTOCOL),
                Chart.render(Chart.example("balder.yaml")))) {
            for (String deployment : chart.names("Deployment")) {
                if (deployment.endsWith("-redis")) {
                    continue;
                }
                assertThat(chart.command(deployment)).as(deployment).containsExactly("jdranspose");
                assertParses(deployment, chart.args(deployment));
            }
        }
    }

    /**
     * Parses (never runs) the args through the root command: picocli cannot parse with a subcommand's own
     * CommandLine alone, and the root resolves the subcommand exactly as {@code jdranspose <args>} would.
     */
    private static void assertParses(String deployment, List<String> args) {
        CommandLine.ParseResult[] parsed = new CommandLine.ParseResult[1];
        assertThatCode(() -> parsed[0] = Main.commandLine().parseArgs(args.toArray(String[]::new)))
                .as(deployment + " " + args).doesNotThrowAnyException();
        assertThat(parsed[0].subcommand()).as(deployment + ": subcommand " + args.getFirst()).isNotNull();
        assertThat(parsed[0].subcommand().commandSpec().name()).isEqualTo(args.getFirst());
        assertThat(parsed[0].subcommand().unmatched()).as(deployment).isEmpty();
    }
}
