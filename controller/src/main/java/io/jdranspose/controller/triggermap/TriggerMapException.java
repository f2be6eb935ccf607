package io.jdranspose.controller.triggermap;

/**
 * A trigger map, sequence or hook body that cannot be accepted.
 *
 * <p>The message is meant to be shown to the person who posted the map (it becomes the {@code detail}
 * of an HTTP 400/422 answer), so it always names what is wrong and where: the part, the stream and
 * the event index when there is one, e.g.
 * {@code part 'main', stream 'eiger', event 3: constraint must be an integer or null, got "x"}.
 */
public final class TriggerMapException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TriggerMapException(String message) {
        super(message);
    }

    /** The same problem, with a location prefix such as {@code part 'main'} put in front. */
    TriggerMapException within(String location) {
        return new TriggerMapException(location + ": " + getMessage());
    }
}
