package io.jdranspose.ingester;

/** Where an upstream message stands in a detector series (dranspose §5.0). */
public enum SeriesPosition {
    /** Opens a series: header, arm, series-start. */
    START,
    /** One data item of the series. */
    DATA,
    /** Closes the series. */
    END,
    /** Not part of any series (heartbeats): always dropped. */
    IGNORED
}
