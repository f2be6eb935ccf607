package io.jdranspose.examples;

import io.jdranspose.api.EventData;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.contrast.Contrast;
import io.jdranspose.api.contrast.ContrastPacket;
import io.jdranspose.api.xspress.Xspress3;
import io.jdranspose.api.xspress.Xspress3Packet;
import java.util.List;

/**
 * The classic fluorescence map, map side: each event joins a scan point of the contrast scan software (its
 * motor positions) with the Xspress3 spectra taken there, and sums the counts of a bin range (an emission
 * line) over all channels. Streams are found by their protocol, whatever they are named in the trigger map.
 */
public final class FluorescenceMapWorker implements Worker<FluorescencePoint> {
    static final Parameter<String> X_MOTOR = Parameter.string("x_motor", "sx", "first motor of the map (contrast name)");
    static final Parameter<String> Y_MOTOR = Parameter.string("y_motor", "sy", "second motor of the map (contrast name)");
    static final Parameter<Long> FIRST_BIN = Parameter.integer("roi_first_bin", 0, "first spectrum bin summed");
    static final Parameter<Long> LAST_BIN = Parameter.integer("roi_last_bin", -1,
            "last spectrum bin summed (inclusive); -1 for the last bin");

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(X_MOTOR, Y_MOTOR, FIRST_BIN, LAST_BIN);
    }

    @Override
    public FluorescencePoint process(EventData event, Parameters parameters) {
        StreamData positions = streamOfType(event, Contrast.TYPE);
        StreamData spectra = streamOfType(event, Xspress3.TYPE);
        if (positions == null) {
            return null;
        }
        return switch (Contrast.parse(positions)) {
            case ContrastPacket.Started s -> FluorescencePoint.start(event.eventNumber(), s.description());
            case ContrastPacket.Running r -> spectra != null && Xspress3.parse(spectra) instanceof Xspress3Packet.Image image
                    ? new FluorescencePoint(event.eventNumber(), null, r.number(parameters.get(X_MOTOR)),
                            r.number(parameters.get(Y_MOTOR)), roiCounts(image.spectra(), parameters))
                    : null;
            default -> null;
        };
    }

    /** Counts of the bin range, over every channel of a [channels, bins] spectra array. */
    static double roiCounts(NdArray spectra, Parameters parameters) {
        int[] shape = spectra.shape();
        int bins = shape[shape.length - 1];
        int channels = spectra.size() / Math.max(1, bins);
        long last = parameters.get(LAST_BIN);
        int from = (int) Math.max(0, Math.min(bins, parameters.get(FIRST_BIN)));
        int to = (int) (last < 0 ? bins - 1 : Math.min(bins - 1, last));
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            for (int b = from; b <= to; b++) {
                sum += spectra.getDouble(c * bins + b);
            }
        }
        return sum;
    }

    private static StreamData streamOfType(EventData event, String type) {
        for (StreamData s : event.streams().values()) {
            if (type.equals(s.type())) {
                return s;
            }
        }
        return null;
    }
}
