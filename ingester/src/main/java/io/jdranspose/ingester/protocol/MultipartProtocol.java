package io.jdranspose.ingester.protocol;

import io.jdranspose.ingester.MessageProtocol;
import io.jdranspose.ingester.SeriesPosition;
import java.util.List;

/**
 * Any multipart message is one event (stream type {@code multipart}), for sources that have no start or end
 * message of their own. The first message of a scan opens the series (it is event 0, like a STINS start),
 * every later message is data, and nothing ends the series: messages beyond the scan's trigger map are
 * dropped and counted. The parts are forwarded untouched and never parsed, so no message is ever invalid.
 */
public final class MultipartProtocol implements MessageProtocol {
    public static final String TYPE = "multipart";

    @Override
    public String streamType() {
        return TYPE;
    }

    @Override
    public SeriesPosition classify(List<byte[]> message) {
        return SeriesPosition.DATA;
    }

    @Override
    public boolean firstMessageStartsSeries() {
        return true;
    }
}
