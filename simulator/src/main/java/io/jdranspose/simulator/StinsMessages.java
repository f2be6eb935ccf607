package io.jdranspose.simulator;

import io.jdranspose.api.DType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * Builds STINS ("stream1") multipart messages byte for byte as detectors send them: compact JSON headers
 * with the keys in the order below, one part for start and end, two parts (header, raw pixels) for images.
 *
 * <pre>
 * start   {"htype":"header","filename":"/data/x.h5","msg_number":0}
 * image k {"htype":"image","frame":k,"shape":[h,w],"type":"uint16","compression":"none","msg_number":k+1} + pixels
 * end     {"htype":"series_end","msg_number":N+1}
 * </pre>
 */
public final class StinsMessages {
    private StinsMessages() {
    }

    /** The series start: one part, {@code msg_number} 0. An empty filename means live view only. */
    public static List<byte[]> start(String filename) {
        return List.of(utf8("{\"htype\":\"header\",\"filename\":" + jsonString(filename) + ",\"msg_number\":0}"));
    }

    /**
     * Image {@code frame} (0-based) of a series: header part and the pixels, which are not copied.
     * Its {@code msg_number} is {@code frame + 1}, following the start message.
     */
    public static List<byte[]> image(long frame, int[] shape, DType dtype, byte[] pixels) {
        StringBuilder header = new StringBuilder(120).append("{\"htype\":\"image\",\"frame\":").append(frame).append(",\"shape\":[");
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            header.append(i == 0 ? "" : ",").append(shape[i]);
            elements *= shape[i];
        }
        if (elements * dtype.itemSize() != pixels.length) {
            throw new IllegalArgumentException("frame " + frame + ": " + pixels.length + " bytes do not hold "
                    + java.util.Arrays.toString(shape) + " of " + dtype.numpyName());
        }
        header.append("],\"type\":\"").append(dtype.numpyName()).append("\",\"compression\":\"none\",\"msg_number\":")
                .append(frame + 1).append('}');
        return List.of(utf8(header.toString()), pixels);
    }

    /** The series end: one part with the given {@code msg_number} ({@code images + 1} in a whole series). */
    public static List<byte[]> end(long msgNumber) {
        return List.of(utf8("{\"htype\":\"series_end\",\"msg_number\":" + msgNumber + "}"));
    }

    /**
     * A whole series, made lazily as it is iterated: start, {@code images} images with pixels from
     * {@code frames}, end. Frames are generated one at a time, so a long series holds no memory.
     */
    public static Iterator<List<byte[]>> series(DiffractionFrames frames, long images, String filename) {
        return series(filename, images, frames.shape(), frames.dtype(), frames::frame);
    }

    /** Like {@link #series(DiffractionFrames, long, String)} with pixels of frame k from {@code pixelsOfFrame}. */
    public static Iterator<List<byte[]>> series(String filename, long images, int[] shape, DType dtype,
                                                LongFunction<byte[]> pixelsOfFrame) {
        if (images < 0) {
            throw new IllegalArgumentException("number of images must not be negative, got " + images);
        }
        int[] fixedShape = shape.clone();
        return new Iterator<>() {
            private long next = 0; // 0 = start, 1..images = image next-1, images+1 = end

            @Override
            public boolean hasNext() {
                return next <= images + 1;
            }

            @Override
            public List<byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the series of " + images + " images has ended");
                }
                long k = next++;
                if (k == 0) {
                    return start(filename);
                }
                if (k <= images) {
                    return image(k - 1, fixedShape, dtype, pixelsOfFrame.apply(k - 1));
                }
                return end(images + 1);
            }
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal; escapes what JSON requires, so any file name yields valid JSON. */
    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
