package io.jdranspose.ingester;

import io.jdranspose.ingester.protocol.StinsProtocol;
import io.jdranspose.runtime.control.ComponentKind;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What one ingester serves.
 *
 * @param name        unique among ingesters: its Redis member key and the name in reports
 * @param stream      the stream name used in trigger maps
 * @param upstreamUrl ZeroMQ: the detector's bound endpoint to connect to ({@code tcp://}, {@code ipc://} or
 *                    {@code inproc://}); TCP: {@code tcp://host:port} to connect to; HTTP: {@code http://host:port}
 *                    to listen at
 * @param socket      ZeroMQ only: PULL (backpressure) or SUB (drops when workers are slower)
 * @param protocol    how upstream messages are cut into a series
 * @param dumpPath    when not null, every scan's frames are appended to this recording; it wins over the
 *                    controller's {@code dump_prefix}
 * @param queueFrames SUB and TCP: frames held while they wait for their assignment before new ones are dropped
 *                    (and at most {@link #QUEUE_BYTES} of them)
 */
public record IngesterConfig(String name, String stream, String upstreamUrl, UpstreamSocket socket,
                             UpstreamProtocol protocol, Path dumpPath, int queueFrames) {

    /**
     * Frames (items) a SUB or TCP ingester holds while they wait for their assignment. Large, because a PandA
     * message carries dozens of rows and a source sends in bursts while the first connection to a worker is
     * made; {@link #QUEUE_BYTES} bounds the memory for large frames.
     */
    public static final int DEFAULT_QUEUE_FRAMES = 100_000;
    /** Bytes of frames a SUB or TCP ingester holds while they wait, whatever {@code queueFrames} says. */
    public static final long QUEUE_BYTES = 512L * 1024 * 1024;

    /**
     * @throws IllegalArgumentException saying which field is wrong
     */
    public IngesterConfig {
        ComponentKind.checkName(name);
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream name must not be empty");
        }
        Objects.requireNonNull(protocol, "upstream protocol");
        checkUrl(upstreamUrl, protocol.transport());
        Objects.requireNonNull(socket, "upstream socket");
        if (queueFrames < 1) {
            throw new IllegalArgumentException("queue frames must be at least 1, got " + queueFrames);
        }
    }

    private static void checkUrl(String url, UpstreamTransport transport) {
        boolean ok = url != null && switch (transport) {
            case ZMQ -> url.startsWith("tcp://") || url.startsWith("ipc://") || url.startsWith("inproc://");
            case TCP -> url.startsWith("tcp://") && hasHostAndPort(url);
            case HTTP -> url.startsWith("http://") && hasHostAndPort(url);
        };
        if (!ok) {
            throw new IllegalArgumentException(switch (transport) {
                case ZMQ -> "upstream URL must start with tcp://, ipc:// or inproc://";
                case TCP -> "upstream URL of a TCP source must be tcp://host:port";
                case HTTP -> "upstream URL of an HTTP source is the address to listen at, http://host:port";
            } + ", got '" + url + "'");
        }
    }

    private static boolean hasHostAndPort(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getHost() != null && uri.getPort() >= 0 && uri.getPort() <= 65535;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether the source is read on while frames wait for their assignment (dropping what does not fit the
     * queue): SUB, and TCP sources that stall when not drained. PULL and HTTP hold the source back instead.
     */
    public boolean keepsReading() {
        return socket == UpstreamSocket.SUB || protocol.transport() == UpstreamTransport.TCP;
    }

    /** How the source is read, for log lines: {@code pull}, {@code sub}, {@code tcp} or {@code http}. */
    public String sourceKind() {
        return switch (protocol.transport()) {
            case ZMQ -> socket.name().toLowerCase(java.util.Locale.ROOT);
            case TCP -> "tcp";
            case HTTP -> "http";
        };
    }

    /** An ingester named {@code <stream>-ingester} that PULLs STINS, without recording. */
    public static IngesterConfig of(String stream, String upstreamUrl) {
        return new IngesterConfig(stream + "-ingester", stream, upstreamUrl, UpstreamSocket.PULL, new StinsProtocol(),
                null, DEFAULT_QUEUE_FRAMES);
    }
}
