package io.jdranspose.app.pipeline;

import io.jdranspose.app.logging.RedisLogging;
import io.jdranspose.ingester.IngesterConfig;
import io.jdranspose.ingester.IngesterService;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamSocket;
import io.jdranspose.ingester.protocol.Protocols;
import io.jdranspose.runtime.control.RedisEndpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jdranspose ingester}: one detector stream into the pipeline. */
@Command(name = "ingester", mixinStandardHelpOptions = true,
        description = {"Run an ingester: connect to a detector stream, cut it into events (start / data / end),",
                "forward each frame to the worker(s) the controller assigned, record on request."})
public final class IngesterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RedisOptions redis;

    @Option(names = "--stream", required = true, description = "Name of the stream, as used in trigger maps.")
    String stream;

    @Option(names = {"--upstream", "-u"}, required = true, paramLabel = "URL",
            description = "Detector endpoint to connect to, e.g. tcp://detector:9999.")
    String upstream;

    @Option(names = "--socket", description = "ZeroMQ sources: pull (backpressure to the detector) or sub (default: what"
            + " the protocol's devices do: pull for stins, multipart and eiger-legacy, sub for the others).")
    String socket;

    @Option(names = "--protocol", defaultValue = "stins", description = "One of: ${COMPLETION-CANDIDATES} (default:"
            + " ${DEFAULT-VALUE}). multipart: every message is one event, no start/end. pcap-raw: --upstream is the"
            + " PandA's tcp://host:port. sardana: --upstream is the http://host:port to listen at.",
            completionCandidates = ProtocolNames.class)
    String protocol;

    @Option(names = "--name", description = "Ingester name (default: STREAM-ingester).")
    String name;

    @Option(names = "--dump", paramLabel = "FILE", description = "Append every scan's frames to this .cbors recording.")
    Path dump;

    @Option(names = "--queue-frames", defaultValue = "100000",
            description = "sub and pcap-raw: frames held while they wait for workers before new ones are dropped and"
                    + " counted; at most 512 MiB of them (default: ${DEFAULT-VALUE}).")
    int queueFrames;

    @Override
    public Integer call() throws Exception {
        UpstreamProtocol upstreamProtocol = Protocols.named(protocol);
        UpstreamSocket upstreamSocket = socket == null ? upstreamProtocol.defaultSocket() : UpstreamSocket.parse(socket);
        IngesterConfig config = new IngesterConfig(name == null ? stream + "-ingester" : name, stream, upstream,
                upstreamSocket, upstreamProtocol, dump, queueFrames);
        RedisEndpoint endpoint = redis.endpoint();
        RedisLogging logging = RedisLogging.attach(endpoint, config.name());
        IngesterService ingester = IngesterService.start(endpoint, config);
        spec.commandLine().getOut().println("ingester " + config.name() + ": stream " + stream + " from " + upstream
                + " (" + config.sourceKind() + ", " + protocol + "), Redis " + endpoint);
        spec.commandLine().getOut().flush();
        UntilStopped.await(ingester, logging, endpoint);
        return 0;
    }

    /** The protocol names, for the help text and shell completion. */
    static final class ProtocolNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Protocols.names().iterator();
        }
    }
}
