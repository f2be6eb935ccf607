package io.jdranspose.examples;

import io.jdranspose.api.DType;
import io.jdranspose.api.EventData;
import io.jdranspose.api.NdArray;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "sum per stream" plugin's map side, the counterpart of upstream's {@code vectors_payload} test
 * worker: for every event, each STINS stream's message summarised (frame, shape, dtype and pixel sum of
 * an image; the htype of a start or end message). Streams of other protocols are left out. Returns a
 * result for every event, the start and end events included, as upstream's does.
 */
public final class StreamSumWorker implements Worker<StreamSums> {

    @Override
    public StreamSums process(EventData event, Parameters parameters) {
        Map<String, StreamSummary> summaries = new LinkedHashMap<>();
        for (Map.Entry<String, StreamData> entry : event.streams().entrySet()) {
            if (!Stins.TYPE.equals(entry.getValue().type())) {
                continue;
            }
            StreamSummary summary = switch (Stins.parse(entry.getValue())) {
                case StinsPacket.Image image -> summarize(image);
                case StinsPacket.Start start -> StreamSummary.marker("header");
                case StinsPacket.End end -> StreamSummary.marker("series_end");
            };
            summaries.put(entry.getKey(), summary);
        }
        return new StreamSums(event.eventNumber(), summaries);
    }

    @Override
    public List<Class<?>> resultTypes() {
        return List.of(StreamSummary.class);
    }

    private static StreamSummary summarize(StinsPacket.Image image) {
        NdArray pixels = image.data();
        DType dtype = pixels.dtype();
        boolean floating = dtype.isFloat();
        return new StreamSummary("image", image.frame(), pixels.shape(), dtype.numpyName(),
                floating ? 0 : integerSum(pixels), floating ? pixels.sum() : 0);
    }

    /** Exact sum of integer pixels; NdArray's double sum would round beyond 2^53. */
    private static long integerSum(NdArray pixels) {
        ByteBuffer b = pixels.buffer();
        int n = pixels.size();
        long s = 0;
        switch (pixels.dtype()) {
            case BOOL, UINT8 -> {
                for (int i = 0; i < n; i++) {
                    s += b.get(i) & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    s += b.get(i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    s += b.getShort(i << 1) & 0xFFFF;
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    s += b.getShort(i << 1);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    s += b.getInt(i << 2) & 0xFFFFFFFFL;
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    s += b.getInt(i << 2);
                }
            }
            case INT64, UINT64 -> {
                for (int i = 0; i < n; i++) {
                    s += b.getLong(i << 3);
                }
            }
            default -> throw new IllegalArgumentException(pixels.dtype() + " is not an integer type");
        }
        return s;
    }
}
