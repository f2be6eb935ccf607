package io.jdranspose.api.lecroy;

import io.jdranspose.api.NdArray;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One LeCroy ingester item: the prepare message, a sequence of traces, or the stop message. */
public sealed interface LeCroyPacket permits LeCroyPacket.Prepare, LeCroyPacket.Sequence, LeCroyPacket.Stop {

    /** Acquisition prepared ({@code what: 0}); the first item of a scan. */
    record Prepare(Map<String, Object> header) implements LeCroyPacket {
    }

    /**
     * One sequence: the sequence start, one trace per channel, the sequence end.
     *
     * @param seqStart   the sequence-start JSON ({@code what: 1}: {@code ntriggers}, {@code seqno},
     *                   {@code channels}); in continuous mode the same one for every sequence
     * @param ntriggers  triggers per sequence, -1 in continuous mode
     * @param channels   channel numbers the sequence start announces
     * @param traces     the traces in the order they arrived
     * @param seqEnd     the sequence-end JSON ({@code what: 2})
     */
    record Sequence(Map<String, Object> seqStart, long ntriggers, List<Long> channels, List<Trace> traces,
                    Map<String, Object> seqEnd) implements LeCroyPacket {

        /** The trace of a channel, or null when the sequence has none. */
        public Trace trace(int channel) {
            return traces.stream().filter(t -> t.channel() == channel).findFirst().orElse(null);
        }
    }

    /**
     * The waveforms one channel recorded in one sequence.
     *
     * @param channel        oscilloscope channel number
     * @param meta           the trace JSON as sent ({@code ts}, {@code frame}, …)
     * @param waveforms      volts, shape {@code [triggers, points]}
     * @param timestamps     trigger times (seconds since the epoch), one per trigger
     * @param horizOffset    time of the first point relative to the trigger, seconds
     * @param horizInterval  time between points, seconds
     */
    record Trace(int channel, Map<String, Object> meta, NdArray waveforms, double[] timestamps, double horizOffset,
                 double horizInterval) {
        @Override
        public String toString() {
            return "Trace[channel=" + channel + ", waveforms=" + waveforms + ", timestamps="
                    + Arrays.toString(timestamps) + "]";
        }
    }

    /**
     * Acquisition stopped ({@code what: 3}).
     *
     * @param frames the message counter the scope reports, not a trigger count
     */
    record Stop(long frames, Map<String, Object> header) implements LeCroyPacket {
    }
}
