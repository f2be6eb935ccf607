package io.jdranspose.api.publish;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A scalar string or a 1-D string list that grows as entries are set; entries not set yet read as empty
 * strings. Writers are serialized on the dataset's monitor; readers take no lock and never make a writer
 * wait (see {@link RowStore}).
 */
public final class StringDataset extends Dataset {
    private static final long[] NO_DIMS = new long[0];

    private final RowStore rows;

    StringDataset(String path, String name) {
        super(path, name);
        this.rows = new RowStore(this, StringDataset::grow, new String[0], NO_DIMS, 1);
    }

    /** Makes this a scalar string. */
    public synchronized StringDataset set(String value) {
        Objects.requireNonNull(value, "value");
        if (rows.layout().scalar()) {
            write(0, value);
        } else {
            rows.reset(new String[] {value}, true, NO_DIMS, 1);
        }
        touch();
        return this;
    }

    /** Sets entry {@code index}, growing the list with empty strings as needed. */
    public synchronized StringDataset set(long index, String value) {
        Objects.requireNonNull(value, "value");
        if (index < 0 || index > Integer.MAX_VALUE - 8) {
            throw new IndexOutOfBoundsException("index " + index + " of " + path());
        }
        RowStore.Layout l = rows.layout();
        if (l.scalar()) {
            // the scalar becomes entry 0 of a list
            rows.reset(((String[]) l.data()).clone(), false, NO_DIMS, 1);
        }
        write((int) index, value);
        touch();
        return this;
    }

    public synchronized StringDataset append(String value) {
        RowStore.Layout l = rows.layout();
        return set(l.scalar() ? 1 : l.length(), value);
    }

    public synchronized StringDataset replace(List<String> newValues) {
        String[] values = newValues.toArray(new String[0]);
        for (String v : values) {
            Objects.requireNonNull(v, "a string of the list");
        }
        rows.reset(values, false, NO_DIMS, values.length);
        touch();
        return this;
    }

    /** A consistent copy of the content, taken without making writers wait. */
    @Override
    public StringValue snapshot() {
        RowStore.Copy copy = rows.copy(0, Integer.MAX_VALUE);
        return new StringValue(copy.layout().scalar(), Arrays.asList((String[]) copy.data()));
    }

    @Override
    public long[] shape() {
        return rows.layout().shape();
    }

    private void write(int index, String value) {
        String[] data = (String[]) rows.beginWrite(index);
        try {
            data[index] = value;
        } finally {
            rows.endWrite();
        }
    }

    private static Object grow(Object old, int length) {
        String[] grown = Arrays.copyOf((String[]) old, length);
        Arrays.fill(grown, ((String[]) old).length, length, "");
        return grown;
    }
}
