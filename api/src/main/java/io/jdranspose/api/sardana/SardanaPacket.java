package io.jdranspose.api.sardana;

import java.util.Map;

/** One Sardana scan message as forwarded by the HTTP ingester: the scan description, one point, or the end. */
public sealed interface SardanaPacket
        permits SardanaPacket.DataDescription, SardanaPacket.RecordData, SardanaPacket.RecordEnd {

    /**
     * The scan description ({@code /v1/data_desc}), the start of the series.
     *
     * @param serialno the scan number
     * @param extras   everything else Sardana sent ({@code column_desc}, {@code ref_moveables},
     *                 {@code estimatedtime}, {@code total_scan_intervals}, {@code starttime}, {@code counters},
     *                 {@code scanfile}, …) in document order
     */
    record DataDescription(long serialno, String scandir, String title, Map<String, Object> extras)
            implements SardanaPacket {
    }

    /**
     * One scan point ({@code /v1/record_data}).
     *
     * @param timestamp seconds since the scan started
     * @param pointNb   {@code point_nb}, or -1 when Sardana sent none
     * @param values    motor and counter values by name, in document order ({@code point_nb} excluded); integral
     *                  numbers are {@link Long}, others {@link Double}
     */
    record RecordData(double timestamp, long pointNb, Map<String, Object> values) implements SardanaPacket {
    }

    /** The end of the scan ({@code /v1/record_end}). */
    record RecordEnd() implements SardanaPacket {
    }
}
