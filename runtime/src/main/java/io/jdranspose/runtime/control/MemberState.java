package io.jdranspose.runtime.control;

import java.util.List;

/**
 * What a running component writes to its {@link RedisKeys#member} key on every heartbeat. The field
 * names follow upstream's IngesterState / WorkerState / ReducerState ({@code reference/dranspose.md}
 * §1.3), so {@code GET /api/v1/config} looks familiar; fields a kind does not use are null or empty.
 *
 * @param kind              {@code ingester}, {@code worker} or {@code reducer}
 * @param name              unique per kind
 * @param serviceUuid       random per process start: a changed value means the component restarted
 * @param mappingUuid       the scan the component is on (null before the first update)
 * @param finishedUuid      the last scan the component finished (reported FINISHED for)
 * @param parametersHash    hash of the parameter versions it uses (null before the first sync)
 * @param processedEvents   events (ingester: forwarded frames) since start
 * @param eventRate         events per second over the last second
 * @param url               ZeroMQ endpoint others connect to: worker's data inbox, reducer's result inbox
 * @param httpUrl           the reducer's HSDS / viewer address (null for others)
 * @param streams           streams an ingester serves
 * @param tags              a worker's tags
 * @param connectedWorkers  workers an ingester has a completed connection to
 * @param dropped           frames dropped since start (ingester: unparsable, outside a series, queue overflow)
 * @param version           jdranspose version
 * @param shmProbe          a worker's probe file in its shared-memory directory: an ingester that can read it
 *                          (with the service UUID inside) shares the directory and may send frames through
 *                          shared memory ({@code io.jdranspose.runtime.wire.SharedMemoryDirectory}); null when
 *                          the worker has none
 */
public record MemberState(String kind, String name, String serviceUuid, String mappingUuid, String finishedUuid,
                          String parametersHash, long processedEvents, double eventRate, String url, String httpUrl,
                          List<String> streams, List<String> tags, List<String> connectedWorkers, long dropped,
                          String version, String shmProbe) {

    /** A state without a shared-memory probe. */
    public MemberState(String kind, String name, String serviceUuid, String mappingUuid, String finishedUuid,
                       String parametersHash, long processedEvents, double eventRate, String url, String httpUrl,
                       List<String> streams, List<String> tags, List<String> connectedWorkers, long dropped,
                       String version) {
        this(kind, name, serviceUuid, mappingUuid, finishedUuid, parametersHash, processedEvents, eventRate, url,
                httpUrl, streams, tags, connectedWorkers, dropped, version, null);
    }

    public MemberState {
        streams = streams == null ? List.of() : List.copyOf(streams);
        tags = tags == null ? List.of() : List.copyOf(tags);
        connectedWorkers = connectedWorkers == null ? List.of() : List.copyOf(connectedWorkers);
    }

    public byte[] toJson() {
        return ControlJson.write(this);
    }

    /** @throws ControlMessageException when the bytes are not a valid state */
    public static MemberState fromJson(byte[] json) {
        MemberState state = ControlJson.read(json, MemberState.class);
        if (state.name() == null || state.kind() == null || state.serviceUuid() == null) {
            throw new ControlMessageException("member state without kind, name or service_uuid");
        }
        return state;
    }
}
