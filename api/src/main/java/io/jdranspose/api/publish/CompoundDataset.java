package io.jdranspose.api.publish;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A 1-D dataset of compound records (HDF5 {@code H5T_COMPOUND}), e.g. one row of peak parameters per
 * event, that grows as records are set. Each record is one value per {@linkplain Field field}, given as
 * an {@code Object[]} in field order or as a Java record whose components are named like the fields:
 *
 * <pre>{@code
 * record Peak(double position, float height, String label) {}
 * CompoundDataset peaks = tree.compound("/peaks", List.of(Field.of("position", DType.FLOAT64),
 *         Field.of("height", DType.FLOAT32), Field.string("label", 16)));
 * peaks.set(event, 12.5, 300f, "main");
 * peaks.append(new Peak(13.0, 120f, "side"));
 * }</pre>
 * Records not set yet read as all zeros (and empty strings). Writers are serialized on the dataset's
 * monitor; readers take no lock and never make a writer wait (see {@link RowStore}).
 */
public final class CompoundDataset extends Dataset {
    private static final long[] NO_DIMS = new long[0];

    private final List<Field> fields;
    private final int recordSize;
    private final int[] offsets;
    private final RowStore rows;
    /** The accessors, in field order, of the record class last appended; cached because reflection is slow. */
    private volatile RecordAccessors accessors;

    private record RecordAccessors(Class<?> type, Method[] inFieldOrder) {
    }

    CompoundDataset(String path, String name, List<Field> fields) {
        super(path, name);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException(path + ": a compound dataset needs at least one field");
        }
        this.fields = List.copyOf(fields);
        this.offsets = new int[fields.size()];
        int size = 0;
        for (int f = 0; f < fields.size(); f++) {
            offsets[f] = size;
            size += fields.get(f).size();
            for (int g = 0; g < f; g++) {
                if (fields.get(g).name().equals(fields.get(f).name())) {
                    throw new IllegalArgumentException(path + ": field '" + fields.get(f).name() + "' is declared twice");
                }
            }
        }
        this.recordSize = size;
        this.rows = new RowStore(this, (old, n) -> Arrays.copyOf((byte[]) old, n), new byte[0], NO_DIMS, recordSize);
    }

    public List<Field> fields() {
        return fields;
    }

    /** Bytes of one packed record. */
    public int recordSize() {
        return recordSize;
    }

    /** Sets record {@code index} from one value per field, in field order, growing the dataset as needed. */
    public synchronized CompoundDataset set(long index, Object... values) {
        if (index < 0 || index > (Integer.MAX_VALUE - 8) / Math.max(1, recordSize)) {
            throw new IndexOutOfBoundsException(path() + ": index " + index + " is out of range");
        }
        byte[] packed = pack(values);
        int row = (int) index;
        byte[] data = (byte[]) rows.beginWrite(row);
        try {
            System.arraycopy(packed, 0, data, row * recordSize, recordSize);
        } finally {
            rows.endWrite();
        }
        touch();
        return this;
    }

    /** Sets record {@code index} from a Java record with a component named like each field. */
    public synchronized CompoundDataset set(long index, Record record) {
        return set(index, valuesOf(record));
    }

    /** Appends one record given as one value per field, in field order. */
    public synchronized CompoundDataset append(Object... values) {
        return set(rows.layout().length(), values);
    }

    /** Appends one record from a Java record with a component named like each field. */
    public synchronized CompoundDataset append(Record record) {
        return set(rows.layout().length(), valuesOf(record));
    }

    /** A consistent copy of the records, taken without making writers wait. */
    @Override
    public CompoundValue snapshot() {
        RowStore.Copy copy = rows.copy(0, Integer.MAX_VALUE);
        return new CompoundValue(fields, copy.shape(), (byte[]) copy.data());
    }

    @Override
    public long[] shape() {
        return rows.layout().shape();
    }

    private byte[] pack(Object[] values) {
        if (values == null || values.length != fields.size()) {
            throw new IllegalArgumentException(path() + ": a record needs " + fields.size() + " values ("
                    + fields.stream().map(Field::name).toList() + "), got "
                    + (values == null ? "none" : String.valueOf(values.length)));
        }
        byte[] packed = new byte[recordSize];
        ByteBuffer b = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < values.length; f++) {
            try {
                fields.get(f).write(b, offsets[f], values[f]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path() + ": " + e.getMessage(), e);
            }
        }
        return packed;
    }

    private Object[] valuesOf(Record record) {
        if (record == null) {
            throw new IllegalArgumentException(path() + ": null record");
        }
        Method[] getters = accessorsFor(record.getClass());
        Object[] values = new Object[getters.length];
        for (int f = 0; f < getters.length; f++) {
            try {
                values[f] = getters[f].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException(path() + ": cannot read component '" + fields.get(f).name() + "' of "
                        + record.getClass().getName() + ": " + e, e);
            }
        }
        return values;
    }

    private Method[] accessorsFor(Class<?> type) {
        RecordAccessors cached = accessors;
        if (cached != null && cached.type == type) {
            return cached.inFieldOrder;
        }
        RecordComponent[] components = type.getRecordComponents();
        Method[] inFieldOrder = new Method[fields.size()];
        for (int f = 0; f < fields.size(); f++) {
            String name = fields.get(f).name();
            for (RecordComponent c : components) {
                if (c.getName().equals(name)) {
                    inFieldOrder[f] = c.getAccessor();
                    // records declared inside a plugin class are often not public
                    inFieldOrder[f].setAccessible(true);
                }
            }
            if (inFieldOrder[f] == null) {
                throw new IllegalArgumentException(path() + ": " + type.getName() + " has no component named '" + name
                        + "' for field '" + name + "'");
            }
        }
        accessors = new RecordAccessors(type, inFieldOrder);
        return inFieldOrder;
    }
}
