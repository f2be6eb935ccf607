package io.jdranspose.controller.triggermap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of an expanded sequence, computed on demand from the stored parts.
 *
 * @param eventNumber global event number (0 is the start event when the sequence is wrapped)
 * @param instance    the part instance the event belongs to
 * @param localIndex  index of the event inside that part
 * @param cells       the cell of every stream of the sequence, in {@link MappingSequence#streams()}
 *                    order; streams the part does not have are {@link Cell.Absent}
 */
public record MappedEvent(long eventNumber, PartInstance instance, int localIndex, Map<String, Cell> cells) {

    public MappedEvent {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** The cell of a stream; {@link Cell.Absent} for an unknown stream. */
    public Cell cell(String stream) {
        return cells.getOrDefault(stream, Cell.absent());
    }
}
