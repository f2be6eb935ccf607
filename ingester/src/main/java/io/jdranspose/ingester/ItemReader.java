package io.jdranspose.ingester;

import io.jdranspose.api.ProtocolException;
import java.util.List;

/**
 * Turns one scan's upstream messages into the stream's items (dranspose §5.0): usually one item per message,
 * but Xspress3's legacy images take three messages, LeCroy groups a whole sequence, and a PandA message
 * carries one item per trigger row. One reader per scan, so state never leaks into the next scan; used by
 * the forwarding thread only.
 */
@FunctionalInterface
public interface ItemReader {
    /**
     * Takes the next upstream message.
     *
     * @return the items the message completes, in order; empty when it only begins or continues an item
     * @throws ProtocolException when the message cannot be understood; the ingester drops it with a warning
     *                           naming the stream and message, and reads on
     */
    List<UpstreamItem> read(List<byte[]> message);
}
