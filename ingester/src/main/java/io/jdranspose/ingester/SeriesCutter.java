package io.jdranspose.ingester;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-scan state machine every ingester runs (dranspose §5.0): drop messages until a valid start,
 * forward the start, forward data messages, forward the end, then drop everything until the next scan.
 * Event numbers never come from the upstream: the k-th forwarded item is the k-th event of the stream.
 * Unparsable messages are dropped with a warning naming the stream and message index.
 */
public final class SeriesCutter {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesCutter.class);

    private enum State { AWAITING_START, IN_SERIES, ENDED }

    private final String stream;
    private final UpstreamProtocol protocol;
    private State state = State.AWAITING_START;
    private long received;
    private long forwarded;
    private long dropped;

    public SeriesCutter(String stream, UpstreamProtocol protocol) {
        this.stream = stream;
        this.protocol = protocol;
    }

    /**
     * Takes one upstream message.
     *
     * @return the frames to forward as the stream's next event, or {@code null} when the message is dropped
     */
    public StreamData accept(List<byte[]> message) {
        long index = received++;
        SeriesPosition position;
        try {
            position = protocol.classify(message);
        } catch (ProtocolException e) {
            dropped++;
            LOG.warn("stream {}: dropped upstream message {} ({}): {}", stream, index, state.name().toLowerCase(),
                    e.getMessage());
            return null;
        }
        boolean forward = switch (state) {
            case AWAITING_START -> {
                if (position == SeriesPosition.START) {
                    state = State.IN_SERIES;
                    yield true;
                }
                yield false;
            }
            case IN_SERIES -> {
                if (position == SeriesPosition.END) {
                    state = State.ENDED;
                }
                yield position == SeriesPosition.DATA || position == SeriesPosition.END;
            }
            case ENDED -> false;
        };
        if (!forward) {
            dropped++;
            if (position != SeriesPosition.IGNORED) {
                LOG.warn("stream {}: dropped upstream message {} ({} while {})", stream, index,
                        position.name().toLowerCase(), describe(state));
            }
            return null;
        }
        forwarded++;
        return new StreamData(protocol.streamType(), message);
    }

    /** Whether the series' end message has been forwarded. */
    public boolean ended() {
        return state == State.ENDED;
    }

    /** Items forwarded so far (start, data and end). */
    public long forwarded() {
        return forwarded;
    }

    /** Messages dropped so far (before the start, unparsable, after the end). */
    public long dropped() {
        return dropped;
    }

    private static String describe(State s) {
        return switch (s) {
            case AWAITING_START -> "waiting for the series start";
            case IN_SERIES -> "in the series";
            case ENDED -> "the series has ended";
        };
    }
}
