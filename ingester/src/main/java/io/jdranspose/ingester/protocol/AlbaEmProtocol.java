package io.jdranspose.ingester.protocol;

import io.jdranspose.api.albaem.AlbaEm;
import io.jdranspose.api.albaem.AlbaEmPacket;
import io.jdranspose.ingester.MessageProtocol;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamSocket;
import java.util.List;

/** AlbaEM electrometer (§5.4): single-part JSON, {@code series-start}, {@code data} per frame, {@code series-end}; published. */
public final class AlbaEmProtocol implements MessageProtocol {
    @Override
    public String streamType() {
        return AlbaEm.TYPE;
    }

    @Override
    public SeriesPosition classify(List<byte[]> message) {
        return switch (AlbaEm.parse(message)) {
            case AlbaEmPacket.Start s -> SeriesPosition.START;
            case AlbaEmPacket.Data d -> SeriesPosition.DATA;
            case AlbaEmPacket.End e -> SeriesPosition.END;
        };
    }

    @Override
    public UpstreamSocket defaultSocket() {
        return UpstreamSocket.SUB;
    }
}
