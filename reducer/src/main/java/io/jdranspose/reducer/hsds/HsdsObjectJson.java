package io.jdranspose.reducer.hsds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.api.publish.CompoundDataset;
import io.jdranspose.api.publish.Dataset;
import io.jdranspose.api.publish.Group;
import io.jdranspose.api.publish.Node;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.StringDataset;
import io.jdranspose.api.publish.Value;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies that describe objects: groups, datasets, links and attributes (hsds-api.md §1.3–1.8,
 * §4). Counts always come from the same snapshot as any embedded list, so h5web, which skips the
 * links/attributes request when a count is 0, never sees a count that disagrees with a list.
 *
 * <p>Every method reads a node's {@code lastModifiedMicros} <em>before</em> its content: if a write lands
 * in between, the answer pairs newer content with an older time and the client merely re-fetches later;
 * the other order could pair old content with the new time, and a client caching by time would keep the
 * stale content for good.
 */
final class HsdsObjectJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HsdsObjectJson() {
    }

    static ObjectNode group(Group group, boolean includeLinks, boolean includeAttributes, boolean alias) {
        long modified = group.lastModifiedMicros();
        ObjectNode json = JSON.objectNode();
        json.put("id", HsdsIds.of(group));
        json.put("root", HsdsIds.ROOT_GROUP_ID);
        if (includeLinks) {
            List<Node> children = group.children();
            json.put("linkCount", children.size());
            ObjectNode links = json.putObject("links");
            for (Node child : children) {
                links.set(child.name(), link(child));
            }
        } else {
            json.put("linkCount", group.childCount());
        }
        putAttributes(json, group, includeAttributes);
        times(json, group.createdMillis(), modified);
        if (alias) {
            json.putArray("alias").add(group.path());
        }
        return json;
    }

    static ObjectNode dataset(Dataset dataset, boolean includeAttributes, boolean alias) {
        long modified = dataset.lastModifiedMicros();
        ObjectNode json = JSON.objectNode();
        json.put("id", HsdsIds.of(dataset));
        json.put("root", HsdsIds.ROOT_GROUP_ID);
        json.set("shape", HsdsTypes.shape(dataset.shape()));
        json.set("type", type(dataset));
        putAttributes(json, dataset, includeAttributes);
        // what dranspose sends; h5pyd reads layout/fill from here, and contiguous keeps its reads in one GET
        ObjectNode creation = json.putObject("creationProperties");
        creation.put("allocTime", "H5D_ALLOC_TIME_LATE");
        creation.put("fillTime", "H5D_FILL_TIME_IFSET");
        creation.putObject("layout").put("class", "H5D_CONTIGUOUS");
        times(json, dataset.createdMillis(), modified);
        if (alias) {
            json.putArray("alias").add(dataset.path());
        }
        return json;
    }

    static ObjectNode type(Dataset dataset) {
        return switch (dataset) {
            case NumericDataset n -> HsdsTypes.of(n.dtype(), n.byteOrder());
            case StringDataset s -> HsdsTypes.string();
            case CompoundDataset c -> HsdsTypes.compound(c.fields());
        };
    }

    /** A hard link to {@code child}. A link never changes after creation, so both times are its creation. */
    static ObjectNode link(Node child) {
        ObjectNode json = JSON.objectNode();
        json.put("class", "H5L_TYPE_HARD");
        json.put("collection", HsdsIds.Collection.of(child).urlName());
        json.put("id", HsdsIds.of(child));
        json.put("title", child.name());
        times(json, child.createdMillis(), child.createdMillis() * 1000);
        return json;
    }

    /**
     * One attribute. The tree keeps no per-attribute times, so an attribute carries its owner's times:
     * its lastModified still moves whenever it (or a sibling) changes.
     */
    static ObjectNode attribute(Node owner, long ownerModifiedMicros, String name, Value value, boolean withValue) {
        ObjectNode json = JSON.objectNode();
        json.put("name", name);
        json.set("type", HsdsTypes.of(value));
        json.set("shape", HsdsTypes.shape(value.shape()));
        if (withValue) {
            json.putRawValue("value", JsonValueWriter.render(value));
        }
        times(json, owner.createdMillis(), ownerModifiedMicros);
        return json;
    }

    private static void putAttributes(ObjectNode json, Node node, boolean include) {
        if (!include) {
            json.put("attributeCount", node.attributeCount());
            return;
        }
        long modified = node.lastModifiedMicros();
        Map<String, Value> attributes = node.attributes();
        json.put("attributeCount", attributes.size());
        ObjectNode map = json.putObject("attributes");
        attributes.forEach((name, value) -> map.set(name, attribute(node, modified, name, value, true)));
    }

    static void times(ObjectNode json, long createdMillis, long modifiedMicros) {
        json.put("created", HsdsJson.seconds(createdMillis));
        json.put("lastModified", HsdsJson.secondsOfMicros(modifiedMicros));
    }
}
