package io.jdranspose.api.xspress;

import io.jdranspose.api.NdArray;
import java.util.Map;

/** One decoded Xspress3 item: series start, image (spectra and per-channel statistics) or series end. */
public sealed interface Xspress3Packet permits Xspress3Packet.Start, Xspress3Packet.Image, Xspress3Packet.End {

    /** The JSON header as sent, including fields this parser does not interpret. */
    Map<String, Object> header();

    /**
     * Series start ({@code htype: header}).
     *
     * @param filename     where the detector writes the series
     * @param overwritable whether the detector may overwrite that file ({@code false} when absent)
     */
    record Start(String filename, boolean overwritable, Map<String, Object> header) implements Xspress3Packet {
    }

    /**
     * One image: the spectra of every channel and the statistics the detector computed for them.
     *
     * @param frame   detector frame number
     * @param exptime exposure time in seconds
     * @param spectra counts, shape {@code [channels, bins]}, dtype as the header's {@code type} (uint32)
     */
    record Image(long frame, double exptime, NdArray spectra, Meta meta, Map<String, Object> header)
            implements Xspress3Packet {
        @Override
        public String toString() {
            return "Image[frame=" + frame + ", exptime=" + exptime + ", spectra=" + spectra + "]";
        }
    }

    /** Series end ({@code htype: series_end}). */
    record End(Map<String, Object> header) implements Xspress3Packet {
    }

    /**
     * The per-channel statistics of one image (the pickled list in the image's third frame), each an array
     * with one element per channel.
     *
     * @param ocr         output count rate (float64)
     * @param allEvents   events seen (uint32)
     * @param allGood     events counted (uint32)
     * @param clockTicks  clock ticks of the frame (uint32)
     * @param totalTicks  live ticks (uint32)
     * @param resetTicks  ticks lost to resets (uint32)
     * @param eventWidths event widths (int32)
     * @param dtc         dead-time correction factor (float64); multiply counts by it
     */
    record Meta(NdArray ocr, NdArray allEvents, NdArray allGood, NdArray clockTicks, NdArray totalTicks,
                NdArray resetTicks, NdArray eventWidths, NdArray dtc) {
    }
}
