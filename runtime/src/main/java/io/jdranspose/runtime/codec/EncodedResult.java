package io.jdranspose.runtime.codec;

/**
 * A worker result on its way to the reducer: routing fields plus the payload encoded by {@link ResultCodec}.
 *
 * @param parametersHash hash of the parameter set the worker used
 */
public record EncodedResult(long eventNumber, String worker, String parametersHash, byte[] payload) {
}
