/**
 * Recordings and captures on disk.
 *
 * <ul>
 *   <li>Ingester recordings ({@code .cbors}, reference §6.2): what upstream ingesters write while a
 *       scan runs and what replay reads — {@link io.jdranspose.runtime.recording.RecordingWriter},
 *       {@link io.jdranspose.runtime.recording.RecordingReader}, {@link io.jdranspose.runtime.recording.Recorded}.</li>
 *   <li>Raw upstream captures (§6.3): multipart messages as a detector sent them, played back by the
 *       simulator — {@link io.jdranspose.runtime.recording.CaptureReader}.</li>
 * </ul>
 *
 * {@link io.jdranspose.runtime.recording.RecordingFormat#sniff} tells them apart. Both are streamed with
 * constant memory, gzip is recognised by content, and damage surfaces as a
 * {@link io.jdranspose.runtime.recording.RecordingException} after every intact item was delivered.
 */
package io.jdranspose.runtime.recording;
