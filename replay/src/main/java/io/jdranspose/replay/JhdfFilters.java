package io.jdranspose.replay;

import io.jhdf.filter.FilterManager;

/**
 * Puts our bitshuffle and LZ4 filters into jhdf's filter registry, replacing jhdf's own. The service file
 * does this too, but only when jhdf's class loader sees it; registering explicitly also covers plugin class
 * loaders.
 */
final class JhdfFilters {
    private static boolean installed;

    private JhdfFilters() {
    }

    /** Idempotent; call before opening a dataset, since jhdf binds a dataset's filters when first read. */
    static synchronized void install() {
        if (!installed) {
            FilterManager.addFilter(new Hdf5BitshuffleFilter());
            FilterManager.addFilter(new Hdf5Lz4Filter());
            installed = true;
        }
    }
}
