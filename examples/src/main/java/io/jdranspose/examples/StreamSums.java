package io.jdranspose.examples;

import java.util.Map;

/**
 * What {@link StreamSumWorker} returns for every event: a summary of each STINS stream in it.
 *
 * @param event   the event number
 * @param streams stream name → summary, in the event's stream order
 */
public record StreamSums(long event, Map<String, StreamSummary> streams) {
}
