package io.jdranspose.ingester;

import java.util.List;

/**
 * One item of a stream, cut from the upstream by an {@link ItemReader}: the frames the workers get as the
 * stream's part of one event, and where the item stands in its series.
 */
public record UpstreamItem(SeriesPosition position, List<byte[]> frames) {
    public UpstreamItem {
        if (position == null || frames == null) {
            throw new IllegalArgumentException("an upstream item needs a position and frames");
        }
    }
}
