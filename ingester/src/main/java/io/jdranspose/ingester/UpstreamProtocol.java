package io.jdranspose.ingester;

import io.jdranspose.api.ProtocolException;
import java.util.List;

/** What an ingester must know about a detector protocol to cut its messages into events. */
public interface UpstreamProtocol {

    /** The stream type workers see ({@code STINS}, {@code EIGER_LEGACY}, …). */
    String streamType();

    /**
     * Tells where one upstream multipart message stands in its series.
     *
     * @throws ProtocolException when the message cannot be understood; the ingester drops it with a warning
     */
    SeriesPosition classify(List<byte[]> message);

    /**
     * Whether the protocol has no start message, so that the first {@link SeriesPosition#DATA} message of a
     * scan opens the series. A protocol is shared by all scans of an ingester, so it cannot remember which
     * message was a scan's first; the per-scan {@link SeriesCutter} does.
     */
    default boolean firstMessageStartsSeries() {
        return false;
    }
}
