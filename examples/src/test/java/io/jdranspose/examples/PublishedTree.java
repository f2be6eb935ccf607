package io.jdranspose.examples;

import io.jdranspose.api.publish.Dataset;
import io.jdranspose.api.publish.Group;
import io.jdranspose.api.publish.Node;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.publish.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A publish tree flattened into comparable values: path → (children or content, attributes). */
final class PublishedTree {
    private PublishedTree() {
    }

    /** Every node by path; groups list their children in order, datasets give their snapshot. */
    static Map<String, Object> flatten(PublishTree tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        add(tree.root(), out);
        return out;
    }

    private static void add(Node node, Map<String, Object> out) {
        if (node instanceof Group g) {
            out.put(g.path(), List.of(g.children().stream().map(Node::name).toList(), g.attributes()));
            g.children().forEach(child -> add(child, out));
        } else {
            out.put(node.path(), List.of(((Dataset) node).snapshot(), node.attributes()));
        }
    }

    /** The content of the numeric dataset at {@code path}. */
    static NumericValue numeric(PublishTree tree, String path) {
        Node node = tree.find(path);
        if (!(node instanceof Dataset d) || !(d.snapshot() instanceof NumericValue v)) {
            throw new AssertionError("no numeric dataset at " + path + " (found " + node + ")");
        }
        return v;
    }

    /** The value of attribute {@code name} of the node at {@code path}. */
    static Value attribute(PublishTree tree, String path, String name) {
        Node node = tree.find(path);
        if (node == null) {
            throw new AssertionError("no node at " + path);
        }
        return node.attributes().get(name);
    }

    static List<String> children(PublishTree tree, String path) {
        return ((Group) tree.find(path)).children().stream().map(Node::name).toList();
    }
}
