package io.jdranspose.examples;

import io.jdranspose.api.DType;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import java.util.List;

/**
 * Publishes the results of {@link AzintWorker} as a NeXus entry that h5web and silx plot directly:
 *
 * <pre>
 * /entry                 NXentry, default=azint
 *   frame                int64 [event]        detector frame of each event (-1: no image)
 *   roi/mean             float64 [event]      NXdata, signal=mean
 *   azint/I              float32 [event, q]   NXdata, signal=I, axes=[".", "q"]
 *   azint/q              float64 [q]          units=1/angstrom
 *   parameters/&lt;name&gt;    each parameter the plugin uses
 * </pre>
 *
 * Every row is indexed by event number, so results may arrive in any order and from any number of
 * workers; rows of events without an image read as NaN. Rows whose length differs from the first one
 * (q_bins changed during the scan) are counted in {@code azint/rejected} instead of being mixed in.
 */
public final class AzintReducer implements Reducer<AzintResult> {
    private boolean entryCreated;
    private String publishedParametersHash;
    private int qBins = -1;
    private long rejected;
    /** Rows of /entry/frame that exist; rows below it that no result has set yet hold -1. */
    private long frameRows;

    @Override
    public List<Parameter<?>> parameters() {
        return AzintParameters.ALL;
    }

    @Override
    public void reduce(ResultData<AzintResult> result, Parameters parameters, PublishTree publish) {
        AzintResult r = result.payload();
        if (!entryCreated) {
            createEntry(publish);
            entryCreated = true;
        }
        if (!parameters.hash().equals(publishedParametersHash)) {
            publishParameters(parameters, publish);
            publishedParametersHash = parameters.hash();
        }
        if (qBins < 0) {
            qBins = r.intensities().length;
        } else if (r.intensities().length != qBins) {
            publish.numeric("/entry/azint/rejected", DType.INT64).set(++rejected);
            return;
        }
        if (r.q().length == qBins) {
            publish.array("/entry/azint/q", r.q()).attribute("units", "1/angstrom").attribute("long_name", "q (1/Å)");
        }
        publish.numeric("/entry/azint/I", DType.FLOAT32).set(r.event(), r.intensities());
        publish.numeric("/entry/roi/mean", DType.FLOAT64).set(r.event(), r.roiMean());
        setFrame(publish.numeric("/entry/frame", DType.INT64), r.event(), r.frame());
    }

    private void createEntry(PublishTree publish) {
        publish.root().attribute("default", "entry");
        publish.group("/entry").attribute("NX_class", "NXentry").attribute("default", "azint");
        publish.numeric("/entry/frame", DType.INT64);
        publish.group("/entry/roi").attribute("NX_class", "NXdata").attribute("signal", "mean");
        publish.numeric("/entry/roi/mean", DType.FLOAT64).attribute("long_name", "ROI mean");
        publish.group("/entry/azint").attribute("NX_class", "NXdata").attribute("signal", "I")
                .attribute("axes", new String[] {".", "q"}).attribute("q_indices", 1);
        // "spectrum": viewers show one I(q) curve per event, with a slider over events
        publish.numeric("/entry/azint/I", DType.FLOAT32).attribute("interpretation", "spectrum").attribute("long_name", "I(q)");
    }

    private static void publishParameters(Parameters parameters, PublishTree publish) {
        publish.group("/entry/parameters").attribute("NX_class", "NXparameters")
                .attribute("parameters_hash", parameters.hash());
        for (Parameter<?> p : AzintParameters.ALL) {
            publish.scalar("/entry/parameters/" + p.name(), parameters.get(p));
        }
    }

    private void setFrame(NumericDataset frames, long event, long frame) {
        // integer rows that were never set would read as frame 0, a real frame number: mark them -1
        for (long row = frameRows; row < event; row++) {
            frames.set(row, -1L);
        }
        frames.set(event, frame);
        frameRows = Math.max(frameRows, event + 1);
    }
}
