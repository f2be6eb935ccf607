package io.jdranspose.api.publish;

import java.util.ArrayList;
import java.util.List;

/** A scalar string or a 1-D string list that grows as entries are set. */
public final class StringDataset extends Dataset {
    private final List<String> values = new ArrayList<>();
    private boolean scalar;

    StringDataset(String path, String name) {
        super(path, name);
    }

    /** Makes this a scalar string. */
    public synchronized StringDataset set(String value) {
        values.clear();
        values.add(value);
        scalar = true;
        touch();
        return this;
    }

    /** Sets entry {@code index}, growing the list with empty strings as needed. */
    public synchronized StringDataset set(long index, String value) {
        if (index < 0 || index > Integer.MAX_VALUE - 8) {
            throw new IndexOutOfBoundsException("index " + index + " of " + path());
        }
        scalar = false;
        while (values.size() <= index) {
            values.add("");
        }
        values.set((int) index, value);
        touch();
        return this;
    }

    public synchronized StringDataset append(String value) {
        scalar = false;
        values.add(value);
        touch();
        return this;
    }

    public synchronized StringDataset replace(List<String> newValues) {
        scalar = false;
        values.clear();
        values.addAll(newValues);
        touch();
        return this;
    }

    @Override
    public synchronized StringValue snapshot() {
        return new StringValue(scalar, new ArrayList<>(values));
    }

    @Override
    public synchronized long[] shape() {
        return scalar ? new long[0] : new long[] {values.size()};
    }
}
