package io.jdranspose.api.publish;

/** A dataset: numeric array (any rank, growable along the first axis) or strings. */
public abstract sealed class Dataset extends Node permits NumericDataset, StringDataset {
    Dataset(String path, String name) {
        super(path, name);
    }

    /** A consistent, immutable copy of the current content. */
    public abstract Value snapshot();

    /** Current dimensions (empty for a scalar). */
    public abstract long[] shape();
}
