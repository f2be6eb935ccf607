package io.jdranspose.ingester;

import io.jdranspose.api.ProtocolException;
import java.util.List;

/** A protocol where every upstream message is exactly one item, so telling its place in the series is enough. */
public interface MessageProtocol extends UpstreamProtocol {

    /**
     * Tells where one upstream multipart message stands in its series.
     *
     * @throws ProtocolException when the message cannot be understood; the ingester drops it with a warning
     */
    SeriesPosition classify(List<byte[]> message);

    /** Each message is its own item and the reader holds nothing. */
    @Override
    default boolean readerKeepsNoFrames() {
        return true;
    }

    @Override
    default ItemReader newReader() {
        return message -> List.of(new UpstreamItem(classify(message), message));
    }
}
