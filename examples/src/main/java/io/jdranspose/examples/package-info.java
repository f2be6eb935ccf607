/**
 * Example plugins. The jar's manifest names the azimuthal-integration plugin
 * ({@link io.jdranspose.examples.AzintWorker}, {@link io.jdranspose.examples.AzintReducer}): ROI mean and
 * I(q) of every image of a STINS stream, published as a NeXus entry. The sum-per-stream plugin
 * ({@link io.jdranspose.examples.StreamSumWorker}, {@link io.jdranspose.examples.StreamSumReducer}) mirrors
 * the test payload upstream dranspose's recordings were made with, to check replays against them.
 */
package io.jdranspose.examples;
