package io.jdranspose.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedMessagesTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unpacksExactlyTheMessagesPackedInOrder() {
        PackedMessages pack = new PackedMessages();
        pack.add(bytes("h1"), List.of(bytes("a"), bytes("bb")));
        pack.add(bytes("h2"), bytes("payload"));
        pack.add(bytes("h3"), List.of());
        pack.add(new byte[0], List.of(new byte[0]));
        assertThat(pack.count()).isEqualTo(4);
        byte[] frame = pack.take();

        assertThat(pack.isEmpty()).isTrue();
        assertThat(PackedMessages.isPack(frame)).isTrue();
        List<List<byte[]>> messages = PackedMessages.unpack(frame);
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0)).containsExactly(bytes("h1"), bytes("a"), bytes("bb"));
        assertThat(messages.get(1)).containsExactly(bytes("h2"), bytes("payload"));
        assertThat(messages.get(2)).containsExactly(bytes("h3"));
        assertThat(messages.get(3)).containsExactly(new byte[0], new byte[0]);
        // the same packer goes on with an empty pack
        pack.add(bytes("h4"), bytes("x"));
        assertThat(PackedMessages.unpack(pack.take())).hasSize(1);
    }

    @Test
    void ourHeadersAreNotMistakenForAPack() {
        assertThat(PackedMessages.isPack(new PartHeader(1, 0, -1, 0, "s", "STINS", 1, List.of("s")).encode())).isFalse();
        assertThat(PackedMessages.isPack(new ResultHeader(1, 0, 0, "w", null).encode())).isFalse();
        assertThat(PackedMessages.isPack(bytes("JDB"))).isFalse();
    }

    @Test
    void largeMessagesDoNotFitAndAPackIsFullByBytesOrCount() {
        assertThat(PackedMessages.fits(new byte[100], List.of(new byte[2048]))).isTrue();
        assertThat(PackedMessages.fits(new byte[100], List.of(new byte[PackedMessages.MAX_PACKED_MESSAGE]))).isFalse();
        assertThat(PackedMessages.fits(new byte[100], List.of(new byte[20_000], new byte[20_000]))).isFalse();

        PackedMessages byCount = new PackedMessages();
        for (int i = 0; i < PackedMessages.FULL_COUNT - 1; i++) {
            byCount.add(bytes("h"), bytes("p"));
        }
        assertThat(byCount.isFull()).isFalse();
        byCount.add(bytes("h"), bytes("p"));
        assertThat(byCount.isFull()).isTrue();

        PackedMessages byBytes = new PackedMessages();
        for (int i = 0; i < 4; i++) {
            byBytes.add(bytes("h"), new byte[30_000]);
        }
        assertThat(byBytes.isFull()).isFalse();
        byBytes.add(bytes("h"), new byte[30_000]);
        assertThat(byBytes.isFull()).isTrue();
        assertThat(PackedMessages.unpack(byBytes.take())).hasSize(5).allSatisfy(m -> assertThat(m.get(1)).hasSize(30_000));
    }

    @Test
    void aDamagedPackIsRefusedWithWhatIsWrong() {
        PackedMessages pack = new PackedMessages();
        pack.add(bytes("head"), List.of(bytes("frame")));
        pack.add(bytes("h2"), bytes("p2"));
        byte[] good = pack.take();

        assertThatThrownBy(() -> PackedMessages.unpack(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("part 2 of message 2 claims 2 bytes, 1 left in the pack");
        assertThatThrownBy(() -> PackedMessages.unpack(Arrays.copyOf(good, good.length + 3)))
                .hasMessage("3 unexpected bytes after the last message of the pack");
        byte[] moreMessages = good.clone();
        moreMessages[7] = 3;
        assertThatThrownBy(() -> PackedMessages.unpack(moreMessages)).hasMessage("pack ends before message 3 of 3");
        byte[] none = good.clone();
        none[7] = 0;
        assertThatThrownBy(() -> PackedMessages.unpack(none)).hasMessage("pack of " + good.length + " bytes announces 0 messages");
        byte[] zeroParts = good.clone();
        zeroParts[11] = 0;
        assertThatThrownBy(() -> PackedMessages.unpack(zeroParts)).hasMessage("message 1 of the pack announces 0 parts");
        byte[] negativeLength = good.clone();
        negativeLength[12] = (byte) 0x80;
        assertThatThrownBy(() -> PackedMessages.unpack(negativeLength))
                .hasMessageStartingWith("part 1 of message 1 claims -2147483644 bytes");
        assertThatThrownBy(() -> PackedMessages.unpack(bytes("garbage!"))).hasMessage("not a pack (bad magic)");
    }
}
