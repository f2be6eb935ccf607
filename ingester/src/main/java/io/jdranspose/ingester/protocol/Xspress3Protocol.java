package io.jdranspose.ingester.protocol;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.xspress.Xspress3;
import io.jdranspose.ingester.ItemReader;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamItem;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.ingester.UpstreamSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Quantum Detectors Xspress3 (§5.3), published. An image is three frames (JSON, spectra, meta pickle): newer
 * firmware sends them as one multipart message, older firmware as three consecutive single-part messages,
 * which the reader joins. Every image is parsed once here (spectra size, pickle), so a broken one is dropped
 * with a warning instead of failing in the plugin.
 */
public final class Xspress3Protocol implements UpstreamProtocol {
    @Override
    public String streamType() {
        return Xspress3.TYPE;
    }

    @Override
    public ItemReader newReader() {
        return new LegacyImageJoiner();
    }

    @Override
    public UpstreamSocket defaultSocket() {
        return UpstreamSocket.SUB;
    }

    /** Joins a legacy image's three messages; passes everything else through. */
    private static final class LegacyImageJoiner implements ItemReader {
        private List<byte[]> pending;

        @Override
        public List<UpstreamItem> read(List<byte[]> message) {
            Xspress3.MessageKind kind = Xspress3.classify(message);
            if (pending != null) {
                if (kind == Xspress3.MessageKind.OTHER && message.size() == 1) {
                    pending.add(message.get(0));
                    if (pending.size() < Xspress3.IMAGE_FRAMES) {
                        return List.of();
                    }
                    List<byte[]> image = pending;
                    pending = null;
                    return List.of(image(image));
                }
                // the image's parts never came: drop what we have, then take this message as it is
                UpstreamItem broken = UpstreamItem.invalid("image header followed by only " + (pending.size() - 1)
                        + " of its 2 parts (spectra, meta)");
                pending = null;
                List<UpstreamItem> items = new ArrayList<>(2);
                items.add(broken);
                items.addAll(read(message));
                return items;
            }
            return switch (kind) {
                case START -> List.of(new UpstreamItem(SeriesPosition.START, message));
                case IMAGE -> List.of(image(message));
                case IMAGE_HEADER -> {
                    pending = new ArrayList<>(Xspress3.IMAGE_FRAMES);
                    pending.add(message.get(0));
                    yield List.of();
                }
                case END -> List.of(new UpstreamItem(SeriesPosition.END, message));
                case OTHER -> throw new ProtocolException("not an Xspress3 message (" + message.size()
                        + " part(s), no header/image/series_end JSON first)");
            };
        }

        private static UpstreamItem image(List<byte[]> frames) {
            try {
                Xspress3.parse(frames);
            } catch (ProtocolException e) {
                return UpstreamItem.invalid(e.getMessage());
            }
            return new UpstreamItem(SeriesPosition.DATA, List.copyOf(frames));
        }
    }
}
