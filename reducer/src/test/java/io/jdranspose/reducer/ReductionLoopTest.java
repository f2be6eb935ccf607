package io.jdranspose.reducer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.codec.ResultCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReductionLoopTest {
    static final class Summing implements Reducer<Long> {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        volatile Thread reduceThread;
        volatile Thread timerThread;
        long sum;

        @Override
        public void reduce(ResultData<Long> r, Parameters p, PublishTree publish) {
            reduceThread = Thread.currentThread();
            if (r.payload() == 13L) {
                throw new IllegalStateException("unlucky");
            }
            sum += r.payload();
            publish.numeric("/sum", DType.INT64).set(sum);
        }

        @Override
        public Duration timer(Parameters p, PublishTree publish) {
            timerThread = Thread.currentThread();
            calls.add("timer");
            return calls.size() < 3 ? Duration.ofMillis(10) : null;
        }

        @Override
        public void finish(Parameters p, PublishTree publish) {
            calls.add("finish");
        }
    }

    @Test
    void reducesInOneThreadRunsTheTimerBetweenResultsAndFinishesLast() throws Exception {
        Summing reducer = new Summing();
        ResultCodec codec = ResultCodec.forTypes(List.of());
        PublishTree tree = new PublishTree();
        ReductionLoop loop = new ReductionLoop(reducer, codec, Parameters::empty, tree, 4).start();
        for (long i = 1; i <= 20; i++) {
            loop.submit(new EncodedResult(i, "w", "h", codec.encode(i)));
        }
        loop.submit(new EncodedResult(99, "w", "h", new byte[] {1, 2}));  // undecodable
        Thread.sleep(1500);  // the timer first fires one second after the start
        loop.finish();

        assertThat(loop.reduced()).isEqualTo(19);
        assertThat(loop.failures()).isEqualTo(2);
        assertThat(((NumericDataset) tree.find("/sum")).snapshot().getLong(0)).isEqualTo(210 - 13);
        assertThat(reducer.calls).containsExactly("timer", "timer", "timer", "finish");
        assertThat(reducer.timerThread).isSameAs(reducer.reduceThread);
    }
}
