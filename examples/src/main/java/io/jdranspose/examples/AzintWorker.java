package io.jdranspose.examples;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Maps every image of a STINS stream to the mean of a region of interest and an azimuthal integration
 * I(q). Start and end messages give no result.
 *
 * <p>The per-pixel q binning depends only on the image shape and the geometry parameters, so it is built
 * once and kept across events (a worker instance lives for a whole scan); parameter changes during the
 * scan rebuild it at the next image.
 */
public final class AzintWorker implements Worker<AzintResult> {
    private ImageIntegrator integrator;
    private boolean qSent;

    @Override
    public List<Parameter<?>> parameters() {
        return AzintParameters.ALL;
    }

    @Override
    public AzintResult process(EventData event, Parameters parameters) {
        StreamData stream = selectStream(event, parameters.get(AzintParameters.STREAM));
        if (stream == null) {
            return null;
        }
        StinsPacket.Image image = Stins.parse(stream).image();
        if (image == null) {
            return null;
        }
        int[] shape = image.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("event " + event.eventNumber() + ": azimuthal integration needs a 2-D image, frame "
                    + image.frame() + " has shape " + Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape[1];
        DetectorGeometry geometry = DetectorGeometry.of(parameters, rows, cols);
        int bins = (int) Math.max(0, Math.min(Integer.MAX_VALUE, parameters.get(AzintParameters.Q_BINS)));
        if (integrator == null || !integrator.matches(rows, cols, geometry, bins)) {
            integrator = new ImageIntegrator(rows, cols, geometry, bins);
            qSent = false;
        }
        ImageIntegrator.Integrated integrated = integrator.integrate(image, RegionOfInterest.of(parameters, rows, cols));
        double[] q = qSent ? new double[0] : integrator.q();
        qSent = true;
        return new AzintResult(event.eventNumber(), image.frame(), integrated.roiMean(), integrated.intensities(), q);
    }

    /** Only the integrated profile outlives a call, so the worker may take the next image into the same array. */
    @Override
    public boolean keepsFrames() {
        return false;
    }

    /** The named stream, or the first STINS stream when the name is empty; null when the event has none. */
    private static StreamData selectStream(EventData event, String name) {
        if (!name.isEmpty()) {
            return event.stream(name);
        }
        for (Map.Entry<String, StreamData> entry : event.streams().entrySet()) {
            if (Stins.TYPE.equals(entry.getValue().type())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
