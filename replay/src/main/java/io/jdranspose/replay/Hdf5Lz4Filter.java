package io.jdranspose.replay;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.compression.Lz4;
import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;

/** HDF5 filter 32004 (LZ4) for jhdf, decoding with {@link Lz4#decodeHdf5Filter}, which checks every length. */
public final class Hdf5Lz4Filter implements Filter {
    /** The id registered for LZ4 with The HDF Group. */
    public static final int ID = 32004;

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "lz4 (jdranspose)";
    }

    @Override
    public byte[] decode(byte[] encoded, int[] filterData) {
        try {
            return Lz4.decodeHdf5Filter(encoded);
        } catch (ProtocolException e) {
            throw new HdfFilterException("lz4 chunk: " + e.getMessage(), e);
        }
    }
}
