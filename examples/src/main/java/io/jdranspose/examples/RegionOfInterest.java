package io.jdranspose.examples;

import io.jdranspose.api.Parameters;

/**
 * A rectangle of an image, already clipped to it: rows {@code [y0, y1)} × columns {@code [x0, x1)}.
 * Empty when the requested rectangle lies outside the image.
 */
record RegionOfInterest(int y0, int y1, int x0, int x1) {

    /**
     * The rectangle the ROI parameters ask for, clipped to a {@code rows × cols} image. A negative bound
     * means the central half of the image along that axis, so the default works for any detector size.
     */
    static RegionOfInterest of(Parameters parameters, int rows, int cols) {
        return new RegionOfInterest(
                bound(parameters.get(AzintParameters.ROI_Y0), rows, rows / 4),
                bound(parameters.get(AzintParameters.ROI_Y1), rows, rows - rows / 4),
                bound(parameters.get(AzintParameters.ROI_X0), cols, cols / 4),
                bound(parameters.get(AzintParameters.ROI_X1), cols, cols - cols / 4));
    }

    private static int bound(long value, int size, int whenNegative) {
        return value < 0 ? whenNegative : clip(value, size);
    }

    boolean isEmpty() {
        return y1 <= y0 || x1 <= x0;
    }

    long pixels() {
        return isEmpty() ? 0 : (long) (y1 - y0) * (x1 - x0);
    }

    private static int clip(long value, int size) {
        return (int) Math.max(0, Math.min(size, value));
    }
}
