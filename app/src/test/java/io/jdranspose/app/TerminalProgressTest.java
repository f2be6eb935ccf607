package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void drawsABarInPlaceAndClearsItWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        bar.update("replay", 250, 1000, 1234);
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rreplay [========").contains(" 25% 1,234 events");
        bar.done();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\r");
    }

    @Test
    void staysSilentWithoutATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.update("replay", 1, 2, 3);
        bar.done();
        assertThat(bytes.size()).isZero();
    }
}
