package io.jdranspose.ingester.protocol;

import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.ingester.MessageProtocol;
import io.jdranspose.ingester.SeriesPosition;
import java.util.List;

/** STINS ("stream1"): {@code header} starts, {@code image} is data, {@code series_end} ends (§5.1). */
public final class StinsProtocol implements MessageProtocol {
    @Override
    public String streamType() {
        return Stins.TYPE;
    }

    @Override
    public SeriesPosition classify(List<byte[]> message) {
        return switch (Stins.parse(message)) {
            case StinsPacket.Start s -> SeriesPosition.START;
            case StinsPacket.Image i -> SeriesPosition.DATA;
            case StinsPacket.End e -> SeriesPosition.END;
        };
    }
}
