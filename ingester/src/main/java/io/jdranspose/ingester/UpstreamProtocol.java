package io.jdranspose.ingester;

/**
 * What an ingester must know about a detector protocol: how to reach the source and how to cut its messages
 * into a series of items. One instance serves every scan of an ingester; per-scan state lives in the
 * {@link ItemReader} it makes for each scan.
 */
public interface UpstreamProtocol {

    /** The stream type workers see ({@code STINS}, {@code EIGER_LEGACY}, …). */
    String streamType();

    /** A fresh reader for one scan. */
    ItemReader newReader();

    /**
     * Whether the protocol has no start message, so that the first {@link SeriesPosition#DATA} item of a
     * scan opens the series.
     */
    default boolean firstMessageStartsSeries() {
        return false;
    }

    /**
     * Whether a new series may start after the end of the previous one within the same scan (PandA position
     * capture over TCP: one scan, several arms). Otherwise everything after the end is dropped.
     */
    default boolean seriesRepeat() {
        return false;
    }

    /**
     * Whether the items of this protocol's readers hold the message's own frames and the reader keeps none of
     * them, so that the ingester may receive into a frame's array again once the item has been forwarded.
     * False for readers that keep frames across items (LeCroy repeats a sequence start in the next group).
     */
    default boolean readerKeepsNoFrames() {
        return false;
    }

    /** How the ingester reaches the source. */
    default UpstreamTransport transport() {
        return UpstreamTransport.ZMQ;
    }

    /** The ZeroMQ socket used when none is asked for: PULL for devices that PUSH, SUB for publishers. */
    default UpstreamSocket defaultSocket() {
        return UpstreamSocket.PULL;
    }
}
