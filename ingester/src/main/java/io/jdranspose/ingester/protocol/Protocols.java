package io.jdranspose.ingester.protocol;

import io.jdranspose.ingester.UpstreamProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The protocols an ingester can speak, by the names the command line and the helm chart use. */
public final class Protocols {
    private static final Map<String, Supplier<UpstreamProtocol>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("stins", StinsProtocol::new);
        BY_NAME.put("multipart", MultipartProtocol::new);
        BY_NAME.put("eiger-legacy", EigerLegacyProtocol::new);
        BY_NAME.put("xspress3", Xspress3Protocol::new);
        BY_NAME.put("albaem", AlbaEmProtocol::new);
        BY_NAME.put("contrast", ContrastProtocol::new);
        BY_NAME.put("pcap", PcapProtocol::new);
        BY_NAME.put("pcap-raw", PositionCaptureProtocol::new);
        BY_NAME.put("lecroy", LeCroyProtocol::new);
        BY_NAME.put("sardana", SardanaProtocol::new);
    }

    private Protocols() {
    }

    /**
     * The protocol of that name, in any case.
     *
     * @throws IllegalArgumentException naming the protocol and listing the known ones
     */
    public static UpstreamProtocol named(String name) {
        Supplier<UpstreamProtocol> protocol = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (protocol == null) {
            throw new IllegalArgumentException("unknown protocol '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return protocol.get();
    }

    /** Every protocol name, in the order of the documentation. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
