package io.jdranspose.ingester.protocol;

import io.jdranspose.api.pcap.Pcap;
import io.jdranspose.api.pcap.PcapPacket;
import io.jdranspose.api.pcap.PcapRowSplitter;
import io.jdranspose.ingester.ItemReader;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamItem;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * PandA PCAP over ZeroMQ (§5.6): a data message carries one value per trigger row in each list field, and
 * every row becomes an event of its own (re-emitted as upstream does, {@link PcapRowSplitter}); so events are
 * rows, not messages. Start and end pass through unchanged.
 */
public final class PcapProtocol implements UpstreamProtocol {
    @Override
    public String streamType() {
        return Pcap.TYPE;
    }

    @Override
    public ItemReader newReader() {
        return message -> {
            List<byte[]> rows = PcapRowSplitter.split(message);
            if (rows.size() == 1 && rows.get(0) == message.get(0)) {
                // the splitter hands start and end back as they are
                SeriesPosition position = Pcap.parse(message) instanceof PcapPacket.Start ? SeriesPosition.START
                        : SeriesPosition.END;
                return List.of(new UpstreamItem(position, message));
            }
            List<UpstreamItem> items = new ArrayList<>(rows.size());
            for (byte[] row : rows) {
                items.add(new UpstreamItem(SeriesPosition.DATA, List.of(row)));
            }
            return items;
        };
    }

    @Override
    public UpstreamSocket defaultSocket() {
        return UpstreamSocket.SUB;
    }
}
