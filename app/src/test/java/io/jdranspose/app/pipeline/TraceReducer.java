package io.jdranspose.app.pipeline;

import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.PublishTree;

/** Test plugin: publishes one line per reduced result, {@code "<event> <worker> <items…>"}, in {@code /trace}. */
public final class TraceReducer implements Reducer<TraceWorker.Trace> {
    @Override
    public void reduce(ResultData<TraceWorker.Trace> result, Parameters parameters, PublishTree tree) {
        tree.root().strings("trace").append(result.payload().event() + " " + result.worker() + " "
                + String.join(" ", result.payload().items()));
    }
}
