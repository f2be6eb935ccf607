package io.jdranspose.reducer.hsds;

import java.util.Arrays;
import java.util.List;

/**
 * Which elements of an array a {@code /value} request reads: one {@link Dim} per dimension. The result
 * keeps the rank of the array (an index selection keeps its dimension with size 1, as HSDS does), so the
 * answer's shape is simply the per-dimension counts.
 */
record Selection(List<Dim> dims) {

    /** The indices selected along one dimension, in the order they are returned. */
    sealed interface Dim permits Slice, Points {
        int count();

        int index(int k);
    }

    /** {@code start:stop:step}; a bare index {@code i} is {@code i:i+1:1}. */
    record Slice(int start, int stop, int step) implements Dim {
        @Override
        public int count() {
            // in long: start + step - 1 overflows an int for the huge steps a client may send
            return stop <= start ? 0 : (int) ((stop - start + (long) step - 1) / step);
        }

        @Override
        public int index(int k) {
            return start + k * step;
        }

        boolean contiguous() {
            return step == 1;
        }
    }

    /** A coordinate list {@code [i,j,k]}. */
    record Points(int[] coordinates) implements Dim {
        @Override
        public int count() {
            return coordinates.length;
        }

        @Override
        public int index(int k) {
            return coordinates[k];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(p.coordinates, coordinates);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(coordinates);
        }

        @Override
        public String toString() {
            return "Points" + Arrays.toString(coordinates);
        }
    }

    Selection {
        dims = List.copyOf(dims);
    }

    /** Everything, which is what a request without {@code select} reads. */
    static Selection all(long[] shape) {
        Dim[] dims = new Dim[shape.length];
        for (int d = 0; d < shape.length; d++) {
            dims[d] = new Slice(0, (int) shape[d], 1);
        }
        return new Selection(List.of(dims));
    }

    int rank() {
        return dims.size();
    }

    /** Shape of the answer: the count of every dimension. */
    long[] shape() {
        long[] s = new long[dims.size()];
        for (int d = 0; d < s.length; d++) {
            s[d] = dims.get(d).count();
        }
        return s;
    }

    long elementCount() {
        long n = 1;
        for (Dim d : dims) {
            n *= d.count();
        }
        return n;
    }

    /**
     * The rows {@code [from, to)} of the first dimension that the selection reads ({@code from == to} when
     * it reads nothing); only for rank ≥ 1.
     */
    int[] firstAxisRange() {
        Dim first = dims.get(0);
        if (first.count() == 0) {
            return new int[] {0, 0};
        }
        int min = Integer.MAX_VALUE;
        int max = -1;
        if (first instanceof Slice s) {
            min = s.start();
            max = s.index(s.count() - 1);
        } else {
            for (int k = 0; k < first.count(); k++) {
                min = Math.min(min, first.index(k));
                max = Math.max(max, first.index(k));
            }
        }
        return new int[] {min, max + 1};
    }

    /** The same selection with first-dimension indices moved down by {@code rows}, for a copy starting there. */
    Selection shiftFirstAxis(int rows) {
        Dim first = dims.get(0);
        Dim shifted;
        if (first instanceof Slice s) {
            shifted = s.count() == 0 ? new Slice(0, 0, 1) : new Slice(s.start() - rows, s.stop() - rows, s.step());
        } else {
            int[] coordinates = ((Points) first).coordinates().clone();
            for (int k = 0; k < coordinates.length; k++) {
                coordinates[k] -= rows;
            }
            shifted = new Points(coordinates);
        }
        Dim[] all = dims.toArray(new Dim[0]);
        all[0] = shifted;
        return new Selection(List.of(all));
    }

    /** Row-major strides of an array of {@code shape}, in elements. */
    static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }
}
