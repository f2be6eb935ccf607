package io.jdranspose.controller.triggermap;

/**
 * One occurrence of a part in the sequence. Constraints are scoped to a part instance: constraint 0
 * of the first {@code main} and constraint 0 of the second {@code main} may go to different workers.
 *
 * @param sequenceIndex position in {@link MappingSequence#sequence()}
 * @param partName      the part's name
 * @param part          the part (shared by every instance of the same name)
 * @param startEvent    global number of the instance's first event (sum of the preceding lengths)
 */
public record PartInstance(int sequenceIndex, String partName, TriggerMap part, long startEvent) {

    public int length() {
        return part.length();
    }

    /** Global number of the first event after this instance. */
    public long endEvent() {
        return startEvent + part.length();
    }

    public boolean contains(long event) {
        return event >= startEvent && event < endEvent();
    }

    /** Index of a global event inside the part. */
    public int localIndex(long event) {
        if (!contains(event)) {
            throw new IndexOutOfBoundsException("event " + event + " is not in " + this);
        }
        return (int) (event - startEvent);
    }

    @Override
    public String toString() {
        return "part '" + partName + "' (sequence entry " + sequenceIndex + ", events " + startEvent + ".."
                + (endEvent() - 1) + ")";
    }
}
