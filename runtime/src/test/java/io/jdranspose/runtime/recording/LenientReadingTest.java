package io.jdranspose.runtime.recording;

import io.jdranspose.api.StreamData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Valid CBOR that upstream's reader accepts but upstream's writer does not produce. */
class LenientReadingTest {

    @TempDir
    Path dir;

    @Test
    void recordWithoutTags() throws IOException {
        // [5, {"a": ["raw", [h'00']]}]
        Recorded r = readOne("82 05 a1 6161 82 63726177 81 4100");

        assertThat(r.eventNumber()).isEqualTo(5);
        assertThat(r.createdAt()).isNull();
        assertThat(r.streams().get("a").type()).isEqualTo("raw");
        assertThat(r.streams().get("a").frames()).singleElement().isEqualTo(new byte[] {0});
    }

    @Test
    void createdAtAsEpochInteger() throws IOException {
        // 42877([1, {}, 1(1700000000)])
        Recorded r = readOne("d9a77d 83 01 a0 c1 1a6553f100");

        assertThat(r.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void createdAtAsEpochFloat() throws IOException {
        // 42877([1, {}, 1(1700000000.25)])
        Recorded r = readOne("d9a77d 83 01 a0 c1 fb41d954fc40100000");

        assertThat(r.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
    }

    @Test
    void createdAtWithAnOffset() throws IOException {
        String text = "2024-04-25T08:07:59.5+02:00";
        Recorded r = readOne("d9d9f7 d9a77d 83 00 a0 c0 " + textHex(text));

        assertThat(r.createdAt()).isEqualTo(Instant.parse("2024-04-25T06:07:59.500Z"));
    }

    @Test
    void indefiniteLengthsEverywhere() throws IOException {
        // 42877([_ 2, {_ "s": 42878([_ "t", [_ (_ h'01', h'02'), h'03']])}])
        Recorded r = readOne("d9a77d 9f 02 bf 6173 d9a77e 9f 6174 9f 5f 4101 4102 ff 4103 ff ff ff ff");

        assertThat(r.eventNumber()).isEqualTo(2);
        StreamData s = r.streams().get("s");
        assertThat(s.type()).isEqualTo("t");
        assertThat(s.frames()).containsExactly(new byte[] {1, 2}, new byte[] {3});
    }

    @Test
    void streamOrderIsKept() throws IOException {
        // [0, {"b": ["t", []], "a": ["t", []]}]
        Recorded r = readOne("82 00 a2 6162 82 6174 80 6161 82 6174 80");

        assertThat(r.streams().keySet()).containsExactly("b", "a");
    }

    private Recorded readOne(String hex) throws IOException {
        Path path = Files.write(dir.resolve("r.cbors"), HexFormat.of().parseHex(hex.replace(" ", "")));
        List<Recorded> records = Records.readAll(path);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String textHex(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String head = utf8.length < 24 ? String.format("%02x", 0x60 + utf8.length) : String.format("78%02x", utf8.length);
        return head + HexFormat.of().formatHex(utf8);
    }
}
