package io.jdranspose.examples;

import static io.jdranspose.examples.PublishedTree.attribute;
import static io.jdranspose.examples.PublishedTree.numeric;
import static io.jdranspose.examples.StinsEvents.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.simulator.DiffractionFrames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AzintReducerTest {
    private static final int IMAGES = 12;
    private static final int BINS = 40;

    @Test
    void publishesANexusEntryIndexedByFrame() throws Exception {
        Parameters parameters = parameters(AzintParameters.ALL, "q_bins", BINS, "roi_x0", 10, "roi_y0", 20);
        List<ResultData<AzintResult>> results = mapWithTwoWorkers(parameters);
        PublishTree tree = reduce(results, parameters);

        NumericValue intensities = numeric(tree, "/entry/azint/I");
        assertThat(intensities.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(intensities.shape()).containsExactly(IMAGES, BINS); // one row per image, none for start/end
        AzintResult fifth = results.stream().filter(r -> r.eventNumber() == 5).findFirst().orElseThrow().payload();
        assertThat(fifth.frame()).isEqualTo(4);
        for (int k = 0; k < BINS; k++) {
            assertThat(intensities.getDouble(4 * BINS + k)).isEqualTo(fifth.intensities()[k]);
        }
        NumericValue q = numeric(tree, "/entry/azint/q");
        assertThat(q.shape()).containsExactly(BINS);
        assertThat(attribute(tree, "/entry/azint/q", "units")).isEqualTo(StringValue.scalar("1/angstrom"));
        NumericValue roi = numeric(tree, "/entry/roi/mean");
        assertThat(roi.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(fifth.roiMean()).isNotNaN();
        assertThat(roi.getDouble(4)).isEqualTo(fifth.roiMean());
        NumericValue events = numeric(tree, "/entry/event");
        assertThat(events.dtype()).isEqualTo(DType.INT64);
        assertThat(events.shape()).containsExactly(IMAGES);
        for (int frame = 0; frame < IMAGES; frame++) {
            assertThat(events.getLong(frame)).isEqualTo(frame + 1);
        }
    }

    @Test
    void nexusAttributesLetViewersPlotIt() throws Exception {
        Parameters parameters = parameters(AzintParameters.ALL, "q_bins", BINS);
        PublishTree tree = reduce(mapWithTwoWorkers(parameters), parameters);

        assertThat(attribute(tree, "/", "default")).isEqualTo(StringValue.scalar("entry"));
        assertThat(attribute(tree, "/entry", "NX_class")).isEqualTo(StringValue.scalar("NXentry"));
        assertThat(attribute(tree, "/entry", "default")).isEqualTo(StringValue.scalar("azint"));
        assertThat(attribute(tree, "/entry/azint", "NX_class")).isEqualTo(StringValue.scalar("NXdata"));
        assertThat(attribute(tree, "/entry/azint", "signal")).isEqualTo(StringValue.scalar("I"));
        assertThat(attribute(tree, "/entry/azint", "axes")).isEqualTo(StringValue.of(List.of(".", "q")));
        assertThat(attribute(tree, "/entry/roi", "signal")).isEqualTo(StringValue.scalar("mean"));
    }

    @Test
    void publishesEveryParameterItUses() throws Exception {
        Parameters parameters = parameters(AzintParameters.ALL, "q_bins", BINS, "stream", "det", "wavelength_a", 0.8);
        PublishTree tree = reduce(mapWithTwoWorkers(parameters), parameters);

        assertThat(PublishedTree.children(tree, "/entry/parameters")).containsExactlyInAnyOrder("stream", "roi_x0", "roi_x1",
                "roi_y0", "roi_y1", "q_bins", "beam_x", "beam_y", "pixel_size_m", "distance_m", "wavelength_a");
        assertThat(numeric(tree, "/entry/parameters/q_bins").getLong(0)).isEqualTo(BINS);
        assertThat(numeric(tree, "/entry/parameters/wavelength_a").getDouble(0)).isEqualTo(0.8);
        assertThat(numeric(tree, "/entry/parameters/beam_x").getDouble(0)).isNaN();
        assertThat(tree.find("/entry/parameters/stream")).isNotNull();
        assertThat(((io.jdranspose.api.publish.StringDataset) tree.find("/entry/parameters/stream")).snapshot())
                .isEqualTo(StringValue.scalar("det"));
    }

    @Test
    void outOfOrderResultsGiveTheSameTree() throws Exception {
        Parameters parameters = parameters(AzintParameters.ALL, "q_bins", BINS);
        List<ResultData<AzintResult>> inOrder = mapWithTwoWorkers(parameters);
        var expected = PublishedTree.flatten(reduce(inOrder, parameters));

        Random random = new Random(3);
        for (int attempt = 0; attempt < 5; attempt++) {
            List<ResultData<AzintResult>> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, random);
            assertThat(PublishedTree.flatten(reduce(shuffled, parameters))).as("shuffle %d", attempt).isEqualTo(expected);
        }
        List<ResultData<AzintResult>> reversed = new ArrayList<>(inOrder);
        Collections.reverse(reversed);
        assertThat(PublishedTree.flatten(reduce(reversed, parameters))).isEqualTo(expected);
    }

    @Test
    void rowsOfAnotherLengthAreRejectedNotMixedIn() throws Exception {
        Parameters parameters = parameters(AzintParameters.ALL, "q_bins", BINS);
        PublishTree tree = new PublishTree();
        AzintReducer reducer = new AzintReducer();
        reducer.reduce(new ResultData<>(1, "w1", parameters.hash(), new AzintResult(1, 0, 1.0, new float[BINS], new double[BINS])),
                parameters, tree);
        reducer.reduce(new ResultData<>(2, "w1", parameters.hash(), new AzintResult(2, 1, 1.0, new float[7], new double[7])),
                parameters, tree);

        assertThat(numeric(tree, "/entry/azint/I").shape()).containsExactly(1, BINS);
        assertThat(numeric(tree, "/entry/azint/rejected").getLong(0)).isEqualTo(1);
    }

    /** Images of a simulated scan mapped by two workers, each seeing every other event, in event order. */
    private static List<ResultData<AzintResult>> mapWithTwoWorkers(Parameters parameters) throws Exception {
        DiffractionFrames frames = DiffractionFrames.builder(96, 128, DType.UINT16).seed(12).build();
        List<EventData> events = StinsEvents.series("det", frames, IMAGES);
        AzintWorker[] workers = {new AzintWorker(), new AzintWorker()};
        List<ResultData<AzintResult>> results = new ArrayList<>();
        for (EventData event : events) {
            int w = (int) (event.eventNumber() % 2);
            AzintResult r = workers[w].process(event, parameters);
            if (r != null) {
                results.add(new ResultData<>(event.eventNumber(), "w" + w, parameters.hash(), r));
            }
        }
        assertThat(results).hasSize(IMAGES);
        return results;
    }

    private static PublishTree reduce(List<ResultData<AzintResult>> results, Parameters parameters) throws Exception {
        PublishTree tree = new PublishTree();
        AzintReducer reducer = new AzintReducer();
        for (ResultData<AzintResult> r : results) {
            reducer.reduce(r, parameters, tree);
        }
        reducer.finish(parameters, tree);
        return tree;
    }
}
