package io.jdranspose.ingester;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.StreamData;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-scan state machine every ingester runs (dranspose §5.0): drop messages until a valid start,
 * forward the start, forward data messages, forward the end, then drop everything until the next scan.
 * Event numbers never come from the upstream: the k-th forwarded item is the k-th event of the stream.
 * For protocols without a start message ({@link UpstreamProtocol#firstMessageStartsSeries()}) the first
 * data item opens the series; for protocols with several series per scan ({@link UpstreamProtocol#seriesRepeat()})
 * an end is followed by waiting for the next start. The protocol's {@link ItemReader} turns messages into items
 * first (several messages into one, or one into several).
 *
 * <p>Dropped messages are logged with a warning naming the stream and message index. A detector that keeps
 * sending outside a series would flood the log at its frame rate, so only the first
 * {@value #LOGGED_INDIVIDUALLY} drops of a scan are logged one by one, later ones at most once a second with
 * their count. Used by one thread.
 */
public final class SeriesCutter {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesCutter.class);
    static final int LOGGED_INDIVIDUALLY = 10;
    private static final long SUMMARY_INTERVAL_NANOS = 1_000_000_000L;

    private enum State { AWAITING_START, IN_SERIES, ENDED }

    private final String stream;
    private final ItemReader reader;
    private final boolean firstMessageStarts;
    private final boolean repeat;
    private final String type;
    private State state = State.AWAITING_START;
    private long received;
    private long forwarded;
    private long dropped;
    private long unloggedDrops;
    private long lastSummaryNanos;

    public SeriesCutter(String stream, UpstreamProtocol protocol) {
        this.stream = stream;
        this.reader = protocol.newReader();
        this.firstMessageStarts = protocol.firstMessageStartsSeries();
        this.repeat = protocol.seriesRepeat();
        this.type = protocol.streamType();
    }

    /**
     * Takes one upstream message.
     *
     * @return the items to forward as the stream's next events, in order (the message's own arrays, not
     *         copied); empty when the message is dropped or only begins an item
     */
    public List<StreamData> accept(List<byte[]> message) {
        long index = received++;
        List<UpstreamItem> items;
        try {
            items = reader.read(message);
        } catch (ProtocolException e) {
            drop(index, "unparsable, " + describe(state), e.getMessage());
            return List.of();
        }
        if (items.size() == 1) { // the common case, without a list of its own
            StreamData one = take(index, items.get(0));
            return one == null ? List.of() : List.of(one);
        }
        List<StreamData> forward = new ArrayList<>(items.size());
        for (UpstreamItem item : items) {
            StreamData data = take(index, item);
            if (data != null) {
                forward.add(data);
            }
        }
        return forward;
    }

    private StreamData take(long index, UpstreamItem item) {
        SeriesPosition position = item.position();
        boolean forward = switch (state) {
            case AWAITING_START -> {
                if (position == SeriesPosition.START || (firstMessageStarts && position == SeriesPosition.DATA)) {
                    state = State.IN_SERIES;
                    yield true;
                }
                yield false;
            }
            case IN_SERIES -> {
                if (position == SeriesPosition.END) {
                    state = repeat ? State.AWAITING_START : State.ENDED;
                }
                yield position == SeriesPosition.DATA || position == SeriesPosition.END;
            }
            case ENDED -> false;
        };
        if (!forward) {
            if (item.problem() != null) {
                drop(index, "unparsable, " + describe(state), item.problem());
            } else if (position == SeriesPosition.IGNORED) {
                dropped++; // heartbeats and the like: expected, never worth a log line
            } else {
                drop(index, position.name().toLowerCase() + " while " + describe(state), null);
            }
            return null;
        }
        forwarded++;
        return new StreamData(type, item.frames());
    }

    private void drop(long index, String what, String why) {
        dropped++;
        if (dropped <= LOGGED_INDIVIDUALLY) {
            LOG.warn("stream {}: dropped upstream message {} ({}){}{}", stream, index, what,
                    why == null ? "" : ": ", why == null ? "" : why);
            if (dropped == LOGGED_INDIVIDUALLY) {
                LOG.warn("stream {}: further dropped upstream messages of this scan are only counted (at most one "
                        + "line a second)", stream);
                lastSummaryNanos = System.nanoTime();
            }
            return;
        }
        unloggedDrops++;
        long now = System.nanoTime();
        if (now - lastSummaryNanos >= SUMMARY_INTERVAL_NANOS) {
            LOG.warn("stream {}: dropped {} more upstream messages, the last one {} ({}){}{}", stream, unloggedDrops,
                    index, what, why == null ? "" : ": ", why == null ? "" : why);
            unloggedDrops = 0;
            lastSummaryNanos = now;
        }
    }

    /** Whether the series' end has been forwarded and no further series can follow in this scan. */
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
