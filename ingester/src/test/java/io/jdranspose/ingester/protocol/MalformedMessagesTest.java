package io.jdranspose.ingester.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jdranspose.api.StreamData;
import io.jdranspose.ingester.SeriesCutter;
import io.jdranspose.ingester.UpstreamProtocol;
import io.jdranspose.runtime.recording.CaptureReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Each protocol's real capture with malformed messages slipped in after the series start (truncated JSON,
 * wrong sizes and part counts, unknown compression, hostile pickles): every bad message is dropped with a
 * warning naming the stream and the message, and the series goes on to deliver exactly the items of the clean
 * capture.
 */
class MalformedMessagesTest {

    static Stream<Arguments> captures() {
        byte[] hostilePickle = {(byte) 0x80, 0x02, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', 'X', 2, 0, 0, 0,
            'i', 'd', (byte) 0x85, 'R', '.'};
        return Stream.of(
                Arguments.of("eiger", 2, new EigerLegacyProtocol(), "eiger-small.cbors", List.of(
                        List.of(utf8("{\"htype\":\"dimage-1.0\",\"frame\":0,\"ser")),
                        List.of(utf8("{\"htype\":\"dimage-1.0\",\"frame\":9,\"hash\":\"x\",\"series\":6}"), utf8("{}")),
                        List.of(utf8("{\"htype\":\"dimage-1.0\",\"frame\":9,\"hash\":\"x\",\"series\":6}"),
                                utf8("{\"htype\":\"dimage_d-1.0\",\"encoding\":\"zstd<\",\"shape\":[2,2],\"size\":4,"
                                        + "\"type\":\"uint8\"}"), new byte[4], utf8("{}"), utf8("{}")))),
                Arguments.of("xspress3", 4, new Xspress3Protocol(), "xspress3-dump.cbors", List.of(
                        List.of(utf8("{\"htype\":\"image\",\"frame\":0,\"shape\":[4,4096],\"type\":\"uint32\","
                                + "\"compression\":\"none\",\"exptime\":0.1}"), new byte[12], hostilePickle),
                        List.of(new byte[] {1, 2, 3}))),
                Arguments.of("albaem", 2, new AlbaEmProtocol(), "albaem-dump.cbors", List.of(
                        List.of(utf8("{\"version\":1,\"message_type\":\"data\",\"message_id\"")),
                        List.of(utf8("{\"version\":2,\"message_type\":\"data\",\"message_id\":3,\"frame_number\":0}")))),
                Arguments.of("contrast", 2, new ContrastProtocol(), "contrast-dump.cbors", List.of(
                        List.of(hostilePickle),
                        List.of(Arrays.copyOf(hostilePickle, 5)))),
                Arguments.of("pcap", 2, new PcapProtocol(), "pcap-zmq.cbors", List.of(
                        List.of(utf8("{\"message_id\":7,\"message_type\":\"data\",\"version\":1,\"frame_number\":0,"
                                + "\"a\":[1,2,3],\"b\":[1,2]}")),
                        List.of(utf8("{\"message_id\":7,\"message_type\":\"da")))),
                Arguments.of("lecroy", 2, new LeCroyProtocol(), "maui-02-continuous-3.cbor.gz", List.of(
                        List.of(utf8("{\"htype\":\"traces\",\"ch\":2}"), new byte[8]),
                        List.of(utf8("{\"htype\":\"msg\",\"what\":9,\"frame\":1}")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void badMessagesAreDroppedWithAWarningAndTheSeriesGoesOn(String stream, int insertAt, UpstreamProtocol protocol,
                                                             String capture, List<List<byte[]>> bad) throws Exception {
        List<List<byte[]>> clean = messages(capture);
        List<String> expected = items(new SeriesCutter(stream, protocol), clean);
        assertThat(expected).hasSizeGreaterThan(3);

        // the bad messages go in inside the series, between two items
        List<List<byte[]>> damaged = new ArrayList<>(clean.subList(0, insertAt));
        damaged.addAll(bad);
        damaged.addAll(clean.subList(insertAt, clean.size()));
        Logger logger = (Logger) LoggerFactory.getLogger(SeriesCutter.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            SeriesCutter cutter = new SeriesCutter(stream, protocol);
            assertThat(items(cutter, damaged)).as("the items of the clean capture, nothing more").isEqualTo(expected);
            assertThat(cutter.dropped()).isGreaterThanOrEqualTo(bad.size());
        } finally {
            logger.detachAppender(logs);
        }
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        for (int i = 0; i < bad.size(); i++) {
            String prefix = "stream " + stream + ": dropped upstream message " + (insertAt + i) + " (unparsable";
            assertThat(warnings).as("warning for bad message %d", insertAt + i).anySatisfy(w -> assertThat(w).startsWith(prefix));
        }
    }

    private static List<String> items(SeriesCutter cutter, List<List<byte[]>> messages) {
        List<String> items = new ArrayList<>();
        for (List<byte[]> m : messages) {
            for (StreamData item : cutter.accept(m)) {
                items.add(item.frames().size() + " frames, " + item.byteCount() + " bytes, first "
                        + Arrays.hashCode(item.frames().get(0)));
            }
        }
        return items;
    }

    private static List<List<byte[]>> messages(String capture) throws Exception {
        Path file = Path.of(System.getProperty("jdranspose.shared", "../../shared"), "data", "captures", capture);
        assumeTrue(Files.isRegularFile(file), "test data " + file + " is absent: clone with ../shared beside it");
        List<List<byte[]>> messages = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file)) {
            reader.forEachRemaining(messages::add);
        }
        return messages;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
