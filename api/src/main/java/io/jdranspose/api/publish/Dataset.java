package io.jdranspose.api.publish;

/**
 * A dataset: a numeric array (any rank, growable along the first axis), strings, or compound records.
 * Snapshots and shapes are read without locks and never make a writer wait.
 */
public abstract sealed class Dataset extends Node permits NumericDataset, StringDataset, CompoundDataset {
    Dataset(String path, String name) {
        super(path, name);
    }

    /** A consistent, immutable copy of the current content. */
    public abstract Value snapshot();

    /** Current dimensions (empty for a scalar). */
    public abstract long[] shape();
}
