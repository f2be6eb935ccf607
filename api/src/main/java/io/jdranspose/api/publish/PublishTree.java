package io.jdranspose.api.publish;

import io.jdranspose.api.DType;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What a reducer publishes: an HDF5-like tree of groups, datasets and attributes. Viewers read it live
 * over the HSDS API and it is written to HDF5 at the end of a scan. Paths are absolute
 * ({@code /roi/mean}); intermediate groups are created on the way.
 *
 * <pre>{@code
 * tree.numeric("/roi/mean", DType.FLOAT64).set(result.eventNumber(), mean);     // a growing trend
 * tree.numeric("/azint/I", DType.FLOAT32).set(result.eventNumber(), intensity); // event × q matrix
 * tree.group("/azint").attribute("NX_class", "NXdata");
 * tree.compound("/peaks", List.of(Field.of("x", DType.FLOAT64), Field.of("height", DType.FLOAT32)))
 *         .set(result.eventNumber(), x, height);                              // a table of records
 * }</pre>
 *
 * <p>Writers (the reducer thread) and readers (viewers, the HDF5 writer) may work concurrently: every
 * read is a consistent snapshot and never makes a writer wait.
 */
public final class PublishTree {
    private final Group root = new Group("/", "");

    public Group root() {
        return root;
    }

    /** The group at {@code path}, created with its parents if missing. */
    public Group group(String path) {
        Group g = root;
        for (String part : split(path)) {
            g = g.group(part);
        }
        return g;
    }

    /** The numeric dataset at {@code path}, created (with parent groups) if missing. */
    public NumericDataset numeric(String path, DType dtype) {
        String[] parts = split(path);
        requireLeaf(path, parts);
        return parent(parts).numeric(parts[parts.length - 1], dtype);
    }

    /**
     * The numeric dataset at {@code path}, created (with parent groups) with byte order {@code order} if
     * missing. The order decides how the HSDS API sends the dataset in binary ({@code H5T_STD_I32BE} …).
     */
    public NumericDataset numeric(String path, DType dtype, ByteOrder order) {
        String[] parts = split(path);
        requireLeaf(path, parts);
        return parent(parts).numeric(parts[parts.length - 1], dtype, order);
    }

    /** The compound dataset at {@code path}, created (with parent groups) with {@code fields} if missing. */
    public CompoundDataset compound(String path, List<Field> fields) {
        String[] parts = split(path);
        requireLeaf(path, parts);
        return parent(parts).compound(parts[parts.length - 1], fields);
    }

    /** The string dataset at {@code path}, created (with parent groups) if missing. */
    public StringDataset strings(String path) {
        String[] parts = split(path);
        requireLeaf(path, parts);
        return parent(parts).strings(parts[parts.length - 1]);
    }

    /** Publishes a scalar: a {@code String}, {@code Boolean} or number (int/long → int64, double → float64). */
    public Dataset scalar(String path, Object value) {
        Value v = Value.of(value);
        if (v instanceof StringValue s) {
            if (!s.scalar()) {
                return strings(path).replace(s.strings());
            }
            return strings(path).set(s.strings().get(0));
        }
        NumericValue n = (NumericValue) v;
        return numeric(path, n.dtype()).replace(n.data(), n.shape());
    }

    /** Publishes a whole array (any rank), replacing what was there. */
    public NumericDataset array(String path, Object javaArray) {
        NumericValue n = NumericValue.of(javaArray);
        return numeric(path, n.dtype()).replace(n.data(), n.shape());
    }

    /** The node at {@code path}, or {@code null} when nothing is there. */
    public Node find(String path) {
        Node n = root;
        for (String part : split(path)) {
            if (!(n instanceof Group g)) {
                return null;
            }
            n = g.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private Group parent(String[] parts) {
        Group g = root;
        for (int i = 0; i < parts.length - 1; i++) {
            g = g.group(parts[i]);
        }
        return g;
    }

    private static void requireLeaf(String path, String[] parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("'" + path + "' names the root group, not a dataset");
        }
    }

    private static String[] split(String path) {
        if (path == null) {
            throw new IllegalArgumentException("null path");
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
