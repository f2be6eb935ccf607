package io.jdranspose.app;

import io.jdranspose.api.DType;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.runtime.recording.RecordingWriter;
import io.jdranspose.simulator.DiffractionFrames;
import io.jdranspose.simulator.StinsMessages;
import io.jdranspose.simulator.ZmqSender;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdranspose simulate stins}: a STINS detector showing a moving diffraction ring. */
@Command(name = "stins", mixinStandardHelpOptions = true,
        description = {"A simulated STINS detector: a diffraction ring whose radius moves from frame to frame, plus noise.",
                "Sends a series (start, N images, end) on a ZeroMQ PUSH or PUB socket and/or records it as .cbors."},
        footer = {"", "Example:", "  jdranspose simulate stins --frames 1000 --shape 1024x1024 --dtype uint16 --rate 100"
                + " --bind tcp://127.0.0.1:9999"})
final class SimulateStinsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", defaultValue = "100", description = "Images in the series (default: ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--shape", defaultValue = "512x512", converter = FrameShape.Converter.class,
            description = "Image size ROWSxCOLS (default: ${DEFAULT-VALUE}).")
    FrameShape shape;

    @Option(names = "--dtype", defaultValue = "uint16",
            description = "Pixel type: uint8, uint16, uint32 or float32 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--rate", paramLabel = "HZ", description = "Images per second (default: as fast as the receiver takes them).")
    Double rate;

    @Option(names = "--bind", paramLabel = "ENDPOINT", description = "Bind a socket here, e.g. tcp://127.0.0.1:9999.")
    String bind;

    @Option(names = "--socket", defaultValue = "push", description = "push or pub (default: ${DEFAULT-VALUE}).")
    String socket;

    @Option(names = "--record", paramLabel = "FILE", description = "Also write the series as an ingester recording (.cbors).")
    Path record;

    @Option(names = "--stream", defaultValue = "eiger", description = "Stream name in the recording (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = "--filename", defaultValue = "", description = "The 'filename' of the start message (empty: live view only).")
    String filename;

    @Option(names = "--seed", defaultValue = "1", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (bind == null && record == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --bind ENDPOINT, --record FILE, or both");
        }
        if (frames < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frames must not be negative");
        }
        DType type = DType.fromNumpy(dtype);
        DiffractionFrames generator = DiffractionFrames.builder(shape.rows(), shape.cols(), type).seed(seed).build();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        long bytes = 0;
        long event = 0;
        ZmqSender sender = null;
        RecordingWriter writer = null;
        try {
            if (bind != null) {
                ZmqSender.Builder b = ZmqSender.bind(bind).kind(ZmqSender.Kind.parse(socket));
                if (rate != null) {
                    b.rateHz(rate);
                }
                sender = b.open();
                out.println("sending " + frames + " " + type.numpyName() + " " + shape.rows() + "x" + shape.cols()
                        + " images on " + sender.endpoint());
                out.flush();
            }
            if (record != null) {
                writer = RecordingWriter.create(record);
            }
            TerminalProgress bar = TerminalProgress.onConsole();
            Iterator<List<byte[]>> series = StinsMessages.series(generator, frames, filename);
            while (series.hasNext()) {
                List<byte[]> message = series.next();
                if (writer != null) {
                    writer.write(event, Map.of(stream, new StreamData(Stins.TYPE, message)), Instant.now());
                }
                if (sender != null) {
                    sender.send(message);
                }
                for (byte[] part : message) {
                    bytes += part.length;
                }
                event++;
                if ((event & 63) == 0) {
                    bar.update("simulate", event, frames + 2, event);
                }
            }
            bar.done();
        } finally {
            if (writer != null) {
                writer.close();
            }
            if (sender != null) {
                sender.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "simulate: %,d messages, %,.1f MB in %.2f s (%,.0f messages/s, %,.1f MB/s)%s%n", event,
                bytes / 1e6, seconds, event / seconds, bytes / 1e6 / seconds,
                record == null ? "" : "; recorded to " + record.toAbsolutePath());
        return 0;
    }
}
