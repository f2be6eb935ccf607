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
 *   event                int64 [frame]        the event that carried each frame (-1: not received yet)
 *   roi/mean             float64 [frame]      NXdata, signal=mean
 *   azint/I              float32 [frame, q]   NXdata, signal=I, axes=[".", "q"]
 *   azint/q              float64 [q]          units=1/angstrom
 *   parameters/&lt;name&gt;    each parameter the plugin uses
 * </pre>
 *
 * Every row is indexed by the detector's frame number, so row k is image k of the series (the start and
 * end events carry no image and take no row), results may arrive in any order and from any number of
 * workers, and rows of frames not received yet read as NaN. Rows whose length differs from the first one
 * (q_bins changed during the scan) are counted in {@code azint/rejected} instead of being mixed in.
 */
public final class AzintReducer implements Reducer<AzintResult> {
    private boolean entryCreated;
    private String publishedParametersHash;
    private int qBins = -1;
    private long rejected;
    /** Rows of /entry/event that exist; rows below it that no result has set yet hold -1. */
    private long eventRows;

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
        publish.numeric("/entry/azint/I", DType.FLOAT32).set(r.frame(), r.intensities());
        publish.numeric("/entry/roi/mean", DType.FLOAT64).set(r.frame(), r.roiMean());
        setEvent(publish.numeric("/entry/event", DType.INT64), r.frame(), r.event());
    }

    private void createEntry(PublishTree publish) {
        publish.root().attribute("default", "entry");
        publish.group("/entry").attribute("NX_class", "NXentry").attribute("default", "azint");
        publish.numeric("/entry/event", DType.INT64);
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

    private void setEvent(NumericDataset events, long frame, long event) {
        // integer rows that were never set would read as event 0, a real event number: mark them -1
        for (long row = eventRows; row < frame; row++) {
            events.set(row, -1L);
        }
        events.set(frame, event);
        eventRows = Math.max(eventRows, frame + 1);
    }
}
