package io.jdranspose.examples;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-stream image summaries in rows sorted by event number, for datasets that must stay aligned with
 * a sorted {@code event_number} list while results arrive in any order. A late event is inserted in
 * place and shifts the rows after it; {@link #firstChangedRow()} says from which row on the published
 * copies are stale. Results from parallel workers are only slightly out of order, so that is usually
 * the last row or two, and republishing stays cheap.
 */
final class EventTable {
    private long[] events = new long[64];
    private int size;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private int firstChanged = Integer.MAX_VALUE;

    /** One stream's values, row-aligned with the events; rows without an image hold -1 / 0 / NaN. */
    static final class Column {
        final boolean floating;
        long[] integerSums;
        double[] floatSums;
        long[] frames;

        private Column(boolean floating, int capacity, int rows) {
            this.floating = floating;
            frames = new long[capacity];
            Arrays.fill(frames, 0, rows, -1);
            if (floating) {
                floatSums = new double[capacity];
                Arrays.fill(floatSums, 0, rows, Double.NaN);
            } else {
                integerSums = new long[capacity];
            }
        }

        private void set(int row, StreamSummary image) {
            frames[row] = image.frame();
            // the first image fixes the column's type; a later image of the other kind is converted
            if (floating) {
                floatSums[row] = image.floating() ? image.floatSum() : image.integerSum();
            } else {
                integerSums[row] = image.floating() ? Math.round(image.floatSum()) : image.integerSum();
            }
        }

        private void grow(int capacity) {
            frames = Arrays.copyOf(frames, capacity);
            if (floating) {
                floatSums = Arrays.copyOf(floatSums, capacity);
            } else {
                integerSums = Arrays.copyOf(integerSums, capacity);
            }
        }

        private void insertRow(int row, int rowsBefore) {
            System.arraycopy(frames, row, frames, row + 1, rowsBefore - row);
            frames[row] = -1;
            if (floating) {
                System.arraycopy(floatSums, row, floatSums, row + 1, rowsBefore - row);
                floatSums[row] = Double.NaN;
            } else {
                System.arraycopy(integerSums, row, integerSums, row + 1, rowsBefore - row);
                integerSums[row] = 0;
            }
        }
    }

    /** Records the image {@code summary} of {@code stream} in event {@code event}. */
    void put(long event, String stream, StreamSummary summary) {
        int row = rowOf(event);
        Column column = columns.get(stream);
        if (column == null) {
            column = new Column(summary.floating(), events.length, size);
            columns.put(stream, column);
            firstChanged = 0; // every row of the new column has to be published
        }
        column.set(row, summary);
        firstChanged = Math.min(firstChanged, row);
    }

    int size() {
        return size;
    }

    long event(int row) {
        return events[row];
    }

    /** Stream name → column, in the order streams first had an image. */
    Map<String, Column> columns() {
        return Collections.unmodifiableMap(columns);
    }

    /** The first row changed since {@link #markPublished()}; {@link #size()} or more when none. */
    int firstChangedRow() {
        return Math.min(firstChanged, size);
    }

    void markPublished() {
        firstChanged = Integer.MAX_VALUE;
    }

    private int rowOf(long event) {
        int found = Arrays.binarySearch(events, 0, size, event);
        if (found >= 0) {
            return found;
        }
        int row = -found - 1;
        if (size == events.length) {
            int capacity = events.length * 2;
            events = Arrays.copyOf(events, capacity);
            for (Column c : columns.values()) {
                c.grow(capacity);
            }
        }
        System.arraycopy(events, row, events, row + 1, size - row);
        events[row] = event;
        for (Column c : columns.values()) {
            c.insertRow(row, size);
        }
        size++;
        firstChanged = Math.min(firstChanged, row);
        return row;
    }
}
