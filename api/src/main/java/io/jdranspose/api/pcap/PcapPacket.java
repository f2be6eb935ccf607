package io.jdranspose.api.pcap;

import io.jdranspose.api.ProtocolException;
import java.util.Map;

/** One PandA PCAP message as a worker sees it: the arm, one trigger row (split by the ingester), or the end. */
public sealed interface PcapPacket permits PcapPacket.Start, PcapPacket.Row, PcapPacket.End {

    /** {@code message_id} of the upstream message (all rows split from one message share it). */
    long messageId();

    /** {@code series-start}; {@code armTime} as PandA wrote it, e.g. {@code 2024-10-07T08:49:10.627Z}. */
    record Start(long messageId, String armTime) implements PcapPacket {
    }

    /**
     * One trigger row.
     *
     * @param frameNumber row number in the series, from 0
     * @param values      captured fields in upstream order ({@code inttime}, {@code INENC3.VAL.Mean}, …): integral
     *                    JSON numbers as {@link Long}, other numbers as {@link Double}, NaN (sent as null) as null
     */
    record Row(long messageId, long frameNumber, Map<String, Object> values) implements PcapPacket {

        /** A captured field as a double. */
        public double number(String field) {
            if (values.get(field) instanceof Number n) {
                return n.doubleValue();
            }
            throw new ProtocolException("PCAP row " + frameNumber + " has no number '" + field + "' (fields "
                    + values.keySet() + ")");
        }
    }

    /** {@code series-end}. */
    record End(long messageId) implements PcapPacket {
    }
}
