package io.jdranspose.controller.triggermap;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One entry of a trigger map cell: "some real worker having these tags".
 *
 * <p>With a constraint, every frame carrying the same constraint in one part instance goes to the
 * same real worker (the first one that claims it). Without a constraint ({@code null}) the frame is
 * broadcast to every registered worker whose tags include {@link #tags()}.
 *
 * @param tags       tags a real worker must all have; kept in the order first given (upstream keeps a
 *                   set, so the order carries no meaning), never null, may be empty (matches anyone)
 * @param constraint the constraint, or {@code null} for "every matching worker"
 */
public record VirtualWorker(Set<String> tags, Long constraint) {

    /** The tag a virtual or real worker gets when none is given. */
    public static final String GENERIC = "generic";

    private static final Set<String> GENERIC_TAGS = Set.of(GENERIC);

    public VirtualWorker {
        tags = tags.equals(GENERIC_TAGS) ? GENERIC_TAGS : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    }

    /** {@code {"tags":["generic"],"constraint":c}}. */
    public static VirtualWorker constrained(long constraint) {
        return new VirtualWorker(GENERIC_TAGS, constraint);
    }

    /** {@code {"tags":["generic"],"constraint":null}}. */
    public static VirtualWorker all() {
        return new VirtualWorker(GENERIC_TAGS, null);
    }

    /** True when this virtual worker stands for every matching worker ({@code "constraint": null}). */
    public boolean isAll() {
        return constraint == null;
    }

    /** Whether a real worker with these tags may take frames of this virtual worker. */
    public boolean matches(Set<String> workerTags) {
        return workerTags.containsAll(tags);
    }
}
