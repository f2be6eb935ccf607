package io.jdranspose.ingester.protocol;

import io.jdranspose.api.ProtocolException;
import io.jdranspose.api.sardana.Sardana;
import io.jdranspose.api.sardana.SardanaPacket;
import io.jdranspose.ingester.HttpIntake;
import io.jdranspose.ingester.MessageProtocol;
import io.jdranspose.ingester.SeriesPosition;
import io.jdranspose.ingester.UpstreamTransport;
import java.util.List;
import java.util.Set;

/**
 * Sardana over HTTP (§5.8): the scan software posts its data description (start), one record per point
 * (data) and the record end (end) to the ingester, which forwards each re-serialised model. Custom data is
 * accepted and ignored, as upstream does.
 */
public final class SardanaProtocol implements MessageProtocol, HttpIntake {
    static final String DATA_DESC = "/v1/data_desc";
    static final String RECORD_DATA = "/v1/record_data";
    static final String CUSTOM_DATA = "/v1/custom_data";
    static final String RECORD_END = "/v1/record_end";

    @Override
    public String streamType() {
        return Sardana.TYPE;
    }

    @Override
    public UpstreamTransport transport() {
        return UpstreamTransport.HTTP;
    }

    @Override
    public Set<String> paths() {
        return Set.of(DATA_DESC, RECORD_DATA, CUSTOM_DATA, RECORD_END);
    }

    @Override
    public byte[] accept(String path, byte[] body) {
        return switch (path) {
            case DATA_DESC -> Sardana.dataDescription(body);
            case RECORD_DATA -> Sardana.recordData(body);
            case RECORD_END -> Sardana.recordEnd(body);
            case CUSTOM_DATA -> null;
            default -> throw new ProtocolException("no such Sardana endpoint: " + path);
        };
    }

    @Override
    public SeriesPosition classify(List<byte[]> message) {
        return switch (Sardana.parse(message)) {
            case SardanaPacket.DataDescription d -> SeriesPosition.START;
            case SardanaPacket.RecordData r -> SeriesPosition.DATA;
            case SardanaPacket.RecordEnd e -> SeriesPosition.END;
        };
    }
}
