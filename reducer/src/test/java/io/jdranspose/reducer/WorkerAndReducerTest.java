package io.jdranspose.reducer;

import static io.jdranspose.reducer.Control.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.reducer.hsds.HsdsIds;
import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.RedisServerProcess;
import io.jdranspose.runtime.control.Report;
import io.jdranspose.runtime.control.ScanUpdate;
import io.jdranspose.worker.WorkerConfig;
import io.jdranspose.worker.WorkerService;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real worker sending to the real reducer; the test is the controller and the ingester. */
class WorkerAndReducerTest {

    @Test
    void resultsOfAWorkerAreReducedServedAndWrittenAtTheEnd(@TempDir Path tmp) throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start();
             Control control = new Control(server);
             ReducerService reducer = ReducerService.start(control.redis, ReducerServiceTest.PLUGIN,
                     new ReducerConfig("127.0.0.1", "127.0.0.1", 0, tmp + "/scan_"));
             WorkerService worker = WorkerService.start(control.redis, ReducerServiceTest.PLUGIN, WorkerConfig.of("w1"))) {
            ReducerServiceTest.ACTIVE.clear();
            await("the reducer is registered", () -> control.member(ComponentKind.REDUCER, "reducer") != null);
            ScanUpdate scan = control.startScan(70);
            control.awaitOn(ComponentKind.REDUCER, "reducer", scan);
            control.awaitOn(ComponentKind.WORKER, "w1", scan);
            Control.Push ingester = control.push(worker.inboxUrl());
            for (long e = 0; e < 20; e++) {
                ingester.part(70, e, e - 1, "s", "frame " + e);
            }
            await(() -> control.reducedCount(scan.mappingUuid()) == 20,
                    () -> "20 reduced in " + control.reports(scan.mappingUuid()));

            List<Long> all = LongStream.range(0, 20).boxed().toList();
            assertThat(control.reduced(scan.mappingUuid())).containsExactly(Map.entry("w1", all));
            await(() -> done(control, scan).size() == 20, () -> "20 done in " + control.reports(scan.mappingUuid()));
            assertThat(done(control, scan)).isEqualTo(all);
            assertThat(control.reports(scan.mappingUuid()).get(0)).isEqualTo(new Report.Ready("w1", List.of("generic"), 1024));
            assertThat(worker.processed()).isEqualTo(20);
            assertThat(reducer.reduced()).isEqualTo(20);
            Control.Reply sum = control.get(reducer.httpUrl(), "datasets/" + HsdsIds.datasetId("/sum") + "/value");
            assertThat(sum.json().get("value").asLong()).isEqualTo(10 * 19 * 20 / 2);

            control.publish(scan.asFinished());
            await(() -> control.reports(scan.mappingUuid()).stream().filter(Report.Finished.class::isInstance).count() == 2,
                    () -> "two Finished in " + control.reports(scan.mappingUuid()));
            assertThat(control.reports(scan.mappingUuid())).contains(new Report.Finished("worker", "w1"),
                    new Report.Finished("reducer", "reducer"));
            Path file = tmp.resolve("scan_" + scan.mappingUuid() + ".h5");
            assertThat(reducer.lastFile()).isEqualTo(file);
            try (HdfFile hdf = new HdfFile(file)) {
                assertThat(((Number) hdf.getDatasetByPath("/sum").getData()).longValue()).isEqualTo(1900);
            }
        }
    }

    private static List<Long> done(Control control, ScanUpdate scan) {
        return control.reports(scan.mappingUuid()).stream().filter(Report.Done.class::isInstance)
                .flatMap(r -> ((Report.Done) r).completed().stream()).toList();
    }
}
