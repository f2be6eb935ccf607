package io.jdranspose.app.pipeline;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.albaem.AlbaEm;
import io.jdranspose.api.albaem.AlbaEmPacket;
import io.jdranspose.api.contrast.Contrast;
import io.jdranspose.api.contrast.ContrastPacket;
import io.jdranspose.api.eiger.EigerLegacy;
import io.jdranspose.api.eiger.EigerPacket;
import io.jdranspose.api.lecroy.LeCroy;
import io.jdranspose.api.lecroy.LeCroyPacket;
import io.jdranspose.api.pcap.Pcap;
import io.jdranspose.api.pcap.PcapPacket;
import io.jdranspose.api.pcap.PositionCapture;
import io.jdranspose.api.sardana.Sardana;
import io.jdranspose.api.sardana.SardanaPacket;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;
import io.jdranspose.api.xspress.Xspress3;
import io.jdranspose.api.xspress.Xspress3Packet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test plugin: says what each event contained, per stream, decoded with the api parser of the stream's
 * protocol: {@code eiger:start}, {@code eiger:image:3}, {@code pcap:row:16:inttime=2.0;…}, {@code eiger:end}.
 * Descriptions have no spaces, since the reducer joins them with spaces.
 */
public final class TraceWorker implements Worker<TraceWorker.Trace> {

    /** What one worker saw in one event. */
    public record Trace(long event, List<String> items) {
    }

    @Override
    public Trace process(EventData event, Parameters parameters) {
        List<String> items = new ArrayList<>();
        for (var entry : new TreeMap<>(event.streams()).entrySet()) {
            items.add(entry.getKey() + ":" + describe(entry.getValue()));
        }
        return new Trace(event.eventNumber(), items);
    }

    static String describe(StreamData data) {
        return switch (data.type()) {
            case Stins.TYPE -> switch (Stins.parse(data.frames())) {
                case StinsPacket.Start s -> "start";
                case StinsPacket.Image i -> "image:" + i.frame();
                case StinsPacket.End e -> "end";
            };
            case AlbaEm.TYPE -> switch (AlbaEm.parse(data)) {
                case AlbaEmPacket.Start s -> "start";
                case AlbaEmPacket.Data d -> "data:" + d.frameNumber() + ":" + d.channel(1) + "," + d.channel(2) + ","
                        + d.channel(3) + "," + d.channel(4);
                case AlbaEmPacket.End e -> "end";
            };
            case Pcap.TYPE -> switch (Pcap.parse(data)) {
                case PcapPacket.Start s -> "start:" + s.armTime();
                case PcapPacket.Row r -> "row:" + r.frameNumber() + ":" + values(r.values());
                case PcapPacket.End e -> "end";
            };
            case EigerLegacy.TYPE -> switch (EigerLegacy.parse(data)) {
                case EigerPacket.Header h -> "header:series=" + h.series() + ":detail=" + h.headerDetail();
                case EigerPacket.Image i -> "image:" + i.frame() + ":" + i.shape()[0] + "x" + i.shape()[1] + ":"
                        + i.dtype().numpyName() + ":" + i.encoding() + ":size=" + i.size();
                case EigerPacket.End e -> "end:series=" + e.series();
            };
            case Xspress3.TYPE -> switch (Xspress3.parse(data)) {
                case Xspress3Packet.Start s -> "start";
                case Xspress3Packet.Image i -> "image:" + i.frame() + ":" + i.spectra().shape()[0] + "x"
                        + i.spectra().shape()[1] + ":" + i.spectra().dtype().numpyName() + ":sum=" + i.spectra().sum()
                        + ":allEvents=" + java.util.Arrays.toString(i.meta().allEvents().toDoubles()).replace(" ", "");
                case Xspress3Packet.End e -> "end";
            };
            case Contrast.TYPE -> switch (Contrast.parse(data)) {
                case ContrastPacket.Heartbeat h -> "heartbeat";
                case ContrastPacket.Started s -> "started:" + s.scannr() + ":" + s.description().replace(' ', '_');
                case ContrastPacket.Running r -> "running:sx=" + r.number("sx") + ":sy=" + r.number("sy");
                case ContrastPacket.Finished f -> "finished:" + f.scannr();
            };
            case LeCroy.TYPE -> switch (LeCroy.parse(data)) {
                case LeCroyPacket.Prepare pr -> "prepare";
                case LeCroyPacket.Sequence s -> "sequence:channels=" + s.channels().toString().replace(" ", "")
                        + ":ch2max=" + s.trace(2).waveforms().max() + ":ch2ts=" + s.trace(2).timestamps()[0]
                        + ":shape=" + s.trace(2).waveforms().shape()[0] + "x" + s.trace(2).waveforms().shape()[1];
                case LeCroyPacket.Stop st -> "stop:" + st.frames();
            };
            case Sardana.TYPE -> switch (Sardana.parse(data)) {
                case SardanaPacket.DataDescription d -> "description:" + d.serialno() + ":" + d.title().replace(' ', '_');
                case SardanaPacket.RecordData r -> "record:" + r.pointNb() + ":" + values(r.values());
                case SardanaPacket.RecordEnd e -> "end";
            };
            // rows of a later arm may reach a worker that never saw that arm's header: describe the raw line
            case PositionCapture.TYPE -> "line:" + new String(data.frames().get(0), StandardCharsets.ISO_8859_1)
                    .strip().replace('\n', '|').replace(' ', '_');
            default -> "unknown-type:" + data.type();
        };
    }

    private static String values(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
}
