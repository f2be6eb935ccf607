package io.jdranspose.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Texts that must match what upstream's Python writes. */
class PythonJsonTextTest {

    @Test
    void writesLikeJsonDumpsWithDefaultSeparatorsAndAsciiOnly() {
        var node = Api.json("{\"a\": [1, null, true, 2.5], \"b\": {\"c\": \"é\\\"\\n\\u0001\"}, \"e\": []}");
        assertThat(PythonJsonText.write(node))
                .isEqualTo("{\"a\": [1, null, true, 2.5], \"b\": {\"c\": \"\\u00e9\\\"\\n\\u0001\"}, \"e\": []}");
    }

    @Test
    void setsAreShownAsPythonReprsThem() {
        assertThat(ScanDirector.pythonSet(new TreeSet<>(Set.of("orca", "eiger")))).isEqualTo("{'eiger', 'orca'}");
        assertThat(ScanDirector.pythonSet(Set.of("it's"))).isEqualTo("{\"it's\"}");
        assertThat(ScanDirector.pythonSet(Set.of("a\\b"))).isEqualTo("{'a\\\\b'}");
    }
}
