package io.jdranspose.api;

/**
 * What a worker returned for one event, as the reducer receives it.
 *
 * @param eventNumber    the event the result belongs to; results arrive in any order, and an event
 *                       broadcast to several workers gives one result per worker
 * @param worker         name of the worker that produced it
 * @param parametersHash hash of the parameter set the worker used (compare with {@link Parameters#hash()})
 * @param payload        the worker's return value, after a round trip through the result codec
 */
public record ResultData<R>(long eventNumber, String worker, String parametersHash, R payload) {
}
