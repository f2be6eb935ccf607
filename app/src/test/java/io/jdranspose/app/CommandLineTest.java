package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, completion, and clear errors for bad input. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        for (List<String> command : List.of(List.<String>of(), List.of("replay"), List.of("simulate"),
                List.of("simulate", "stins"), List.of("simulate", "capture"), List.of("demo"), List.of("bench"),
                List.of("bench", "replay"), List.of("bench", "hsds"), List.of("bench", "pipeline"), List.of("local"),
                List.of("controller"), List.of("ingester"), List.of("worker"), List.of("reducer"),
                List.of("generate-completion"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Cli cli = Cli.run(args);
            assertThat(cli.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(cli.out()).as(String.join(" ", args))
                    .startsWith("Usage: jdranspose" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        }
    }

    @Test
    void noSubcommandPrintsTheUsage() {
        Cli cli = Cli.run();
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("local", "controller", "ingester", "worker", "reducer", "replay", "simulate", "demo",
                "bench", "generate-completion");
    }

    @Test
    void generatesABashCompletionScript() {
        Cli cli = Cli.run("generate-completion");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("complete -F").contains("jdranspose").contains("--nworkers");
    }

    @Test
    void pipelineCommandsExplainBadInputInOneLine() {
        Cli stream = Cli.run("local", "--stream", "eiger");
        assertThat(stream.exitCode()).isEqualTo(2);
        assertThat(stream.err().strip()).contains("--stream must be NAME=URL[,sub|pull][,PROTOCOL], got 'eiger'");
        Cli protocol = Cli.run("local", "--stream", "panda=tcp://127.0.0.1:8889,pcap-rawx");
        assertThat(protocol.exitCode()).isEqualTo(2);
        assertThat(protocol.err().strip()).contains("--stream panda: unknown option 'pcap-rawx' (sub, pull, or a protocol:"
                + " stins, multipart, eiger-legacy, xspress3, albaem, contrast, pcap, pcap-raw, lecroy, sardana)");
        Cli tcp = Cli.run("ingester", "--stream", "panda", "--protocol", "pcap-raw", "--upstream", "panda:8889",
                "--redis-url", "redis://127.0.0.1:1");
        assertThat(tcp.exitCode()).isEqualTo(2);
        assertThat(tcp.err()).contains("upstream URL of a TCP source must be tcp://host:port, got 'panda:8889'");
        Cli http = Cli.run("ingester", "--stream", "sardana", "--protocol", "sardana", "--upstream", "tcp://0.0.0.0:5002",
                "--redis-url", "redis://127.0.0.1:1");
        assertThat(http.exitCode()).isEqualTo(2);
        assertThat(http.err()).contains("upstream URL of an HTTP source is the address to listen at, http://host:port,"
                + " got 'tcp://0.0.0.0:5002'");
        Cli unknown = Cli.run("ingester", "--stream", "x", "--protocol", "eiger2", "--upstream", "tcp://127.0.0.1:1",
                "--redis-url", "redis://127.0.0.1:1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown protocol 'eiger2' (known: stins, multipart, eiger-legacy");
        Cli socket = Cli.run("ingester", "--stream", "eiger", "--upstream", "tcp://127.0.0.1:9999", "--socket", "dealer",
                "--redis-url", "redis://127.0.0.1:1");
        assertThat(socket.exitCode()).isEqualTo(2);
        assertThat(socket.err()).contains("dealer");
        Cli redis = Cli.run("controller", "--redis-url", "redis://127.0.0.1:1", "--port", "0");
        assertThat(redis.exitCode()).isEqualTo(2);
        assertThat(redis.err().strip()).startsWith("jdranspose controller:").contains("Redis").contains("127.0.0.1:1");
        Cli url = Cli.run("worker", "--redis-url", "http://nowhere");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).contains("http://nowhere");
    }

    @Test
    void anUnknownClassIsOneClearLine() throws Exception {
        Path rec = Files.writeString(dir.resolve("empty.cbors"), "");
        Cli cli = Cli.run("replay", "-w", "no.such.Worker", "-r", "no.such.Reducer", "-f", rec.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip())
                .isEqualTo("jdranspose replay: worker class 'no.such.Worker' not found in the class path");
    }

    @Test
    void aMalformedParameterFileNamesTheFileAndEntry() throws Exception {
        Path rec = Files.writeString(dir.resolve("empty.cbors"), "");
        Path params = Files.writeString(dir.resolve("params.json"), "[{\"name\": \"roi_x0\"}]");
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", rec.toString(), "-p",
                params.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("params.json").contains("entry 0 (roi_x0): missing \"data\"");
    }

    @Test
    void aParameterValueOfTheWrongTypeIsRefusedBeforeTheReplay() throws Exception {
        Path rec = Files.writeString(dir.resolve("empty.cbors"), "");
        Path params = Files.writeString(dir.resolve("params.json"), "{\"q_bins\": \"many\"}");
        Cli cli = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", rec.toString(), "-p",
                params.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("parameter 'q_bins' (int): 'many' is not an integer");
    }

    @Test
    void aMissingOrForeignFileIsNamed() throws Exception {
        Cli missing = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f",
                dir.resolve("nope.cbors").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.cbors");
        Path text = Files.writeString(dir.resolve("notes.cbors"), "these are my notes, not a recording");
        Cli foreign = Cli.run("replay", "-w", DemoCommand.WORKER, "-r", DemoCommand.REDUCER, "-f", text.toString());
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("notes.cbors").contains("not a jdranspose/dranspose recording");
    }

    @Test
    void badShapesAndSocketsAreUsageErrors() {
        Cli shape = Cli.run("simulate", "stins", "--shape", "10by10", "--record", dir.resolve("x.cbors").toString());
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err()).contains("'10by10' is not a frame shape ROWSxCOLS");
        Cli nothing = Cli.run("simulate", "stins", "--frames", "3");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give --bind ENDPOINT, --record FILE, or both");
    }
}
