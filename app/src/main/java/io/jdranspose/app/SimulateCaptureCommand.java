package io.jdranspose.app;

import io.jdranspose.runtime.recording.CaptureReader;
import io.jdranspose.simulator.CapturePlayer;
import io.jdranspose.simulator.ZmqSender;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdranspose simulate capture}: plays a raw capture of a real detector onto a socket. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Play a raw upstream capture (one ZeroMQ multipart message per item) onto a PUSH or PUB socket.",
        footer = {"", "Example:", "  jdranspose simulate capture -f pcap-zmq.cbors --bind tcp://127.0.0.1:22004 --socket pub"})
final class SimulateCaptureCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The capture (.cbors, .cbor.gz).")
    Path file;

    @Option(names = "--bind", required = true, paramLabel = "ENDPOINT", description = "Bind here, e.g. tcp://127.0.0.1:9999.")
    String bind;

    @Option(names = "--socket", defaultValue = "push", description = "push or pub (default: ${DEFAULT-VALUE}).")
    String socket;

    @Option(names = "--delay-ms", defaultValue = "0", description = "Pause between messages (default: ${DEFAULT-VALUE}).")
    long delayMs;

    @Option(names = "--begin", defaultValue = "0", description = "First message to send, 0-based (default: ${DEFAULT-VALUE}).")
    int begin;

    @Option(names = "--end", description = "Stop before this message (default: the end of the capture).")
    Integer end;

    @Option(names = "--emptyness", description = "Send upstream's three 'emptyness' junk messages first.")
    boolean emptyness;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (CaptureReader capture = end == null ? CaptureReader.open(file) : CaptureReader.open(file, begin, end);
             ZmqSender sender = ZmqSender.bind(bind).kind(ZmqSender.Kind.parse(socket)).open()) {
            CapturePlayer player = new CapturePlayer(sender).emptyness(emptyness).delay(Duration.ofMillis(delayMs));
            if (end == null && begin > 0) {
                player.range(begin, Long.MAX_VALUE);
            }
            long sent = player.play(capture);
            out.println("capture: sent " + sent + " messages (" + sender.bytesSent() + " bytes) from " + file + " on "
                    + sender.endpoint());
        }
        return 0;
    }
}
