package io.jdranspose.api.publish;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable array of compound records: the fields, the shape (1-D) and the records packed back to back
 * in declared field order, little endian, without padding (HSDS's binary layout of compound elements).
 */
public record CompoundValue(List<Field> fields, long[] shape, byte[] data) implements Value {
    public CompoundValue {
        fields = List.copyOf(fields);
        shape = shape.clone();
        long records = 1;
        for (long d : shape) {
            records *= d;
        }
        int recordSize = recordSize(fields);
        if (records * recordSize != data.length) {
            throw new IllegalArgumentException(data.length + " bytes do not hold " + Arrays.toString(shape)
                    + " records of " + recordSize + " bytes");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Bytes of one packed record. */
    public int recordSize() {
        return recordSize(fields);
    }

    /** Where field {@code field} starts within a record. */
    public int fieldOffset(int field) {
        int offset = 0;
        for (int f = 0; f < field; f++) {
            offset += fields.get(f).size();
        }
        return offset;
    }

    /**
     * Field {@code field} of record {@code record} (flat C-order index): a String, Boolean, Long (unsigned
     * types read unsigned; uint64 as its raw bits), Float or Double.
     */
    public Object get(int record, int field) {
        return fields.get(field).read(buffer(), record * recordSize() + fieldOffset(field));
    }

    /** Record {@code record} as one value per field, in field order. */
    public List<Object> record(int record) {
        ByteBuffer b = buffer();
        List<Object> out = new ArrayList<>(fields.size());
        int offset = record * recordSize();
        for (Field f : fields) {
            out.add(f.read(b, offset));
            offset += f.size();
        }
        return out;
    }

    /**
     * Field {@code field} of every record as a value of the value's shape: a {@link NumericValue} of the
     * field's type, or a {@link StringValue} for a string field (e.g. to store one dataset per field).
     */
    public Value column(int field) {
        Field f = fields.get(field);
        int n = (int) size();
        ByteBuffer b = buffer();
        int offset = fieldOffset(field);
        int recordSize = recordSize();
        if (f.isString()) {
            List<String> strings = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                strings.add((String) f.read(b, i * recordSize + offset));
            }
            return StringValue.of(strings);
        }
        Object column = FlatArrays.allocate(f.dtype(), n);
        for (int i = 0; i < n; i++) {
            int at = i * recordSize + offset;
            switch (column) {
                case byte[] a -> a[i] = b.get(at);
                case short[] a -> a[i] = b.getShort(at);
                case int[] a -> a[i] = b.getInt(at);
                case long[] a -> a[i] = b.getLong(at);
                case float[] a -> a[i] = b.getFloat(at);
                case double[] a -> a[i] = b.getDouble(at);
                default -> throw new IllegalStateException("not a numeric array");
            }
        }
        return new NumericValue(f.dtype(), shape, column);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int recordSize(List<Field> fields) {
        int size = 0;
        for (Field f : fields) {
            size += f.size();
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompoundValue v && v.fields.equals(fields) && Arrays.equals(v.shape, shape)
                && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return fields.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        long n = size();
        StringBuilder sb = new StringBuilder("compound").append(fields.stream().map(Field::name).toList())
                .append(Arrays.toString(shape)).append(" [");
        for (int i = 0; i < Math.min(n, 4); i++) {
            sb.append(i == 0 ? "" : ", ").append(record(i));
        }
        return sb.append(n > 4 ? ", …]" : "]").toString();
    }
}
