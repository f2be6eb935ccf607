package io.jdranspose.api.contrast;

import io.jdranspose.api.NdArray;
import java.util.Map;

/**
 * One decoded Contrast message. Contrast pickles a Python dict per message; {@link #message()} is that
 * dict as {@link io.jdranspose.api.pickle.PickleReader} decodes it, the records pick out the fields every
 * message of its status has.
 */
public sealed interface ContrastPacket
        permits ContrastPacket.Heartbeat, ContrastPacket.Started, ContrastPacket.Running, ContrastPacket.Finished {

    /** The whole unpickled dict, keys in the order Contrast wrote them. */
    Map<String, Object> message();

    /** {@code status: heartbeat}, sent while idle; ingesters drop these. */
    record Heartbeat(Map<String, Object> message) implements ContrastPacket {
    }

    /**
     * {@code status: started}: a scan begins.
     *
     * @param path        directory the scan writes to
     * @param scannr      scan number
     * @param description the scan command, e.g. {@code mesh sx -2 2 3 sy -2 2 4 0.1}
     * @param snapshot    motor name → position before the scan
     */
    record Started(String path, long scannr, String description, Map<String, Object> snapshot,
                   Map<String, Object> message) implements ContrastPacket {
    }

    /**
     * {@code status: running}: one scan point.
     *
     * @param dt      seconds since the scan started
     * @param entries everything else the point carries, in order: motor positions ({@link Double}), detector
     *                dicts of {@link NdArray} or numbers, and link dicts ({@code {"type": "Link", "filename": …,
     *                "path": …}}) to data written elsewhere
     */
    record Running(double dt, Map<String, Object> entries, Map<String, Object> message) implements ContrastPacket {

        /**
         * A motor position or single-valued reading as a double: a float or int entry, or a one-element array.
         *
         * @return the value, or NaN when the entry is absent or not a single number
         */
        public double number(String name) {
            return switch (entries.get(name)) {
                case Number n -> n.doubleValue();
                case NdArray a when a.size() == 1 -> a.getDouble(0);
                case null, default -> Double.NaN;
            };
        }
    }

    /** {@code status: finished}: the scan ended; same fields as {@link Started}. */
    record Finished(String path, long scannr, String description, Map<String, Object> snapshot,
                    Map<String, Object> message) implements ContrastPacket {
    }
}
