package io.jdranspose.runtime.control;

import java.util.List;
import java.util.Map;

/**
 * What the controller tells every component on {@link RedisKeys#updates()}: the current scan, the
 * parameter versions, and whether the scan has finished. The first five fields are upstream's
 * {@code ControllerUpdate} ({@code reference/dranspose.md} §1.3); the rest are ours.
 *
 * @param mappingUuid          the scan's UUID (what {@code POST /api/v1/sequence} returned)
 * @param parametersVersion    parameter name → version UUID of its current value
 * @param targetParametersHash hash over all versions ({@link ParameterHash}); components report theirs
 * @param activeStreams        every stream of the scan's trigger map
 * @param finished             the scan has ended (all done, or stopped): finish and report
 * @param serial               strictly increasing per new scan (also across controller restarts); frames
 *                             and results carry it, so nothing of an old scan is taken for the new one
 * @param totalEvents          number of events of the scan, start and end included
 * @param dumpPrefix           value of the {@code dump_prefix} parameter when the scan started ("" = none)
 */
public record ScanUpdate(String mappingUuid, Map<String, String> parametersVersion, String targetParametersHash,
                         List<String> activeStreams, boolean finished, long serial, long totalEvents,
                         String dumpPrefix) {

    public ScanUpdate {
        if (mappingUuid == null || mappingUuid.isEmpty()) {
            throw new IllegalArgumentException("mapping_uuid is missing");
        }
        parametersVersion = parametersVersion == null ? Map.of() : Map.copyOf(parametersVersion);
        activeStreams = activeStreams == null ? List.of() : List.copyOf(activeStreams);
        dumpPrefix = dumpPrefix == null ? "" : dumpPrefix;
    }

    public ScanUpdate asFinished() {
        return new ScanUpdate(mappingUuid, parametersVersion, targetParametersHash, activeStreams, true, serial,
                totalEvents, dumpPrefix);
    }

    public ScanUpdate withParameters(Map<String, String> versions, String hash) {
        return new ScanUpdate(mappingUuid, versions, hash, activeStreams, finished, serial, totalEvents, dumpPrefix);
    }

    public byte[] toJson() {
        return ControlJson.write(this);
    }

    /** @throws ControlMessageException when the bytes are not a valid update */
    public static ScanUpdate fromJson(byte[] json) {
        return ControlJson.read(json, ScanUpdate.class);
    }
}
