package io.jdranspose.runtime.plugin;

/** A plugin that cannot be loaded or instantiated; the message names the jar and class. */
public class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
