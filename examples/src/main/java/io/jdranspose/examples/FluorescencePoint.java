package io.jdranspose.examples;

/**
 * What the fluorescence map worker sends the reducer for one event: the scan's mesh description (start event
 * only) or one scan point with its motor positions and the counts in the region of interest.
 *
 * @param event  event number
 * @param mesh   contrast's scan description, e.g. {@code mesh sx -2 2 3 sy -2 2 4 0.1}, for the start event; else null
 * @param x      position of the first motor
 * @param y      position of the second motor
 * @param counts counts in the region of interest, summed over the detector's channels
 */
public record FluorescencePoint(long event, String mesh, double x, double y, double counts) {
    static FluorescencePoint start(long event, String mesh) {
        return new FluorescencePoint(event, mesh, Double.NaN, Double.NaN, Double.NaN);
    }
}
