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
}
