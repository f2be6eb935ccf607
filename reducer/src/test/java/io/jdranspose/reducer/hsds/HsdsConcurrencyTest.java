package io.jdranspose.reducer.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.api.DType;
import io.jdranspose.api.publish.NumericDataset;
import io.jdranspose.api.publish.PublishTree;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Readers racing a writer must always get an answer built from one snapshot: a shape that matches the
 * data, never a mix of before and after.
 */
class HsdsConcurrencyTest {

    @Test
    void readersNeverSeeShapeAndDataFromDifferentMoments() throws Exception {
        PublishTree tree = new PublishTree();
        // every element of "block" equals its element count, so any torn answer shows
        NumericDataset block = tree.numeric("/block", DType.INT64);
        block.replace(new long[] {1}, 1, 1);
        // row i of "rows" is filled with i, and rows are appended while readers read
        NumericDataset rows = tree.numeric("/rows", DType.INT32);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();

        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, () -> tree)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    write(block, rows, running);
                } catch (RuntimeException e) {
                    problems.add("writer failed: " + e);
                }
            });
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(Thread.ofVirtual().start(() -> {
                    HsdsTestClient client = new HsdsTestClient(server.url());
                    String blockValue = "/datasets/" + HsdsIds.datasetId("/block") + "/value";
                    String rowsValue = "/datasets/" + HsdsIds.datasetId("/rows") + "/value";
                    long until = System.nanoTime() + 1_500_000_000L;
                    while (System.nanoTime() < until) {
                        checkBlockJson(client.get(blockValue).json().path("value"), problems);
                        checkBlockBinary(client.get(blockValue, "Accept", "application/octet-stream").decoded(), problems);
                        checkRowsJson(client.get(rowsValue).json().path("value"), problems);
                        reads.addAndGet(3);
                    }
                }));
            }
            for (Thread r : readers) {
                r.join();
            }
            running.set(false);
            writer.join();
        }
        assertThat(problems).isEmpty();
        assertThat(reads.get()).isGreaterThan(30);
    }

    private static void write(NumericDataset block, NumericDataset rows, AtomicBoolean running) {
        int step = 0;
        while (running.get()) {
            step++;
            int r = 1 + step % 37;
            int c = 1 + (step * 7) % 53;
            long[] flat = new long[r * c];
            java.util.Arrays.fill(flat, (long) r * c);
            block.replace(flat, r, c);
            int index = step % 400;
            if (index == 0) {
                rows.replace(new int[0], 0, 3);
            }
            rows.set(index, new int[] {index, index, index});
        }
    }

    private static void checkBlockJson(JsonNode value, ConcurrentLinkedQueue<String> problems) {
        int r = value.size();
        int c = value.get(0).size();
        for (JsonNode row : value) {
            if (row.size() != c) {
                problems.add("ragged block: " + value);
                return;
            }
            for (JsonNode v : row) {
                if (v.longValue() != (long) r * c) {
                    problems.add("block " + r + "x" + c + " holds " + v);
                    return;
                }
            }
        }
    }

    private static void checkBlockBinary(byte[] body, ConcurrentLinkedQueue<String> problems) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        long n = body.length / 8;
        if (body.length % 8 != 0 || n == 0) {
            problems.add("binary block of " + body.length + " bytes");
            return;
        }
        while (b.hasRemaining()) {
            long v = b.getLong();
            if (v != n) {
                problems.add("binary block of " + n + " elements holds " + v);
                return;
            }
        }
    }

    private static void checkRowsJson(JsonNode value, ConcurrentLinkedQueue<String> problems) {
        for (int i = 0; i < value.size(); i++) {
            JsonNode row = value.get(i);
            if (row.size() != 3) {
                problems.add("row " + i + " has " + row.size() + " elements");
                return;
            }
            for (JsonNode v : row) {
                // rows not written yet in this round read as 0, written ones hold their index
                if (v.intValue() != i && v.intValue() != 0) {
                    problems.add("row " + i + " holds " + v);
                    return;
                }
            }
        }
    }
}
