package io.jdranspose.runtime.control;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Upstream's parameters hash ({@code reference/dranspose.md} §3.3): SHA-256 over the 16 raw bytes of each
 * parameter's version UUID, in sorted name order, lower-case hex. Components report the hash of what they
 * loaded; when it equals the controller's, they run with the current parameters.
 */
public final class ParameterHash {
    private ParameterHash() {
    }

    /** @throws IllegalArgumentException when a version is not a UUID */
    public static String of(Map<String, String> versions) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer bytes = ByteBuffer.allocate(16);
        for (var entry : new TreeMap<>(versions).entrySet()) {
            UUID uuid;
            try {
                uuid = UUID.fromString(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("version of parameter '" + entry.getKey() + "' is not a UUID: "
                        + entry.getValue());
            }
            bytes.clear();
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            sha.update(bytes.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
