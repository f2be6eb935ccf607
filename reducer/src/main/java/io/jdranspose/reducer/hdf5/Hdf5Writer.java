package io.jdranspose.reducer.hdf5;

import io.jdranspose.api.publish.CompoundDataset;
import io.jdranspose.api.publish.CompoundValue;
import io.jdranspose.api.publish.Dataset;
import io.jdranspose.api.publish.Field;
import io.jdranspose.api.publish.Group;
import io.jdranspose.api.publish.Node;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.publish.Value;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a snapshot of a publish tree to an HDF5 file with jhdf 0.13.0: groups, datasets and attributes
 * recursively, with the same names; NeXus attributes such as {@code NX_class} are ordinary string
 * attributes and pass through as such. Each dataset is read through one {@link Dataset#snapshot()}, so a
 * dataset is never half-updated (different datasets may come from different moments of a live scan).
 *
 * <p>The file is written under a temporary name in the target directory and then atomically renamed, so a
 * reader never sees a half-written file, and an existing file is replaced only by a complete one. jhdf
 * builds the whole file at close from arrays held in memory, so writing needs about one extra copy of
 * every dataset in heap; call it off the reduce thread for large trees.
 *
 * <p>How types are stored, given what jhdf 0.13.0 can write:
 * <ul>
 *   <li>int8…int64, float32, float64 → {@code H5T_STD_I8LE … H5T_STD_I64LE}, {@code H5T_IEEE_F32LE/F64LE};</li>
 *   <li>uint8…uint64 → {@code H5T_STD_U8LE … H5T_STD_U64LE} (all widths work, uint64 included);</li>
 *   <li>bool → {@code H5T_STD_B8LE} (an 8-bit bitfield, 0x00/0x01): jhdf cannot write the
 *       {@code FALSE/TRUE} enum h5py uses, so h5py reads these as {@code uint8}, not {@code bool};</li>
 *   <li>strings → fixed-length UTF-8, {@code H5T_STR_NULLTERM}, sized to the longest string: jhdf cannot
 *       write variable-length strings. h5py reads them as {@code bytes}, and a string is cut at its first
 *       NUL character;</li>
 *   <li>scalars → {@code SCALAR} dataspace; arrays → {@code SIMPLE} with maxdims equal to dims (jhdf
 *       writes no unlimited or chunked-growable datasets);</li>
 *   <li>big-endian datasets → the same little-endian types, with the same values: jhdf 0.13.0 writes
 *       integers and floats little endian only ({@code FixedPoint}/{@code FloatingPoint} have no byte-order
 *       option). Reported in the returned list;</li>
 *   <li>compound datasets → <b>a group</b> of the dataset's name holding one 1-D dataset per field (named
 *       like the field, in field order, string fields as fixed-length strings), with the dataset's
 *       attributes on the group: jhdf 0.13.0 cannot write {@code H5T_COMPOUND} (its {@code CompoundDataType}
 *       only reads). Reported in the returned list;</li>
 *   <li><b>not stored:</b> datasets and attributes with a zero-length dimension (an empty trend before the
 *       first event, an empty string list): jhdf 0.13.0 fails on empty arrays, so they are skipped and
 *       reported in the returned list and in the log.</li>
 * </ul>
 * jhdf tags each file with a root attribute {@code _jHDF}; it is removed, so the file's attributes are
 * exactly the tree's.
 */
public final class Hdf5Writer {
    private static final Logger log = LoggerFactory.getLogger(Hdf5Writer.class);
    private static final String JHDF_TAG = "_jHDF";
    private static final DatasetCreationOptions UNSIGNED = DatasetCreationOptions.builder().unsigned().build();

    private Hdf5Writer() {
    }

    /** Writes {@code tree} to {@code file}; see {@link #write(Group, Path)}. */
    public static List<String> write(PublishTree tree, Path file) throws IOException {
        return write(tree.root(), file);
    }

    /**
     * Writes the tree below {@code root} to {@code file}, replacing it atomically. Missing parent
     * directories are created.
     *
     * @return one message per object that could not be stored as published (see the class comment):
     *     skipped, stored little endian, or split into one dataset per field; empty when the file holds
     *     everything exactly
     * @throws IOException naming the file when it cannot be written; the target is then left untouched
     */
    public static List<String> write(Group root, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new IOException("cannot write HDF5 file " + target + ": cannot create a temporary file in " + dir
                    + ": " + e, e);
        }
        List<String> skipped = new ArrayList<>();
        try {
            try (WritableHdfFile out = HdfFile.write(temp)) {
                out.removeAttribute(JHDF_TAG);
                writeGroup(root, out, skipped);
            }
            shareLikeAnOrdinaryFile(temp);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw new IOException("cannot write HDF5 file " + target + ": " + e.getMessage(), e);
        }
        for (String message : skipped) {
            log.warn("{}: {}", target, message);
        }
        return List.copyOf(skipped);
    }

    private static void writeGroup(Group group, WritableGroup out, List<String> skipped) {
        writeAttributes(group, out, skipped);
        for (Node child : group.children()) {
            switch (child) {
                case Group g -> writeGroup(g, out.putGroup(g.name()), skipped);
                case Dataset d -> writeDataset(d, out, skipped);
            }
        }
    }

    private static void writeDataset(Dataset dataset, WritableGroup parent, List<String> skipped) {
        if (dataset instanceof CompoundDataset compound) {
            writeCompoundAsGroup(compound, parent, skipped);
            return;
        }
        Value value = dataset.snapshot();
        JhdfValues.JhdfData data = JhdfValues.of(value);
        if (data == null) {
            skipped.add("dataset " + dataset.path() + " skipped: jhdf cannot write its empty shape "
                    + Arrays.toString(value.shape()));
            return;
        }
        WritableNode node = data.unsigned()
                ? parent.putDataset(dataset.name(), data.data(), UNSIGNED)
                : parent.putDataset(dataset.name(), data.data());
        writeAttributes(dataset, node, skipped);
        if (dataset instanceof NumericDataset n && n.byteOrder() == ByteOrder.BIG_ENDIAN) {
            skipped.add("dataset " + dataset.path() + " stored little endian (same values): jhdf 0.13.0 cannot write"
                    + " big-endian types");
        }
    }

    private static void writeCompoundAsGroup(CompoundDataset dataset, WritableGroup parent, List<String> skipped) {
        CompoundValue records = dataset.snapshot();
        if (records.size() == 0) {
            skipped.add("dataset " + dataset.path() + " skipped: jhdf cannot write its empty shape "
                    + Arrays.toString(records.shape()));
            return;
        }
        WritableGroup group = parent.putGroup(dataset.name());
        writeAttributes(dataset, group, skipped);
        List<Field> fields = records.fields();
        for (int f = 0; f < fields.size(); f++) {
            JhdfValues.JhdfData column = JhdfValues.of(records.column(f));
            if (column.unsigned()) {
                group.putDataset(fields.get(f).name(), column.data(), UNSIGNED);
            } else {
                group.putDataset(fields.get(f).name(), column.data());
            }
        }
        skipped.add("compound dataset " + dataset.path() + " stored as a group with one dataset per field "
                + fields.stream().map(Field::name).toList() + ": jhdf 0.13.0 cannot write compound types");
    }

    private static void writeAttributes(Node owner, WritableNode out, List<String> skipped) {
        for (Map.Entry<String, Value> a : owner.attributes().entrySet()) {
            JhdfValues.JhdfData data = JhdfValues.of(a.getValue());
            if (data == null) {
                skipped.add("attribute '" + a.getKey() + "' of " + owner.path()
                        + " skipped: jhdf cannot write its empty shape " + Arrays.toString(a.getValue().shape()));
                continue;
            }
            out.putAttribute(a.getKey(), data.data(), data.unsigned());
        }
    }

    /**
     * Temporary files are created owner-only (rw-------); results are for the whole beamline team, so give
     * the file the rw-r--r-- an ordinary new file has (group/world write stay off, as with a 022 umask).
     */
    private static void shareLikeAnOrdinaryFile(Path temp) throws IOException {
        if (Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("cannot delete temporary file {}: {}", temp, e.toString());
        }
    }
}
