package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.publish.CompoundValue;
import io.jdranspose.api.publish.Dataset;
import io.jdranspose.api.publish.Group;
import io.jdranspose.api.publish.Node;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.NumericValue;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.api.publish.StringValue;
import io.jdranspose.api.publish.Value;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers the read-only HSDS endpoints for whatever tree the supplier returns at the moment of the
 * request. Ids decode to paths, so nothing is cached between requests: a tree replaced at a new scan, or
 * a node that vanished, is simply looked up again (404 when gone).
 */
final class HsdsEndpoints {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<PublishTree> trees;
    private final long maxSelectionBytes;
    private final long startMillis = System.currentTimeMillis();

    HsdsEndpoints(Supplier<PublishTree> trees, long maxSelectionBytes) {
        this.trees = trees;
        this.maxSelectionBytes = maxSelectionBytes;
    }

    HttpReply answer(HsdsRequest r) {
        if (r.size() == 0) {
            return domain();
        }
        String first = r.segment(0);
        if (r.size() == 1 && first.equals("about")) {
            return about();
        }
        if (r.size() == 3 && first.equals("api") && r.segment(1).equals("v1") && r.segment(2).equals("status")) {
            return HttpReply.json(BooleanNode.TRUE);
        }
        HsdsIds.Collection collection = HsdsIds.Collection.fromUrlName(first);
        if (collection == null || r.size() < 2 || r.size() > 4) {
            throw HsdsException.notFound("no such resource: /" + String.join("/", r.segments()));
        }
        String id = r.segment(1);
        if (r.size() == 2) {
            return collection == HsdsIds.Collection.GROUPS ? group(r, id) : dataset(r, id);
        }
        String sub = r.segment(2);
        if (sub.equals("attributes")) {
            Node owner = resolve(collection, id);
            return r.size() == 3 ? attributes(r, owner) : attribute(owner, r.segment(3));
        }
        if (collection == HsdsIds.Collection.GROUPS && sub.equals("links")) {
            Group group = (Group) resolve(collection, id);
            return r.size() == 3 ? links(group) : link(group, r.segment(3));
        }
        if (collection == HsdsIds.Collection.DATASETS && r.size() == 3) {
            HttpReply reply = switch (sub) {
                case "shape" -> shape(id);
                case "type" -> type(id);
                case "value" -> value(r, id);
                default -> null;
            };
            if (reply != null) {
                return reply;
            }
        }
        throw HsdsException.notFound("no such resource: /" + String.join("/", r.segments()));
    }

    private PublishTree tree() {
        PublishTree tree = trees.get();
        return tree != null ? tree : EmptyTree.INSTANCE;
    }

    private HttpReply domain() {
        Group root = tree().root();
        ObjectNode json = JSON.objectNode();
        long modified = root.lastModifiedMicros();
        json.put("root", HsdsIds.ROOT_GROUP_ID);
        json.put("owner", "admin");
        json.put("class", "domain");
        HsdsObjectJson.times(json, root.createdMillis(), modified);
        return HttpReply.json(json);
    }

    private HttpReply about() {
        ObjectNode json = JSON.objectNode();
        json.put("state", "READY");
        // the HSDS release whose API subset this server follows; h5pyd only reports it
        json.put("hsds_version", "0.9.4");
        json.put("name", "jdranspose");
        json.put("greeting", "jdranspose reducer: read-only HSDS API over the live publish tree");
        json.put("about", "HDF REST API subset for h5pyd, silx and h5web");
        json.put("start_time", HsdsJson.seconds(startMillis));
        json.put("node_count", 1);
        return HttpReply.json(json);
    }

    private HttpReply group(HsdsRequest r, String id) {
        Group group = (Group) resolve(HsdsIds.Collection.GROUPS, id);
        return HttpReply.json(HsdsObjectJson.group(group, r.flag("include_links"), r.flag("include_attrs"),
                r.flag("getalias")));
    }

    private HttpReply dataset(HsdsRequest r, String id) {
        Dataset dataset = (Dataset) resolve(HsdsIds.Collection.DATASETS, id);
        return HttpReply.json(HsdsObjectJson.dataset(dataset, r.flag("include_attrs"), r.flag("getalias")));
    }

    private HttpReply links(Group group) {
        ObjectNode json = JSON.objectNode();
        ArrayNode links = json.putArray("links");
        for (Node child : group.children()) {
            links.add(HsdsObjectJson.link(child));
        }
        return HttpReply.json(json);
    }

    private HttpReply link(Group group, String title) {
        Node child = group.get(title);
        if (child == null) {
            throw HsdsException.notFound("Link not found: '" + title + "' in " + group.path());
        }
        ObjectNode json = JSON.objectNode();
        json.set("link", HsdsObjectJson.link(child));
        HsdsObjectJson.times(json, child.createdMillis(), child.createdMillis() * 1000);
        return HttpReply.json(json);
    }

    private HttpReply attributes(HsdsRequest r, Node owner) {
        boolean withValues = r.flag("IncludeData");
        long modified = owner.lastModifiedMicros();
        Map<String, Value> attributes = owner.attributes();
        ObjectNode json = JSON.objectNode();
        ArrayNode list = json.putArray("attributes");
        attributes.forEach((name, value) -> list.add(HsdsObjectJson.attribute(owner, modified, name, value, withValues)));
        return HttpReply.json(json);
    }

    private HttpReply attribute(Node owner, String name) {
        long modified = owner.lastModifiedMicros();
        Value value = owner.attributes().get(name);
        if (value == null) {
            throw HsdsException.notFound("Attribute not found: '" + name + "' on " + owner.path());
        }
        return HttpReply.json(HsdsObjectJson.attribute(owner, modified, name, value, true));
    }

    private HttpReply shape(String id) {
        Dataset dataset = (Dataset) resolve(HsdsIds.Collection.DATASETS, id);
        long modified = dataset.lastModifiedMicros();
        ObjectNode json = JSON.objectNode();
        json.set("shape", HsdsTypes.shape(dataset.shape()));
        HsdsObjectJson.times(json, dataset.createdMillis(), modified);
        return HttpReply.json(json);
    }

    private HttpReply type(String id) {
        ObjectNode json = JSON.objectNode();
        json.set("type", HsdsObjectJson.type((Dataset) resolve(HsdsIds.Collection.DATASETS, id)));
        return HttpReply.json(json);
    }

    private HttpReply value(HsdsRequest r, String id) {
        Dataset dataset = (Dataset) resolve(HsdsIds.Collection.DATASETS, id);
        // one snapshot: the selection is checked against, and the answer built from, the same content
        SelectedValue selected = SelectedValue.of(dataset, r.param("select"));
        Value value = selected.value();
        Selection selection = selected.selection();
        long bytes = byteCount(value, selection);
        if (bytes > maxSelectionBytes) {
            throw HsdsException.tooLarge("selection of " + bytes + " bytes from " + dataset.path()
                    + " exceeds the limit of " + maxSelectionBytes + " bytes; select a smaller part");
        }
        // strings always answer JSON: h5pyd accepts JSON for a binary request, and vlen binary buys nothing
        if (r.wantsBinary() && value instanceof NumericValue numeric) {
            ByteOrder order = ((NumericDataset) dataset).byteOrder();
            return HttpReply.binary(bytes, out -> BinaryValueEncoder.write(numeric, order, selection, out));
        }
        if (r.wantsBinary() && value instanceof CompoundValue records) {
            return HttpReply.binary(bytes, out -> BinaryValueEncoder.write(records, selection, out));
        }
        return HttpReply.streamedJson(HsdsJson.VALUES, g -> {
            g.writeStartObject();
            g.writeFieldName("value");
            JsonValueWriter.write(g, value, selection);
            g.writeEndObject();
        });
    }

    private static long byteCount(Value value, Selection selection) {
        return switch (value) {
            case NumericValue n -> BinaryValueEncoder.byteCount(selection, n.dtype().itemSize());
            case CompoundValue c -> BinaryValueEncoder.byteCount(selection, c.recordSize());
            case StringValue s -> {
                // counted like HSDS's vlen binary layout: a 4-byte length before each string's UTF-8 bytes
                if (s.scalar()) {
                    yield 4L + utf8Length(s.strings().get(0));
                }
                Selection.Dim dim = selection.dims().get(0);
                long total = 0;
                for (int k = 0; k < dim.count(); k++) {
                    total += 4L + utf8Length(s.strings().get(dim.index(k)));
                }
                yield total;
            }
        };
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * The node an id names. A malformed id, or an id of the other collection, is the client's mistake
     * (400); a well-formed id whose path holds nothing, or something of the other kind, is 404.
     */
    private Node resolve(HsdsIds.Collection expected, String id) {
        HsdsIds.ObjectId parsed;
        try {
            parsed = HsdsIds.parse(id);
        } catch (IllegalArgumentException e) {
            throw HsdsException.badRequest(e.getMessage());
        }
        if (parsed.collection() != expected) {
            throw HsdsException.badRequest("id '" + id + "' is not a " + expected.urlName() + " id");
        }
        Node node = tree().find(parsed.path());
        if (node == null || !node.path().equals(parsed.path()) || HsdsIds.Collection.of(node) != expected) {
            String kind = expected == HsdsIds.Collection.GROUPS ? "Group" : "Dataset";
            throw HsdsException.notFound(kind + " not found: " + parsed.path());
        }
        return node;
    }

    /** What is served before the reducer publishes its first tree: an empty root. */
    private static final class EmptyTree {
        static final PublishTree INSTANCE = new PublishTree();
    }
}
