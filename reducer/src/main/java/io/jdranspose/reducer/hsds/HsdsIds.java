package io.jdranspose.reducer.hsds;

import io.jdranspose.api.publish.Group;
import io.jdranspose.api.publish.Node;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * HSDS object ids exactly as dranspose builds them: {@code g-h5dict-} (group) or {@code d-h5dict-}
 * (dataset) followed by the upper-case hex of the UTF-8 absolute path, e.g. {@code g-h5dict-2F} for the
 * root and {@code d-h5dict-2F696D616765} for {@code /image}. Ids are derived from paths, so the server
 * keeps no id table and ids survive a tree being replaced at a new scan.
 */
public final class HsdsIds {
    /** The id of the root group {@code /}. */
    public static final String ROOT_GROUP_ID = "g-h5dict-2F";

    private static final String MARKER = "h5dict";
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    /** The two HSDS collections the publish tree has (no committed datatypes). */
    public enum Collection {
        GROUPS("groups", "g"),
        DATASETS("datasets", "d");

        private final String urlName;
        private final String prefix;

        Collection(String urlName, String prefix) {
            this.urlName = urlName;
            this.prefix = prefix;
        }

        /** The path segment ({@code groups}) and the {@code collection} value of a link. */
        public String urlName() {
            return urlName;
        }

        /** {@code groups} or {@code datasets}, or {@code null} for any other segment. */
        public static Collection fromUrlName(String segment) {
            for (Collection c : values()) {
                if (c.urlName.equals(segment)) {
                    return c;
                }
            }
            return null;
        }

        static Collection of(Node node) {
            return node instanceof Group ? GROUPS : DATASETS;
        }
    }

    /** A decoded id: which collection it names and the absolute path it stands for. */
    public record ObjectId(Collection collection, String path) {
    }

    private HsdsIds() {
    }

    public static String groupId(String path) {
        return id(Collection.GROUPS, path);
    }

    public static String datasetId(String path) {
        return id(Collection.DATASETS, path);
    }

    /** The id of a node: its kind picks the prefix, its path the hex part. */
    public static String of(Node node) {
        return id(Collection.of(node), node.path());
    }

    public static String id(Collection collection, String path) {
        return collection.prefix + "-" + MARKER + "-" + UPPER_HEX.formatHex(path.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes an id. Lower-case hex is accepted too, since clients treat ids as opaque and some
     * normalise them.
     *
     * @throws IllegalArgumentException with a message fit for a 400 answer when the id is malformed
     */
    public static ObjectId parse(String id) {
        String[] parts = id.split("-", -1);
        if (parts.length != 3 || !parts[1].equals(MARKER)) {
            throw new IllegalArgumentException("malformed id '" + id + "': expected g-h5dict-<hex> or d-h5dict-<hex>");
        }
        Collection collection = switch (parts[0]) {
            case "g" -> Collection.GROUPS;
            case "d" -> Collection.DATASETS;
            default -> throw new IllegalArgumentException("malformed id '" + id + "': unknown prefix '" + parts[0] + "'");
        };
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed id '" + id + "': path part is not hex");
        }
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed id '" + id + "': path is not UTF-8");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("malformed id '" + id + "': path '" + path + "' is not absolute");
        }
        return new ObjectId(collection, path);
    }
}
