package io.jdranspose.reducer;

/**
 * Where the reducer listens and its default HDF5 output.
 *
 * @param bindHost      address the result inbox and the HTTP server bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param advertiseHost address workers and viewers use, published in the member state ({@code url}, {@code http_url})
 * @param httpPort      port of the HSDS API and viewer; 0 picks a free one
 * @param hdf5Prefix    default of the {@code hdf5_prefix} parameter: each finished scan is written to
 *                      {@code <prefix><mapping uuid>.h5}; empty writes no file
 */
public record ReducerConfig(String bindHost, String advertiseHost, int httpPort, String hdf5Prefix) {

    public ReducerConfig {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("reducer bind host must not be empty");
        }
        if (advertiseHost == null || advertiseHost.isBlank()) {
            throw new IllegalArgumentException("reducer advertise host must not be empty");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("reducer HTTP port must be 0..65535, got " + httpPort);
        }
        hdf5Prefix = hdf5Prefix == null ? "" : hdf5Prefix;
    }

    /** 127.0.0.1, HTTP on port 5010, no HDF5 files. */
    public static ReducerConfig defaults() {
        return new ReducerConfig("127.0.0.1", "127.0.0.1", 5010, "");
    }
}
