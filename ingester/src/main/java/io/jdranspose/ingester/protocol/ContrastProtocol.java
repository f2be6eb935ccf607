package io.jdranspose.ingester.protocol;

import io.jdranspose.api.contrast.Contrast;
import io.jdranspose.api.contrast.ContrastPacket;
import io.jdranspose.ingester.MessageProtocol;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamSocket;
import java.util.List;

/**
 * The contrast scan software (§5.5): pickled dicts, read with the safe pickle reader. {@code started} starts,
 * each {@code running} scan point is data, {@code finished} ends; heartbeats are dropped silently. Published.
 */
public final class ContrastProtocol implements MessageProtocol {
    @Override
    public String streamType() {
        return Contrast.TYPE;
    }

    @Override
    public SeriesPosition classify(List<byte[]> message) {
        return switch (Contrast.parse(message)) {
            case ContrastPacket.Heartbeat h -> SeriesPosition.IGNORED;
            case ContrastPacket.Started s -> SeriesPosition.START;
            case ContrastPacket.Running r -> SeriesPosition.DATA;
            case ContrastPacket.Finished f -> SeriesPosition.END;
        };
    }

    @Override
    public UpstreamSocket defaultSocket() {
        return UpstreamSocket.SUB;
    }
}
