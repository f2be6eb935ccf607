package io.jdranspose.examples;

/**
 * What {@link AzintWorker} sends to {@link AzintReducer} for one image.
 *
 * @param event       the event the image belongs to
 * @param frame       the detector's frame number
 * @param roiMean     mean of the region of interest; NaN when it lies outside the image
 * @param intensities mean intensity per q bin (NaN for empty bins)
 * @param q           the bin centres in 1/Å when they differ from what this worker sent before, else
 *                    empty: the axis is the same for every image of a scan, so it travels rarely
 */
public record AzintResult(long event, long frame, double roiMean, float[] intensities, double[] q) {
}
