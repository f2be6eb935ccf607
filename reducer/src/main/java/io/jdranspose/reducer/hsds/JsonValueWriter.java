package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.CompoundValue;
import io.jdranspose.api.publish.Field;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.api.publish.Value;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the selected elements of a value as JSON: nested lists in C order with the rank of the
 * selection, or the bare element for a scalar. Booleans are JSON booleans, unsigned integers are written
 * unsigned (uint64 above 2^63 as its exact decimal), floats may be bare NaN/Infinity (see
 * {@link HsdsJson#VALUES}). A compound record is a list of its field values in field order, as HSDS
 * writes it. Streams to the generator, so a large answer never exists as a tree.
 */
final class JsonValueWriter {
    @FunctionalInterface
    private interface ElementWriter {
        void write(JsonGenerator g, int flatIndex) throws IOException;
    }

    private JsonValueWriter() {
    }

    static void write(JsonGenerator g, Value value, Selection selection) throws IOException {
        ElementWriter element = switch (value) {
            case NumericValue n -> elementWriter(n);
            case StringValue s -> stringWriter(s.strings());
            case CompoundValue c -> compoundWriter(c);
        };
        long[] shape = value.shape();
        if (shape.length == 0) {
            element.write(g, 0);
            return;
        }
        writeDim(g, element, selection, Selection.strides(shape), 0, 0);
    }

    /**
     * The whole value as pre-rendered JSON in the value dialect, for embedding in a metadata tree (an
     * attribute's {@code value}); attributes are small, so rendering them to text is cheap.
     */
    static RawValue render(Value value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = HsdsJson.VALUES.createGenerator(text)) {
            write(g, value, Selection.all(value.shape()));
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a value to a string cannot fail", e);
        }
        return new RawValue(text.toString());
    }

    private static void writeDim(JsonGenerator g, ElementWriter element, Selection selection, long[] strides, int d,
            long base) throws IOException {
        Selection.Dim dim = selection.dims().get(d);
        int count = dim.count();
        g.writeStartArray();
        if (d == strides.length - 1) {
            for (int k = 0; k < count; k++) {
                element.write(g, (int) (base + dim.index(k)));
            }
        } else {
            for (int k = 0; k < count; k++) {
                writeDim(g, element, selection, strides, d + 1, base + dim.index(k) * strides[d]);
            }
        }
        g.writeEndArray();
    }

    private static ElementWriter stringWriter(List<String> strings) {
        return (g, i) -> g.writeString(strings.get(i));
    }

    private static ElementWriter compoundWriter(CompoundValue v) {
        List<Field> fields = v.fields();
        return (g, i) -> {
            g.writeStartArray();
            List<Object> record = v.record(i);
            for (int f = 0; f < fields.size(); f++) {
                writeField(g, fields.get(f), record.get(f));
            }
            g.writeEndArray();
        };
    }

    private static void writeField(JsonGenerator g, Field field, Object value) throws IOException {
        switch (value) {
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Float f -> g.writeNumber(f);
            case Double d -> g.writeNumber(d);
            case Long l when field.dtype() == DType.UINT64 && l < 0 -> g.writeNumber(Long.toUnsignedString(l));
            case Long l -> g.writeNumber(l);
            default -> throw new IllegalStateException("unexpected field value " + value.getClass());
        }
    }

    private static ElementWriter elementWriter(NumericValue v) {
        Object data = v.data();
        return switch (v.dtype()) {
            case BOOL -> {
                byte[] a = (byte[]) data;
                yield (g, i) -> g.writeBoolean(a[i] != 0);
            }
            case INT8 -> {
                byte[] a = (byte[]) data;
                yield (g, i) -> g.writeNumber(a[i]);
            }
            case UINT8 -> {
                byte[] a = (byte[]) data;
                yield (g, i) -> g.writeNumber(Byte.toUnsignedInt(a[i]));
            }
            case INT16 -> {
                short[] a = (short[]) data;
                yield (g, i) -> g.writeNumber(a[i]);
            }
            case UINT16 -> {
                short[] a = (short[]) data;
                yield (g, i) -> g.writeNumber(Short.toUnsignedInt(a[i]));
            }
            case INT32 -> {
                int[] a = (int[]) data;
                yield (g, i) -> g.writeNumber(a[i]);
            }
            case UINT32 -> {
                int[] a = (int[]) data;
                yield (g, i) -> g.writeNumber(Integer.toUnsignedLong(a[i]));
            }
            case INT64 -> {
                long[] a = (long[]) data;
                yield (g, i) -> g.writeNumber(a[i]);
            }
            case UINT64 -> {
                long[] a = (long[]) data;
                // writeNumber(String) writes the digits unquoted, which is how a value above 2^63 stays exact
                yield (g, i) -> {
                    if (a[i] >= 0) {
                        g.writeNumber(a[i]);
                    } else {
                        g.writeNumber(Long.toUnsignedString(a[i]));
                    }
                };
            }
            case FLOAT32 -> {
                float[] a = (float[]) data;
                yield (g, i) -> writeFloat(g, a[i]);
            }
            case FLOAT64 -> {
                double[] a = (double[]) data;
                yield (g, i) -> writeDouble(g, a[i]);
            }
        };
    }

    /**
     * Writes a float as Java (and Jackson) would, {@code 1234.0}, {@code 0.1}, {@code 1.0E7}, but writes
     * whole numbers below 10^7 from their integer digits: detector data is mostly counts, and formatting
     * them that way costs a fraction of the general algorithm, which was the biggest part of serving a row
     * of a stack as JSON. The text is the same either way (checked in the tests).
     */
    static void writeFloat(JsonGenerator g, float v) throws IOException {
        if (isSmallWholeNumber(v)) {
            g.writeNumber(wholeNumberText((long) v));
        } else {
            g.writeNumber(v);
        }
    }

    /** {@link #writeFloat} for doubles. */
    static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (isSmallWholeNumber(v)) {
            g.writeNumber(wholeNumberText((long) v));
        } else {
            g.writeNumber(v);
        }
    }

    /** Whole, below 10^7 (where Java switches to E notation), and not -0.0 (which prints its sign). */
    private static boolean isSmallWholeNumber(double v) {
        return v == (long) v && Math.abs(v) < 1e7 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE;
    }

    private static String wholeNumberText(long n) {
        return n + ".0";
    }
}
