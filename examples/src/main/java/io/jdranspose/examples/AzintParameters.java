package io.jdranspose.examples;

import io.jdranspose.api.Parameter;
import java.util.List;

/** The parameters of the azimuthal-integration plugin, shared by its worker and its reducer. */
final class AzintParameters {
    static final Parameter<String> STREAM = Parameter.string("stream", "",
            "STINS stream to integrate; empty means the first STINS stream of each event");
    static final Parameter<Long> ROI_X0 = Parameter.integer("roi_x0", -1,
            "first column of the region of interest; negative: a quarter of the image width");
    static final Parameter<Long> ROI_X1 = Parameter.integer("roi_x1", -1,
            "column after the last one of the region of interest (clipped to the image); negative: three quarters"
                    + " of the image width");
    static final Parameter<Long> ROI_Y0 = Parameter.integer("roi_y0", -1,
            "first row of the region of interest; negative: a quarter of the image height");
    static final Parameter<Long> ROI_Y1 = Parameter.integer("roi_y1", -1,
            "row after the last one of the region of interest (clipped to the image); negative: three quarters of"
                    + " the image height");
    static final Parameter<Long> Q_BINS = Parameter.integer("q_bins", 100,
            "number of equal-width q bins from 0 to the largest q on the detector (1 to 1000000)");
    static final Parameter<Double> BEAM_X = Parameter.floating("beam_x", Double.NaN,
            "beam centre column in pixels (pixel x has its centre at x); NaN or negative: the image centre");
    static final Parameter<Double> BEAM_Y = Parameter.floating("beam_y", Double.NaN,
            "beam centre row in pixels; NaN or negative: the image centre");
    static final Parameter<Double> PIXEL_SIZE = Parameter.floating("pixel_size_m", 75e-6, "pixel size in metres");
    static final Parameter<Double> DISTANCE = Parameter.floating("distance_m", 0.2, "sample to detector distance in metres");
    static final Parameter<Double> WAVELENGTH = Parameter.floating("wavelength_a", 1.0, "X-ray wavelength in ångström");

    static final List<Parameter<?>> ALL = List.of(STREAM, ROI_X0, ROI_X1, ROI_Y0, ROI_Y1, Q_BINS, BEAM_X, BEAM_Y,
            PIXEL_SIZE, DISTANCE, WAVELENGTH);

    private AzintParameters() {
    }
}
