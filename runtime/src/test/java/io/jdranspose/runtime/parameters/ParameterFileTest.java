package io.jdranspose.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {
    @TempDir
    Path dir;

    @Test
    void readsDransposesJsonList() throws Exception {
        Path f = write("p.json", "[{\"name\":\"roi1\",\"data\":\"[10,20]\"},{\"name\":\"q_bins\",\"data\":\"50\"}]");
        Map<String, byte[]> values = ParameterFile.read(f);
        assertThat(values.keySet()).containsExactly("roi1", "q_bins");
        assertThat(new String(values.get("roi1"), StandardCharsets.UTF_8)).isEqualTo("[10,20]");
        assertThat(new String(values.get("q_bins"), StandardCharsets.UTF_8)).isEqualTo("50");
    }

    @Test
    void readsAPlainJsonObjectWithTypedValues() throws Exception {
        Path f = write("p.json", "{\"roi_x0\": 10, \"beam_x\": 512.5, \"fast\": true, \"name\": \"eiger\"}");
        Map<String, byte[]> values = ParameterFile.read(f);
        assertThat(text(values, "roi_x0")).isEqualTo("10");
        assertThat(text(values, "beam_x")).isEqualTo("512.5");
        assertThat(text(values, "fast")).isEqualTo("True");
        assertThat(text(values, "name")).isEqualTo("eiger");
    }

    @Test
    void readsCborListsWithBinaryValues() throws Exception {
        byte[] cbor = new ObjectMapper(new CBORFactory()).writeValueAsBytes(
                List.of(Map.of("name", "mask", "data", new byte[] {0, 1, 2}), Map.of("name", "n", "data", "3")));
        Path f = dir.resolve("p.cbor");
        Files.write(f, cbor);
        Map<String, byte[]> values = ParameterFile.read(f);
        assertThat(values.get("mask")).containsExactly(0, 1, 2);
        assertThat(text(values, "n")).isEqualTo("3");
    }

    @Test
    void errorsNameTheFileAndTheEntry() throws Exception {
        Path missingData = write("a.json", "[{\"name\":\"roi1\"}]");
        assertThatThrownBy(() -> ParameterFile.read(missingData))
                .hasMessageContaining("a.json").hasMessageContaining("entry 0 (roi1): missing \"data\"");
        Path noName = write("b.json", "[{\"name\":\"x\",\"data\":\"1\"}, {\"data\":\"1\"}]");
        assertThatThrownBy(() -> ParameterFile.read(noName)).hasMessageContaining("entry 1: missing \"name\"");
        Path notJson = write("c.json", "{roi: 1");
        assertThatThrownBy(() -> ParameterFile.read(notJson))
                .hasMessageContaining("c.json is neither JSON nor CBOR");
        Path scalar = write("d.json", "42");
        assertThatThrownBy(() -> ParameterFile.read(scalar)).hasMessageContaining("must hold a list");
        Path empty = write("e.json", "");
        assertThatThrownBy(() -> ParameterFile.read(empty)).hasMessageContaining("e.json is empty");
        Path pickle = dir.resolve("p.pkl");
        Files.write(pickle, new byte[] {(byte) 0x80, 4, (byte) 0x95});
        assertThatThrownBy(() -> ParameterFile.read(pickle)).hasMessageContaining("is a Python pickle");
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static String text(Map<String, byte[]> values, String name) {
        return new String(values.get(name), StandardCharsets.UTF_8);
    }
}
