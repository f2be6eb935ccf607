package io.jdranspose.ingester.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.lecroy.LeCroy;
import io.jdranspose.ingester.ItemReader;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamItem;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamSocket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * LeCroy oscilloscope (§5.7), published. A series starts with a prepare message immediately followed by a
 * sequence start; the prepare is the first item. Then everything up to each sequence end becomes one item
 * {@code [seq start, (meta, waves, timestamps) × channels, seq end]}: in continuous mode ({@code ntriggers}
 * −1) the one sequence start is cached and begins every group. The stop message is the last item.
 */
public final class LeCroyProtocol implements UpstreamProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String streamType() {
        return LeCroy.TYPE;
    }

    @Override
    public ItemReader newReader() {
        return new SequenceGrouper();
    }

    @Override
    public UpstreamSocket defaultSocket() {
        return UpstreamSocket.SUB;
    }

    private static final class SequenceGrouper implements ItemReader {
        private List<byte[]> heldPrepare;
        private boolean started;
        private byte[] continuousStart;
        private List<byte[]> group;

        @Override
        public List<UpstreamItem> read(List<byte[]> message) {
            LeCroy.MessageKind kind = LeCroy.classify(message);
            List<UpstreamItem> items = new ArrayList<>(2);
            if (heldPrepare != null && kind != LeCroy.MessageKind.SEQUENCE_START) {
                items.add(UpstreamItem.invalid("prepare not immediately followed by a sequence start"));
                heldPrepare = null;
            }
            switch (kind) {
                case PREPARE -> heldPrepare = message;
                case SEQUENCE_START -> {
                    if (heldPrepare != null) {
                        items.add(new UpstreamItem(SeriesPosition.START, heldPrepare));
                        heldPrepare = null;
                        started = true;
                        continuousStart = null;
                    } else if (!started) {
                        throw new ProtocolException("sequence start without a prepare before it");
                    }
                    continuousStart = ntriggers(message.get(0)) == -1 ? message.get(0) : null;
                    group = new ArrayList<>();
                    group.add(message.get(0));
                }
                case TRACES -> {
                    if (group == null) {
                        throw new ProtocolException("traces outside a sequence (no sequence start before them)");
                    }
                    group.addAll(message);
                }
                case SEQUENCE_END -> {
                    if (group == null) {
                        throw new ProtocolException("sequence end without a sequence start");
                    }
                    group.add(message.get(0));
                    items.add(sequence(group));
                    group = null;
                    if (continuousStart != null) {
                        group = new ArrayList<>();
                        group.add(continuousStart);
                    }
                }
                case STOP -> {
                    items.add(new UpstreamItem(SeriesPosition.END, message));
                    started = false;
                    group = null;
                    continuousStart = null;
                }
            }
            return items;
        }

        private static UpstreamItem sequence(List<byte[]> frames) {
            try {
                LeCroy.parse(frames);
            } catch (ProtocolException e) {
                return UpstreamItem.invalid(e.getMessage());
            }
            return new UpstreamItem(SeriesPosition.DATA, List.copyOf(frames));
        }

        private static long ntriggers(byte[] seqStart) {
            try {
                return JSON.readTree(seqStart).path("ntriggers").asLong(0);
            } catch (IOException e) {
                throw new ProtocolException("LeCroy sequence start is not JSON: " + e.getMessage(), e);
            }
        }
    }
}
