package io.jdranspose.examples;

import io.jdranspose.api.DType;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The "sum per stream" plugin's reduce side; publishes the same tree as upstream's {@code vectors_payload}
 * reducer:
 *
 * <pre>
 * results          int64 scalar     results received (an event sent to two workers counts twice)
 * event_number     int64 [n]        events with at least one image, ascending
 * &lt;stream&gt;/         attribute dtype  numpy name of the stream's pixels
 *   sum            int64 or float64 [n], aligned with event_number (integer or float pixels)
 *   frame          int64 [n]        detector frame numbers (-1: the stream had no image in that event)
 *   shape          int64 [rank]     image shape
 * markers/header, markers/series_end   int64 lists of the events with a start / end message
 * </pre>
 *
 * Results are keyed by event number, so the tree is the same whatever order they arrive in.
 */
public final class StreamSumReducer implements Reducer<StreamSums> {
    private final EventTable table = new EventTable();
    private final Map<String, TreeSet<Long>> markers = new TreeMap<>();
    private final Map<String, int[]> publishedShapes = new HashMap<>();
    private final Map<String, String> publishedDtypes = new HashMap<>();
    private long results;

    @Override
    public void reduce(ResultData<StreamSums> result, Parameters parameters, PublishTree publish) {
        if (results == 0) {
            // created first so that they lead the root's links, as in upstream's tree
            publish.numeric("/results", DType.INT64);
            publish.numeric("/event_number", DType.INT64);
        }
        publish.numeric("/results", DType.INT64).set(++results);

        StreamSums sums = result.payload();
        boolean markersChanged = false;
        boolean newStream = false;
        boolean newMarker = false;
        for (Map.Entry<String, StreamSummary> entry : sums.streams().entrySet()) {
            StreamSummary summary = entry.getValue();
            if ("image".equals(summary.htype())) {
                newStream |= !table.columns().containsKey(entry.getKey());
                table.put(sums.event(), entry.getKey(), summary);
                publishShapeAndType(publish, entry.getKey(), summary);
            } else {
                newMarker |= !markers.containsKey(summary.htype());
                markersChanged |= markers.computeIfAbsent(summary.htype(), h -> new TreeSet<>()).add(sums.event());
            }
        }
        publishRows(publish);
        if ((newStream || newMarker) && publish.root().get("markers") != null) {
            // rebuilt so that markers stays after the stream groups, where upstream's tree has it, and its
            // lists are in name order whatever arrived first
            publish.root().remove("markers");
            markersChanged = true;
        }
        if (markersChanged) {
            for (Map.Entry<String, TreeSet<Long>> m : markers.entrySet()) {
                publish.array("/markers/" + m.getKey(), m.getValue().stream().mapToLong(Long::longValue).toArray());
            }
        }
    }

    /** Republishes the rows that changed: from the first inserted or updated row to the end. */
    private void publishRows(PublishTree publish) {
        int from = table.firstChangedRow();
        int size = table.size();
        if (from >= size) {
            return;
        }
        NumericDataset eventNumbers = publish.numeric("/event_number", DType.INT64);
        for (int row = from; row < size; row++) {
            eventNumbers.set(row, table.event(row));
        }
        for (Map.Entry<String, EventTable.Column> entry : table.columns().entrySet()) {
            EventTable.Column column = entry.getValue();
            String stream = "/" + entry.getKey();
            NumericDataset sum = publish.numeric(stream + "/sum", column.floating ? DType.FLOAT64 : DType.INT64);
            NumericDataset frame = publish.numeric(stream + "/frame", DType.INT64);
            for (int row = from; row < size; row++) {
                if (column.floating) {
                    sum.set(row, column.floatSums[row]);
                } else {
                    sum.set(row, column.integerSums[row]);
                }
                frame.set(row, column.frames[row]);
            }
        }
        table.markPublished();
    }

    private void publishShapeAndType(PublishTree publish, String stream, StreamSummary image) {
        if (!publishedShapes.containsKey(stream)) {
            // sum and frame first: the order of the group's links in upstream's tree
            publish.numeric("/" + stream + "/sum", image.floating() ? DType.FLOAT64 : DType.INT64);
            publish.numeric("/" + stream + "/frame", DType.INT64);
        }
        if (!Arrays.equals(publishedShapes.get(stream), image.shape())) {
            publish.array("/" + stream + "/shape", Arrays.stream(image.shape()).asLongStream().toArray());
            publishedShapes.put(stream, image.shape().clone());
        }
        if (!image.dtype().equals(publishedDtypes.put(stream, image.dtype()))) {
            publish.group("/" + stream).attribute("dtype", image.dtype());
        }
    }
}
