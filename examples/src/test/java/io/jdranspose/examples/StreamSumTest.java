package io.jdranspose.examples;

import static io.jdranspose.examples.PublishedTree.attribute;
import static io.jdranspose.examples.PublishedTree.children;
import static io.jdranspose.examples.PublishedTree.numeric;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.simulator.DiffractionFrames;
import io.jdranspose.simulator.StinsMessages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sum-per-stream plugin on a scan shaped like upstream's recorded one: eiger uint16 16×12, orca float32 8×8, 10 images. */
class StreamSumTest {
    private static final DiffractionFrames EIGER = DiffractionFrames.builder(16, 12, DType.UINT16).seed(21).radius(5, 2).build();
    private static final DiffractionFrames ORCA = DiffractionFrames.builder(8, 8, DType.FLOAT32).seed(22).radius(3, 1).build();

    @Test
    void workerSumsEveryStinsImageExactly() {
        List<EventData> events = scan();
        StreamSumWorker worker = new StreamSumWorker();

        StreamSums start = worker.process(events.get(0), Parameters.empty());
        assertThat(start.streams().keySet()).containsExactly("eiger", "orca");
        assertThat(start.streams().get("eiger").htype()).isEqualTo("header");

        for (int frame = 0; frame < 10; frame++) {
            StreamSums sums = worker.process(events.get(frame + 1), Parameters.empty());
            StreamSummary eiger = sums.streams().get("eiger");
            StreamSummary orca = sums.streams().get("orca");
            assertThat(eiger.htype()).isEqualTo("image");
            assertThat(eiger.frame()).isEqualTo(frame);
            assertThat(eiger.shape()).containsExactly(16, 12);
            assertThat(eiger.dtype()).isEqualTo("uint16");
            assertThat(eiger.integerSum()).isEqualTo(bruteForceIntegerSum(EIGER, frame));
            assertThat(eiger.floating()).isFalse();
            assertThat(orca.dtype()).isEqualTo("float32");
            assertThat(orca.floating()).isTrue();
            assertThat(orca.floatSum()).isEqualTo(bruteForceFloatSum(ORCA, frame));
        }
        assertThat(worker.process(events.get(11), Parameters.empty()).streams().get("orca").htype()).isEqualTo("series_end");
    }

    @Test
    void integerSumsStayExactBeyondDoublePrecision() {
        // 4 pixels of 2^62 - 1: the exact sum wraps no long, but a double would round it
        ByteBuffer pixels = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        pixels.putLong((1L << 62) - 1).putLong(3);
        EventData event = new EventData(1, Map.of("d", new StreamData("STINS",
                StinsMessages.image(0, new int[] {2}, DType.INT64, pixels.array()))));

        StreamSummary summary = new StreamSumWorker().process(event, Parameters.empty()).streams().get("d");

        assertThat(summary.integerSum()).isEqualTo((1L << 62) + 2);
    }

    @Test
    void nonStinsStreamsAreLeftOut() {
        EventData event = new EventData(3, Map.of("sardana", StreamData.of("sardana", "{}".getBytes())));

        StreamSums sums = new StreamSumWorker().process(event, Parameters.empty());

        assertThat(sums.event()).isEqualTo(3);
        assertThat(sums.streams()).isEmpty();
    }

    @Test
    void reducerPublishesUpstreamsTree() {
        PublishTree tree = reduce(mapLikeReplay(new Random(1)));

        assertThat(children(tree, "/")).containsExactly("results", "event_number", "eiger", "orca", "markers");
        assertThat(numeric(tree, "/results").shape()).isEmpty();
        assertThat(numeric(tree, "/results").dtype()).isEqualTo(DType.INT64);
        assertThat(numeric(tree, "/results").getLong(0)).isEqualTo(13);
        assertThat(longs(numeric(tree, "/event_number"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        assertThat(children(tree, "/eiger")).containsExactly("sum", "frame", "shape");
        assertThat(attribute(tree, "/eiger", "dtype")).isEqualTo(StringValue.scalar("uint16"));
        NumericValue eigerSum = numeric(tree, "/eiger/sum");
        assertThat(eigerSum.dtype()).isEqualTo(DType.INT64);
        assertThat(longs(numeric(tree, "/eiger/frame"))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(longs(numeric(tree, "/eiger/shape"))).containsExactly(16, 12);
        assertThat(numeric(tree, "/eiger/shape").dtype()).isEqualTo(DType.INT64);

        assertThat(attribute(tree, "/orca", "dtype")).isEqualTo(StringValue.scalar("float32"));
        NumericValue orcaSum = numeric(tree, "/orca/sum");
        assertThat(orcaSum.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(longs(numeric(tree, "/orca/shape"))).containsExactly(8, 8);
        for (int frame = 0; frame < 10; frame++) {
            assertThat(eigerSum.getLong(frame)).isEqualTo(bruteForceIntegerSum(EIGER, frame));
            assertThat(orcaSum.getDouble(frame)).isEqualTo(bruteForceFloatSum(ORCA, frame));
        }

        assertThat(longs(numeric(tree, "/markers/header"))).containsExactly(0);
        assertThat(longs(numeric(tree, "/markers/series_end"))).containsExactly(11);
    }

    @Test
    void anyArrivalOrderGivesTheSameTree() {
        var expected = PublishedTree.flatten(reduce(mapLikeReplay(new Random(1))));

        for (int seed = 2; seed < 12; seed++) {
            List<ResultData<StreamSums>> results = mapLikeReplay(new Random(seed));
            Collections.shuffle(results, new Random(seed));
            assertThat(PublishedTree.flatten(reduce(results))).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void aStreamMissingFromSomeEventsLeavesMarkedGaps() {
        StreamSumWorker worker = new StreamSumWorker();
        List<EventData> events = scan();
        // event 4 arrives without its orca frame, event 2 only with orca, and late
        EventData eigerOnly = new EventData(4, Map.of("eiger", events.get(4).stream("eiger")));
        EventData orcaOnly = new EventData(2, Map.of("orca", events.get(2).stream("orca")));
        PublishTree tree = new PublishTree();
        StreamSumReducer reducer = new StreamSumReducer();
        for (EventData e : List.of(events.get(1), events.get(3), eigerOnly, orcaOnly)) {
            reducer.reduce(new ResultData<>(e.eventNumber(), "w", "", worker.process(e, Parameters.empty())), Parameters.empty(), tree);
        }

        assertThat(longs(numeric(tree, "/event_number"))).containsExactly(1, 2, 3, 4);
        assertThat(longs(numeric(tree, "/eiger/frame"))).containsExactly(0, -1, 2, 3);
        assertThat(numeric(tree, "/eiger/sum").getLong(1)).isZero();
        assertThat(longs(numeric(tree, "/orca/frame"))).containsExactly(0, 1, 2, -1);
        assertThat(numeric(tree, "/orca/sum").getDouble(3)).isNaN();
        assertThat(numeric(tree, "/orca/sum").getDouble(1)).isEqualTo(bruteForceFloatSum(ORCA, 1));
    }

    /** Events 0…11 with both streams, as replay merges two recordings. */
    private static List<EventData> scan() {
        Map<String, List<EventData>> series = new LinkedHashMap<>();
        series.put("eiger", StinsEvents.series("eiger", EIGER, 10));
        series.put("orca", StinsEvents.series("orca", ORCA, 10));
        return StinsEvents.merged(series);
    }

    /** Like upstream's replay with two workers: event 0 to both, the others to one at random. */
    private static List<ResultData<StreamSums>> mapLikeReplay(Random random) {
        StreamSumWorker[] workers = {new StreamSumWorker(), new StreamSumWorker()};
        List<ResultData<StreamSums>> results = new ArrayList<>();
        for (EventData event : scan()) {
            List<Integer> targets = event.eventNumber() == 0 ? List.of(0, 1) : List.of(random.nextInt(2));
            for (int w : targets) {
                results.add(new ResultData<>(event.eventNumber(), "w" + w, "", workers[w].process(event, Parameters.empty())));
            }
        }
        return results;
    }

    private static PublishTree reduce(List<ResultData<StreamSums>> results) {
        PublishTree tree = new PublishTree();
        StreamSumReducer reducer = new StreamSumReducer();
        for (ResultData<StreamSums> r : results) {
            reducer.reduce(r, Parameters.empty(), tree);
        }
        return tree;
    }

    private static long bruteForceIntegerSum(DiffractionFrames frames, int frame) {
        NdArray image = AzintWorkerTest.decode(frames, frame);
        long sum = 0;
        for (int i = 0; i < image.size(); i++) {
            sum += (long) image.getDouble(i);
        }
        return sum;
    }

    private static double bruteForceFloatSum(DiffractionFrames frames, int frame) {
        NdArray image = AzintWorkerTest.decode(frames, frame);
        double sum = 0;
        for (int i = 0; i < image.size(); i++) {
            sum += image.getDouble(i);
        }
        return sum;
    }

    private static long[] longs(NumericValue value) {
        long[] out = new long[(int) value.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value.getLong(i);
        }
        return out;
    }
}
