package io.jdranspose.api.publish;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * The rows of one dataset in a single flat array (a primitive array, a {@code String[]} or a {@code byte[]}
 * of packed records), written by one writer at a time and copied by any number of readers without locks,
 * so that a viewer copying a 16 MB image stack never holds up the reducer thread.
 *
 * <p>How readers stay consistent without ever making a writer wait:
 * <ul>
 *   <li>Everything except the array's contents is an immutable {@link Layout}, replaced as a whole through
 *       a volatile field, so a reader always sees a shape, a length and an array that belong together.</li>
 *   <li>An append writes past the published length and only then publishes the longer layout, so it never
 *       touches what a reader copies. Growing copies into a new array; readers keep the old one.</li>
 *   <li>Overwriting a row in place is the only write a reader can race with. It is bracketed by a sequence
 *       counter that is odd while the overwrite runs (the seqlock pattern), and the block of rows it hits
 *       is stamped with that odd number. A reader copies, then re-reads the counter: unchanged and even
 *       means the copy is the content at one instant. Otherwise it re-copies only the blocks stamped since
 *       its previous round, which is quick, and checks again.</li>
 *   <li>If a writer keeps overwriting faster than that converges, the reader settles for copying each
 *       block while nobody overwrites it, so no row is ever half-written; only a block overwritten non-stop
 *       is finally copied under the writers' monitor, holding a writer up for one block at most.</li>
 *   <li>Replacing everything (a new shape, a scalar) installs a new array in a new generation. The old array
 *       is never written again, so a reader still copying it gets the content from just before.</li>
 * </ul>
 * Writers must hold the monitor passed to the constructor (the dataset's {@code synchronized} methods do),
 * call {@link #beginWrite} and then {@link #endWrite} in a {@code finally}, and do anything that can fail
 * (conversions, checks) before {@code beginWrite}.
 */
final class RowStore {
    /** Overwrites are tracked per block of rows holding about this many elements (at least one row). */
    private static final int BLOCK_ELEMENTS = 256;
    /** Rounds a reader tries for a copy of one instant before it settles for block-wise consistency. */
    private static final int CONSISTENT_ROUNDS = 8;
    /** Attempts at one block before copying it under the writers' monitor. */
    private static final int BLOCK_ATTEMPTS = 64;

    /** Copies {@code old} into a new array of {@code length} elements, filling the rest with "not set yet". */
    @FunctionalInterface
    interface Grower {
        Object grow(Object old, int length);
    }

    /**
     * The storage at one moment; never changed, only replaced.
     *
     * @param data        the array; beyond {@code length * rowElements} it holds only the fill value
     * @param stamps      per block of rows, the odd sequence number of the block's latest in-place overwrite
     * @param scalar      a scalar (one element, shape {@code []})
     * @param rowShape    the trailing dimensions of a row ({@code []} for 1-D); {@code null} until the first
     *                    row fixes it
     * @param rowElements array elements per row
     * @param blockRows   rows per stamp block
     * @param length      rows published
     * @param generation  changes whenever the array is replaced by one with different contents or shape
     */
    record Layout(Object data, long[] stamps, boolean scalar, long[] rowShape, int rowElements, int blockRows,
                  int length, int generation) {
        /** The dataset shape when {@code rows} rows are present. */
        long[] shapeWith(int rows) {
            if (scalar) {
                return new long[0];
            }
            if (rowShape == null) {
                return new long[] {rows};
            }
            long[] s = new long[rowShape.length + 1];
            s[0] = rows;
            System.arraycopy(rowShape, 0, s, 1, rowShape.length);
            return s;
        }

        long[] shape() {
            return shapeWith(length);
        }

        private Layout with(Object newData, long[] newStamps, int newLength) {
            return new Layout(newData, newStamps, scalar, rowShape, rowElements, blockRows, newLength, generation);
        }
    }

    /**
     * Rows {@code [firstRow, firstRow + rows)} copied into {@code data}, from a dataset that had
     * {@code totalRows} rows at that moment (rows appended while the copy was made are left out).
     */
    record Copy(Object data, Layout layout, int firstRow, int rows, int totalRows) {
        long[] shape() {
            return layout.shapeWith(rows);
        }

        long[] datasetShape() {
            return layout.shapeWith(totalRows);
        }
    }

    private final Object monitor;
    private final Grower grower;
    private final int elementWidth;
    private volatile Layout layout;
    /** Odd while an in-place overwrite runs. */
    private volatile long sequence;
    /** The row {@link #beginWrite} started appending, or -1 for an overwrite; writer-only. */
    private int appending = -1;

    /**
     * @param monitor      what writers hold; a reader takes it only in the last resort described above
     * @param grower       grows the array, filling new space with the "not set yet" value
     * @param emptyData    an empty array of the storage type
     * @param rowShape     the row shape, or {@code null} when the first row will fix it
     * @param elementWidth array elements per dataset element: 1, or the record size for packed records
     */
    RowStore(Object monitor, Grower grower, Object emptyData, long[] rowShape, int elementWidth) {
        this.monitor = monitor;
        this.grower = grower;
        this.elementWidth = elementWidth;
        int rowElements = rowElements(rowShape);
        this.layout = new Layout(emptyData, new long[0], false, rowShape, rowElements, blockRows(rowElements), 0, 0);
    }

    Layout layout() {
        return layout;
    }

    // ---- writers (holding the monitor) ----

    /**
     * Installs new contents: {@code data} holds exactly {@code length} rows (or the scalar). Readers still
     * copying the previous array keep a consistent copy of what was there before.
     */
    void reset(Object data, boolean scalar, long[] rowShape, int length) {
        int rowElements = rowElements(rowShape);
        int blockRows = blockRows(rowElements);
        layout = new Layout(data, new long[blocks(length, blockRows)], scalar, rowShape, rowElements, blockRows,
                length, layout.generation + 1);
    }

    /**
     * Starts writing row {@code row} and returns the array to write its elements into, at
     * {@code row * rowElements}. Grows the array first when the row lies beyond its capacity.
     */
    Object beginWrite(int row) {
        Layout l = layout;
        if (row < l.length) {
            appending = -1;
            long odd = sequence + 1;
            l.stamps[row / l.blockRows] = odd;
            sequence = odd; // a volatile write: whoever reads odd also sees the stamp
            VarHandle.releaseFence(); // and the row's writes below cannot move before it
            return l.data;
        }
        appending = row;
        long needed = (row + 1L) * l.rowElements;
        int capacity = Array.getLength(l.data);
        int blocks = blocks(row + 1, l.blockRows);
        if (needed > capacity || blocks > l.stamps.length) {
            Object data = needed > capacity ? grower.grow(l.data, grownCapacity(needed, capacity)) : l.data;
            long[] stamps = blocks > l.stamps.length ? Arrays.copyOf(l.stamps, Math.max(blocks, 2 * l.stamps.length))
                    : l.stamps;
            l = l.with(data, stamps, l.length);
            layout = l;
        }
        return l.data;
    }

    /** Ends the write {@link #beginWrite} started: publishes the row to readers. */
    void endWrite() {
        if (appending < 0) {
            sequence = sequence + 1; // even again
        } else {
            Layout l = layout;
            layout = l.with(l.data, l.stamps, appending + 1);
            appending = -1;
        }
    }

    // ---- readers (any thread, no lock) ----

    /** Copies rows {@code [fromRow, toRow)}, clamped to the rows present; see the class comment. */
    Copy copy(int fromRow, int toRow) {
        Layout copied = null;
        Object out = null;
        int from = 0;
        int to = 0;
        int total = 0;
        long clean = 0;
        for (int round = 0; round < CONSISTENT_ROUNDS; round++) {
            long before = sequence;
            Layout l = layout;
            if (copied == null || l.generation != copied.generation) {
                total = l.length;
                from = Math.min(Math.max(fromRow, 0), total);
                to = Math.max(from, Math.min(toRow, total));
                out = Array.newInstance(l.data.getClass().getComponentType(), (to - from) * l.rowElements);
                System.arraycopy(l.data, from * l.rowElements, out, 0, (to - from) * l.rowElements);
            } else {
                recopyStamped(l, out, from, to, clean);
            }
            copied = l;
            clean = before & ~1L;
            VarHandle.acquireFence(); // the copy's reads complete before the counter is read again
            if (sequence == before && (before & 1) == 0) {
                return new Copy(out, copied, from, to - from, total);
            }
        }
        settleBlockByBlock(copied, out, from, to, clean);
        return new Copy(out, copied, from, to - from, total);
    }

    /** Re-copies the blocks of rows overwritten since a round whose counter was {@code clean}. */
    private static void recopyStamped(Layout l, Object out, int from, int to, long clean) {
        int lastBlock = to == 0 ? -1 : (to - 1) / l.blockRows;
        for (int b = from / l.blockRows; b <= lastBlock; b++) {
            if (l.stamps[b] > clean) {
                copyBlock(l, b, out, from, to);
            }
        }
    }

    private void settleBlockByBlock(Layout copied, Object out, int from, int to, long clean) {
        int lastBlock = to == 0 ? -1 : (to - 1) / copied.blockRows;
        for (int b = from / copied.blockRows; b <= lastBlock; b++) {
            if (current(copied).stamps[b] > clean) {
                settleBlock(copied, b, out, from, to);
            }
        }
    }

    /** Copies block {@code b} until no overwrite of it ran during the copy. */
    private void settleBlock(Layout copied, int b, Object out, int from, int to) {
        for (int attempt = 0; attempt < BLOCK_ATTEMPTS; attempt++) {
            long before = sequence;
            Layout l = current(copied);
            copyBlock(l, b, out, from, to);
            VarHandle.acquireFence();
            // an overwrite of b running at `before`, or started during the copy, has stamped b above it
            if (l.stamps[b] <= (before & ~1L)) {
                return;
            }
            // most often the writer was descheduled in the middle of this very block: give it the core
            Thread.yield();
        }
        synchronized (monitor) {
            copyBlock(current(copied), b, out, from, to);
        }
    }

    /** The newest layout of the copy's generation; an older generation's arrays are never written again. */
    private Layout current(Layout copied) {
        Layout l = layout;
        return l.generation == copied.generation ? l : copied;
    }

    private static void copyBlock(Layout l, int b, Object out, int from, int to) {
        int first = Math.max(from, b * l.blockRows);
        int end = Math.min(to, (b + 1) * l.blockRows);
        if (end > first) {
            System.arraycopy(l.data, first * l.rowElements, out, (first - from) * l.rowElements,
                    (end - first) * l.rowElements);
        }
    }

    private int rowElements(long[] rowShape) {
        return rowShape == null ? 0 : (int) product(rowShape) * elementWidth;
    }

    private static int blockRows(int rowElements) {
        return rowElements >= BLOCK_ELEMENTS || rowElements == 0 ? 1 : BLOCK_ELEMENTS / rowElements;
    }

    private static int blocks(int rows, int blockRows) {
        return (rows + blockRows - 1) / blockRows;
    }

    private static int grownCapacity(long needed, int capacity) {
        return (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, Math.max(16L, capacity * 2L)));
    }

    static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
