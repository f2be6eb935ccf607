package io.jdranspose.app.bench;

import io.jdranspose.api.DType;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;

/** Reducer of the replay benchmark: publishes the running count and sum of the results. */
public final class SummingReducer implements Reducer<Long> {
    private long count;
    private long sum;
    private NumericDataset countDataset;
    private NumericDataset sumDataset;

    @Override
    public void reduce(ResultData<Long> result, Parameters parameters, PublishTree publish) {
        if (countDataset == null) {
            countDataset = publish.numeric("/count", DType.INT64);
            sumDataset = publish.numeric("/sum", DType.INT64);
        }
        count++;
        sum += result.payload();
        countDataset.set(count);
        sumDataset.set(sum);
    }
}
