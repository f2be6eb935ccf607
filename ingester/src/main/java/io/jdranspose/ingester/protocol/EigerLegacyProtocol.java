package io.jdranspose.ingester.protocol;

import io.jdranspose.api.eiger.EigerLegacy;
import io.jdranspose.api.eiger.EigerPacket;
import io.jdranspose.ingester.MessageProtocol;
import io.jdranspose.ingester.SeriesPosition;
import java.util.List;

/**
 * DECTRIS Eiger, SIMPLON stream API v1 (§5.2): {@code dheader} starts (with its detail-level parts),
 * {@code dimage} is data (compressed images are forwarded as they came; plugins decode them), and
 * {@code dseries_end} ends. The detector PUSHes.
 */
public final class EigerLegacyProtocol implements MessageProtocol {
    @Override
    public String streamType() {
        return EigerLegacy.TYPE;
    }

    @Override
    public SeriesPosition classify(List<byte[]> message) {
        return switch (EigerLegacy.parse(message)) {
            case EigerPacket.Header h -> SeriesPosition.START;
            case EigerPacket.Image i -> SeriesPosition.DATA;
            case EigerPacket.End e -> SeriesPosition.END;
        };
    }
}
