package io.jdranspose.runtime.control;

/**
 * Every Redis key jdranspose uses, in one place, so that the layout can be read (and audited for
 * growth) at a glance. All keys share a prefix ({@code jdranspose} by default) so several pipelines can
 * share a Redis. Lifetimes:
 * <ul>
 *   <li>{@link #lock()}: the active controller's lock, expires unless renewed;</li>
 *   <li>{@link #updates()}: controller → everyone, capped stream of {@link ScanUpdate}s;</li>
 *   <li>{@link #member}: one key per running component, expires unless refreshed (heartbeat);</li>
 *   <li>{@link #parameters()} / {@link #parameterVersions()}: one hash field per parameter name;</li>
 *   <li>{@link #parameterDescription}: refreshed by the components that declare a parameter, expires;</li>
 *   <li>{@link #assigned} / {@link #reports}: per scan, deleted when the scan ends or is replaced;</li>
 *   <li>{@link #logs()}: capped stream of log records of every component.</li>
 * </ul>
 */
public record RedisKeys(String prefix) {

    public static final String DEFAULT_PREFIX = "jdranspose";

    public RedisKeys {
        if (prefix == null || prefix.isBlank() || prefix.contains(":") || prefix.contains("*")) {
            throw new IllegalArgumentException("Redis key prefix must be non-empty without ':' or '*', got '" + prefix + "'");
        }
    }

    public static RedisKeys defaults() {
        return new RedisKeys(DEFAULT_PREFIX);
    }

    public String lock() {
        return prefix + ":controller_lock";
    }

    public String updates() {
        return prefix + ":updates";
    }

    public String member(ComponentKind kind, String name) {
        return prefix + ":member:" + kind.key() + ":" + name;
    }

    /** Pattern for SCAN over the members of one kind. */
    public String memberPattern(ComponentKind kind) {
        return prefix + ":member:" + kind.key() + ":*";
    }

    /** Hash: parameter name → raw value bytes. */
    public String parameters() {
        return prefix + ":parameters";
    }

    /** Hash: parameter name → version UUID (text) of the value in {@link #parameters()}. */
    public String parameterVersions() {
        return prefix + ":parameter_versions";
    }

    public String parameterDescription(String name) {
        return prefix + ":parameter_description:" + name;
    }

    public String parameterDescriptionPattern() {
        return prefix + ":parameter_description:*";
    }

    /** Stream: controller → ingesters, batches of {@link Assignment}s of one scan. */
    public String assigned(String mappingUuid) {
        return prefix + ":scan:" + mappingUuid + ":assigned";
    }

    /** Stream: workers, reducer and ingesters → controller, {@link Report}s of one scan. */
    public String reports(String mappingUuid) {
        return prefix + ":scan:" + mappingUuid + ":reports";
    }

    /** Pattern matching every per-scan key, for clean-up. */
    public String scanPattern() {
        return prefix + ":scan:*";
    }

    public String logs() {
        return prefix + ":logs";
    }

    /** Pattern matching every key of this pipeline. */
    public String all() {
        return prefix + ":*";
    }
}
