package io.jdranspose.examples;

import io.jdranspose.api.DType;

/**
 * One STINS stream's message in one event, as {@link StreamSumWorker} sees it: for an image its frame
 * number, shape, dtype and pixel sum; for a start or end message only its {@code htype}.
 *
 * @param htype      {@code image}, {@code header} or {@code series_end}
 * @param frame      detector frame number of an image, -1 otherwise
 * @param shape      image shape, empty otherwise
 * @param dtype      numpy name of the pixel type ({@code uint16}), empty for non-images
 * @param integerSum exact pixel sum of an integer image (uint64 pixels wrap past 2^63), 0 otherwise
 * @param floatSum   pixel sum of a floating-point image, 0 otherwise
 */
public record StreamSummary(String htype, long frame, int[] shape, String dtype, long integerSum, double floatSum) {

    /** The summary of a start or end message. */
    public static StreamSummary marker(String htype) {
        return new StreamSummary(htype, -1, new int[0], "", 0, 0);
    }

    /** Whether the pixels are floating point, so that {@link #floatSum} holds the sum. */
    public boolean floating() {
        return !dtype.isEmpty() && DType.fromNumpy(dtype).isFloat();
    }
}
