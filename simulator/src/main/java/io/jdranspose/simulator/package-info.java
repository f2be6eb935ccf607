/**
 * Simulated detectors for demos, tests and benchmarks: synthetic diffraction images
 * ({@link io.jdranspose.simulator.DiffractionFrames}), STINS messages made from them
 * ({@link io.jdranspose.simulator.StinsMessages}), a paced PUSH/PUB sender
 * ({@link io.jdranspose.simulator.ZmqSender}) and playback of raw upstream captures
 * ({@link io.jdranspose.simulator.CapturePlayer}).
 */
package io.jdranspose.simulator;
