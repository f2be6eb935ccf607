package io.jdranspose.ingester.protocol;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.pcap.PositionCapture;
import io.jdranspose.api.pcap.PositionCaptureFramer;
import io.jdranspose.ingester.ItemReader;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamItem;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * PandA position capture over a plain TCP connection (§5.9): the header block of an arm starts a series,
 * each data line is an event, the {@code END} line ends it, and the next arm on the same connection starts
 * another series in the same scan. Lines are checked against the arm's field list, so a garbled line is
 * dropped with a warning instead of reaching the plugin.
 */
public final class PositionCaptureProtocol implements UpstreamProtocol {
    @Override
    public String streamType() {
        return PositionCapture.TYPE;
    }

    @Override
    public ItemReader newReader() {
        PositionCaptureFramer framer = new PositionCaptureFramer();
        PositionCapture parser = new PositionCapture();
        return message -> {
            List<UpstreamItem> items = new ArrayList<>();
            for (byte[] chunk : message) {
                for (PositionCaptureFramer.Frame frame : framer.feed(chunk)) {
                    items.add(item(parser, frame));
                }
            }
            return items;
        };
    }

    private static UpstreamItem item(PositionCapture parser, PositionCaptureFramer.Frame frame) {
        SeriesPosition position = switch (frame.kind()) {
            case HEADER -> SeriesPosition.START;
            case DATA -> SeriesPosition.DATA;
            case END -> SeriesPosition.END;
            case IGNORED -> SeriesPosition.IGNORED;
        };
        if (position != SeriesPosition.IGNORED) {
            try {
                parser.parse(frame.bytes());
            } catch (ProtocolException e) {
                return UpstreamItem.invalid(e.getMessage());
            }
        }
        return new UpstreamItem(position, List.of(frame.bytes()));
    }

    @Override
    public boolean seriesRepeat() {
        return true;
    }

    @Override
    public UpstreamTransport transport() {
        return UpstreamTransport.TCP;
    }
}
