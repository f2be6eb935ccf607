package io.jdranspose.replay;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.compression.BitshuffleLz4;
import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;

/**
 * HDF5 filter 32008 (bitshuffle) for jhdf, decoding with {@link BitshuffleLz4}. It replaces jhdf 0.13.0's own
 * filter, which decodes the tail of every chunk whose element count is not a multiple of the block size
 * wrongly (Eiger 1M and 4M frames are such chunks).
 */
public final class Hdf5BitshuffleFilter implements Filter {
    /** The id registered for bitshuffle with The HDF Group. */
    public static final int ID = 32008;
    private static final int LZ4 = 2;

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "bitshuffle (jdranspose)";
    }

    /** Filter data, as the bitshuffle plugin stores it: major, minor, item size, block size, compression. */
    @Override
    public byte[] decode(byte[] encoded, int[] filterData) {
        if (filterData == null || filterData.length < 3) {
            throw new HdfFilterException("bitshuffle filter data has no item size (got "
                    + java.util.Arrays.toString(filterData) + ")");
        }
        int compression = filterData.length > 4 ? filterData[4] : 0;
        if (compression != LZ4) {
            throw new HdfFilterException("bitshuffle with compression " + compression
                    + " is not supported, only 2 (lz4)");
        }
        try {
            return BitshuffleLz4.decode(encoded, filterData[2]);
        } catch (ProtocolException e) {
            throw new HdfFilterException("bitshuffle/lz4 chunk: " + e.getMessage(), e);
        }
    }
}
