package io.jdranspose.ingester;

import io.jdranspose.runtime.control.ComponentKind;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What one ingester serves.
 *
 * @param name        unique among ingesters: its Redis member key and the name in reports
 * @param stream      the stream name used in trigger maps
 * @param upstreamUrl the detector's bound endpoint to connect to ({@code tcp://}, {@code ipc://} or {@code inproc://})
 * @param socket      PULL (backpressure) or SUB (drops when workers are slower)
 * @param protocol    how upstream messages are cut into a series
 * @param dumpPath    when not null, every scan's frames are appended to this recording; it wins over the
 *                    controller's {@code dump_prefix}
 * @param queueFrames SUB only: frames held while they wait for their assignment before new ones are dropped
 */
public record IngesterConfig(String name, String stream, String upstreamUrl, UpstreamSocket socket,
                             UpstreamProtocol protocol, Path dumpPath, int queueFrames) {

    public static final int DEFAULT_QUEUE_FRAMES = 1000;

    /**
     * @throws IllegalArgumentException saying which field is wrong
     */
    public IngesterConfig {
        ComponentKind.checkName(name);
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream name must not be empty");
        }
        if (upstreamUrl == null || !(upstreamUrl.startsWith("tcp://") || upstreamUrl.startsWith("ipc://")
                || upstreamUrl.startsWith("inproc://"))) {
            throw new IllegalArgumentException("upstream URL must start with tcp://, ipc:// or inproc://, got '"
                    + upstreamUrl + "'");
        }
        Objects.requireNonNull(socket, "upstream socket");
        Objects.requireNonNull(protocol, "upstream protocol");
        if (queueFrames < 1) {
            throw new IllegalArgumentException("queue frames must be at least 1, got " + queueFrames);
        }
    }

    /** An ingester named {@code <stream>-ingester} that PULLs STINS, without recording. */
    public static IngesterConfig of(String stream, String upstreamUrl) {
        return new IngesterConfig(stream + "-ingester", stream, upstreamUrl, UpstreamSocket.PULL, new StinsProtocol(),
                null, DEFAULT_QUEUE_FRAMES);
    }
}
