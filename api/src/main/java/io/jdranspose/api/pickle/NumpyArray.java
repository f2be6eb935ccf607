package io.jdranspose.api.pickle;

import io.jdranspose.api.NdArray;
import io.jdranspose.api.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A numpy array being unpickled: {@code _reconstruct(ndarray, (0,), b'b')} makes an empty one, BUILD with
 * {@code (version, shape, dtype, is_fortran, raw bytes)} fills it. References to it from the memo see the
 * finished {@link NdArray} once BUILD ran.
 */
final class NumpyArray {
    private NdArray array;

    record State(int[] shape, NumpyDType dtype, boolean fortran, Object data) {
    }

    /** The finished array, or null before BUILD. */
    NdArray array() {
        return array;
    }

    State state(List<Object> items) {
        if (array != null) {
            throw new NumpyFormatException("numpy array state set twice");
        }
        // numpy writes (version, shape, dtype, is_fortran, data); very old pickles omit the version.
        List<Object> s = items.size() == 5 ? items.subList(1, 5) : items;
        if (s.size() != 4) {
            throw new NumpyFormatException("numpy array state has " + items.size() + " items, expected 5");
        }
        if (!(s.get(0) instanceof List<?> dims)) {
            throw new NumpyFormatException("numpy array shape is a " + PickleReader.typeName(s.get(0))
                    + ", not a tuple");
        }
        if (!(s.get(1) instanceof NumpyDType dtype)) {
            throw new NumpyFormatException("numpy array dtype is a " + PickleReader.typeName(s.get(1)));
        }
        if (!(s.get(2) instanceof Boolean fortran)) {
            throw new NumpyFormatException("numpy array is_fortran flag is a " + PickleReader.typeName(s.get(2)));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new NumpyFormatException("numpy array shape " + dims + " has a bad dimension");
            }
            shape[i] = (int) (long) d;
        }
        if (s.get(3) instanceof List<?>) {
            throw new NumpyFormatException("numpy object arrays (dtype O) are not supported");
        }
        return new State(shape, dtype, fortran, s.get(3));
    }

    void build(State state, byte[] raw) {
        long count = 1;
        int longDims = 0;
        for (int d : state.shape()) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw new NumpyFormatException("numpy array shape " + java.util.Arrays.toString(state.shape())
                        + " is too large");
            }
            longDims += d > 1 ? 1 : 0;
        }
        if (state.fortran() && longDims > 1) {
            // Transposing would copy; no producer we read sends Fortran order.
            throw new NumpyFormatException("Fortran-order numpy array of shape "
                    + java.util.Arrays.toString(state.shape()) + " is not supported (C order only)");
        }
        long expected = count > Integer.MAX_VALUE ? -1 : count * state.dtype().dtype.itemSize();
        if (expected != raw.length) {
            throw new NumpyFormatException("numpy array of shape " + java.util.Arrays.toString(state.shape()) + " "
                    + state.dtype().dtype.numpyName() + " needs " + (expected < 0 ? "more than 2^31 elements"
                    : expected + " bytes") + ", the pickle has " + raw.length);
        }
        try {
            array = new NdArray(state.dtype().dtype, state.shape(), ByteBuffer.wrap(raw).order(state.dtype().order));
        } catch (ProtocolException e) {
            throw new NumpyFormatException(e.getMessage());
        }
    }
}
