package io.jdranspose.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameter;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.runtime.plugin.Plugin;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.runtime.recording.RecordingWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    @TempDir
    Path dir;

    /** What each worker instance saw, by worker instance. */
    static final Map<Integer, List<Long>> SEEN = new ConcurrentHashMap<>();

    record Seen(long event, int instance, long firstByte, long scale) { }

    public static final class RecordingWorker implements Worker<Seen> {
        static final Parameter<Long> SCALE = Parameter.integer("scale", 1, "multiplies the first byte");
        private final int instance = System.identityHashCode(this);

        @Override
        public List<Parameter<?>> parameters() {
            return List.of(SCALE);
        }

        @Override
        public Seen process(EventData event, Parameters parameters) {
            SEEN.computeIfAbsent(instance, k -> Collections.synchronizedList(new ArrayList<>())).add(event.eventNumber());
            if (event.eventNumber() == 13) {
                throw new IllegalStateException("unlucky event");
            }
            StreamData a = event.stream("a");
            long first = a == null ? -1 : a.frames().get(0)[0];
            return new Seen(event.eventNumber(), instance, first, parameters.get(SCALE));
        }
    }

    public static final class TrendReducer implements Reducer<Seen> {
        private long results;

        @Override
        public void reduce(ResultData<Seen> r, Parameters parameters, PublishTree publish) {
            publish.numeric("/first", DType.INT64).set(r.eventNumber(), r.payload().firstByte() * r.payload().scale());
            publish.scalar("/results", ++results);
        }
    }

    @Test
    void mergesFilesByEventBroadcastsTheFirstEventAndSpreadsTheRest() throws Exception {
        Path a = recording("a.cbors", "a", 0, 50);
        Path b = recording("b.cbors.gz", "b", 0, 50);
        SEEN.clear();
        Replay replay = new Replay(plugin(), ReplayOptions.of(List.of(a, b), 3)
                .withParameters(Map.of("scale", "10".getBytes(StandardCharsets.UTF_8))));
        ReplaySummary s = replay.run(ReplayProgress.NONE);

        assertThat(s.events()).isEqualTo(50);
        assertThat(SEEN).hasSize(3);
        SEEN.values().forEach(events -> assertThat(events.get(0)).isZero());
        List<Long> all = new ArrayList<>();
        SEEN.values().forEach(all::addAll);
        assertThat(all).hasSize(50 + 2);  // event 0 reaches all 3 workers
        assertThat(Set.copyOf(all)).hasSize(50);
        assertThat(s.results()).isEqualTo(52 - 1);
        assertThat(s.reduced()).isEqualTo(51);
        assertThat(s.errors()).isEqualTo(1);  // event 13 threw
        NumericDataset first = (NumericDataset) replay.tree().find("/first");
        assertThat(first.shape()).containsExactly(50);
        assertThat(first.snapshot().getLong(20)).isEqualTo(200);   // frame byte 20 × scale 10
        assertThat(first.snapshot().getLong(13)).isZero();          // never reduced
        assertThat(s.payloadBytes()).isEqualTo(50 * 2 * 4);
        assertThat(s.line()).contains("50 events").contains("1 errors");
    }

    @Test
    void eventsMissingFromOneFileStillReplay() throws Exception {
        Path a = recording("a.cbors", "a", 0, 10);
        Path b = recording("b.cbors", "b", 5, 20);
        Replay replay = new Replay(plugin(), ReplayOptions.of(List.of(a, b), 2));
        ReplaySummary s = replay.run(ReplayProgress.NONE);
        assertThat(s.events()).isEqualTo(20);
        NumericDataset first = (NumericDataset) replay.tree().find("/first");
        assertThat(first.snapshot().getLong(3)).isEqualTo(3);
        assertThat(first.snapshot().getLong(15)).isEqualTo(-1);  // only stream b there
    }

    @Test
    void aTruncatedRecordingReplaysUpToTheDamageAndCountsIt() throws Exception {
        Path good = recording("full.cbors", "a", 0, 30);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.cbors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Replay replay = new Replay(plugin(), ReplayOptions.of(List.of(cut), 1));
        ReplaySummary s = replay.run(ReplayProgress.NONE);
        assertThat(s.events()).isBetween(15L, 20L);
        assertThat(s.errors()).isEqualTo(1 + (s.events() > 13 ? 1 : 0));
    }

    @Test
    void badParametersAndFilesFailBeforeAnythingRuns() throws Exception {
        Path a = recording("a.cbors", "a", 0, 3);
        assertThatThrownBy(() -> new Replay(plugin(), ReplayOptions.of(List.of(a), 1)
                .withParameters(Map.of("scale", "ten".getBytes(StandardCharsets.UTF_8)))))
                .hasMessage("parameter 'scale' (int): 'ten' is not an integer");
        Replay missing = new Replay(plugin(), ReplayOptions.of(List.of(dir.resolve("nope.cbors")), 1));
        assertThatThrownBy(() -> missing.run(ReplayProgress.NONE)).hasMessageContaining("nope.cbors");
        assertThatThrownBy(() -> ReplayOptions.of(List.of(), 1)).hasMessageContaining("no recording to replay");
    }

    @Test
    void parametersChangeWhileRunning() throws Exception {
        Replay replay = new Replay(plugin(), ReplayOptions.of(List.of(recording("a.cbors", "a", 0, 3)), 1));
        replay.setParameter("scale", "3".getBytes(StandardCharsets.UTF_8));
        assertThat(replay.parameters().get(RecordingWorker.SCALE)).isEqualTo(3);
        assertThatThrownBy(() -> replay.setParameter("scale", "x".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'x' is not an integer");
        replay.run(ReplayProgress.NONE);
        assertThat(((NumericDataset) replay.tree().find("/first")).snapshot().getLong(2)).isEqualTo(6);
    }

    @Test
    void aRateSpreadsTheEventsOverTime() throws Exception {
        Replay replay = new Replay(plugin(), ReplayOptions.of(List.of(recording("a.cbors", "a", 0, 21)), 2).withRate(100));
        ReplaySummary s = replay.run(ReplayProgress.NONE);
        assertThat(s.events()).isEqualTo(21);
        assertThat(s.seconds()).as("20 events after the first at 100 Hz").isGreaterThanOrEqualTo(0.19);
        assertThatThrownBy(() -> ReplayOptions.of(List.of(dir), 1).withRate(-1)).hasMessageContaining("rate must be");
    }

    private Plugin plugin() {
        return PluginLoader.load(null, RecordingWorker.class.getName(), TrendReducer.class.getName());
    }

    /** A recording of stream {@code name} with events [from, to), each one 4-byte frame starting with the event number. */
    private Path recording(String file, String name, int from, int to) throws Exception {
        Path p = dir.resolve(file);
        try (RecordingWriter w = RecordingWriter.create(p)) {
            for (int e = from; e < to; e++) {
                w.write(e, Map.of(name, StreamData.of("raw", new byte[] {(byte) e, 1, 2, 3})), Instant.now());
            }
        }
        return p;
    }
}
