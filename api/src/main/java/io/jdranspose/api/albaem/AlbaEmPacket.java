package io.jdranspose.api.albaem;

import java.util.Arrays;
import java.util.Map;

/** One decoded AlbaEM electrometer message: a series start, one reading of the four channels, or a series end. */
public sealed interface AlbaEmPacket permits AlbaEmPacket.Start, AlbaEmPacket.Data, AlbaEmPacket.End {

    /** {@code message_id}, increasing by one per message from 1 at the series start. */
    long messageId();

    /** {@code series-start}. */
    record Start(long messageId) implements AlbaEmPacket {
    }

    /**
     * {@code data}: one reading.
     *
     * @param frameNumber          reading number from 0
     * @param timestamp            seconds since the acquisition started
     * @param acquisitionTimestamp nanoseconds since the Unix epoch
     * @param channels             currents of channel1..channel4 (amperes), index 0 is channel1
     * @param extras               any other members, in document order
     */
    record Data(long messageId, long frameNumber, double timestamp, long acquisitionTimestamp, double[] channels,
                Map<String, Object> extras) implements AlbaEmPacket {

        /** Channel {@code n} counted from 1 as the device names them ({@code channel(1)} is {@code channel1}). */
        public double channel(int n) {
            if (n < 1 || n > channels.length) {
                throw new IndexOutOfBoundsException("AlbaEM has channels 1.." + channels.length + ", not " + n);
            }
            return channels[n - 1];
        }

        @Override
        public String toString() {
            return "Data[messageId=" + messageId + ", frameNumber=" + frameNumber + ", timestamp=" + timestamp
                    + ", acquisitionTimestamp=" + acquisitionTimestamp + ", channels=" + Arrays.toString(channels)
                    + ", extras=" + extras + "]";
        }
    }

    /**
     * {@code series-end}.
     *
     * @param detectorSpecific e.g. {@code read_overflow}, {@code memory_overflow}; empty when absent
     */
    record End(long messageId, Map<String, Object> detectorSpecific) implements AlbaEmPacket {
    }
}
