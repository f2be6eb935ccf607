package io.jdranspose.ingester;

import java.util.List;

/**
 * One item of a stream, cut from the upstream by an {@link ItemReader}: the frames the workers get as the
 * stream's part of one event, and where the item stands in its series. A reader that finds one bad item
 * among good ones (a garbled line in a chunk of PandA lines) returns it as {@link #invalid(String)}, so the
 * ingester drops just that item with a warning.
 *
 * @param problem null for a good item, else why it is dropped
 */
public record UpstreamItem(SeriesPosition position, List<byte[]> frames, String problem) {
    public UpstreamItem {
        if (position == null || frames == null) {
            throw new IllegalArgumentException("an upstream item needs a position and frames");
        }
    }

    public UpstreamItem(SeriesPosition position, List<byte[]> frames) {
        this(position, frames, null);
    }

    /** An item that cannot be understood and is dropped with a warning giving {@code problem}. */
    public static UpstreamItem invalid(String problem) {
        return new UpstreamItem(SeriesPosition.IGNORED, List.of(), problem);
    }
}
