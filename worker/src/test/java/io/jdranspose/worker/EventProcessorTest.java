package io.jdranspose.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.runtime.codec.EncodedResult;
import io.jdranspose.runtime.codec.ResultCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventProcessorTest {
    record Length(long event, long bytes) { }

    /** Returns the byte count; throws on event 2; returns nothing on event 3; an unregistered type on 4. */
    static final class Picky implements Worker<Object> {
        int finished;

        @Override
        public Object process(EventData e, Parameters p) {
            if (e.eventNumber() == 2) {
                throw new IllegalArgumentException("bad frame");
            }
            if (e.eventNumber() == 3) {
                return null;
            }
            if (e.eventNumber() == 4) {
                return new Object();
            }
            return new Length(e.eventNumber(), e.byteCount());
        }

        @Override
        public void finish(Parameters parameters) {
            finished++;
        }
    }

    @Test
    void encodesResultsAndIsolatesFailures() {
        Picky plugin = new Picky();
        ResultCodec codec = ResultCodec.forTypes(java.util.List.of(Length.class));
        EventProcessor p = new EventProcessor("w1", plugin, codec);
        Parameters params = Parameters.empty();

        EncodedResult r = p.process(event(1, 10), params);
        assertThat(r.eventNumber()).isEqualTo(1);
        assertThat(r.worker()).isEqualTo("w1");
        assertThat(r.parametersHash()).isEqualTo(params.hash());
        assertThat(codec.decode(r.payload())).isEqualTo(new Length(1, 10));

        assertThat(p.process(event(2, 1), params)).isNull();
        assertThat(p.process(event(3, 1), params)).isNull();
        assertThat(p.process(event(4, 1), params)).isNull();
        p.finish(params);

        assertThat(p.processed()).isEqualTo(4);
        assertThat(p.results()).isEqualTo(1);
        assertThat(p.failures()).isEqualTo(2);
        assertThat(plugin.finished).isEqualTo(1);
    }

    private static EventData event(long n, int bytes) {
        return new EventData(n, Map.of("s", StreamData.of("raw", new byte[bytes])));
    }
}
