package io.jdranspose.api.pcap;

import io.jdranspose.api.ProtocolException;
import java.util.List;
import java.util.Map;

/** One frame of PandA position capture over raw TCP: the header of an arm, one data line, or the END line. */
public sealed interface PositionCapturePacket
        permits PositionCapturePacket.Header, PositionCapturePacket.Row, PositionCapturePacket.End {

    /**
     * The header block of one arm.
     *
     * @param armTime ISO time of the arm, e.g. {@code 2024-03-05T20:27:12.607Z}
     * @param missed  samples PandA could not capture before this header
     * @param process {@code Scaled} or {@code Raw}
     * @param format  {@code ASCII} (the only format this parser reads)
     * @param fields  the captured fields in column order
     * @param other   header lines this parser does not interpret, key to value
     */
    record Header(String armTime, long missed, String process, String format, List<Field> fields,
                  Map<String, String> other) implements PositionCapturePacket {
    }

    /**
     * One captured field, from a line {@code  <BLOCK.FIELD> <type> <capture> [scale: … offset: … units: …]}.
     *
     * @param name  {@code BLOCK.FIELD.CAPTURE}, e.g. {@code PCAP.TS_TRIG.Value}, {@code INENC1.VAL.Mean}
     * @param type  {@code uint32} (values are {@link Long}) or {@code double} (values are {@link Double})
     * @param scale 1 when absent
     * @param offset 0 when absent
     * @param units empty when absent
     */
    record Field(String name, String type, double scale, double offset, String units) {
    }

    /** One data line: field name to value, in column order. */
    record Row(Map<String, Object> values) implements PositionCapturePacket {

        /** A field as a double. */
        public double number(String field) {
            if (values.get(field) instanceof Number n) {
                return n.doubleValue();
            }
            throw new ProtocolException("PandA position capture row has no field '" + field + "' (fields "
                    + values.keySet() + ")");
        }
    }

    /** The {@code END <samples> <reason>} line, e.g. {@code END 11 Disarmed}. */
    record End(long samples, String reason) implements PositionCapturePacket {
    }
}
