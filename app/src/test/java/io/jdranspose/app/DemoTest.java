package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, small: a simulated detector through the whole pipeline (private Redis,
 * controller, ingester, workers, reducer) with the example plugin → HDF5 that h5dump reads.
 */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void theDemoWritesTheRoiTrendAndIOfQOfEveryEvent() throws Exception {
        Cli cli = Cli.run("demo", "--exit", "--frames", "12", "--shape", "64x48", "--port", "0", "--controller-port", "0",
                "--rate", "0", "--dir", dir.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        java.util.regex.Matcher scan = java.util.regex.Pattern.compile("scan ([0-9a-f-]{36}): 12 simulated 64x48 uint16 images")
                .matcher(cli.out());
        assertThat(scan.find()).as(cli.out()).isTrue();
        Path h5 = dir.resolve("demo-" + scan.group(1) + ".h5");
        assertThat(cli.out()).contains("controller at http://127.0.0.1:").contains("results at http://127.0.0.1:")
                .contains("demo: 14 events (12 images) through 2 workers in").contains("12 results reduced")
                .contains("HDF5 file: " + h5.toAbsolutePath());
        assertThat(Files.size(h5)).isPositive();
        assertThat(cli.out()).contains("viewer at http://127.0.0.1:").contains("/viewer/, HDF5 download at http://127.0.0.1:")
                .contains("/api/v1/hdf5");
        assertThat(Files.getPosixFilePermissions(h5)).as("results are readable by the beamline team")
                .contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
                        java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        String header = H5dump.run(h5, "-H");
        assertThat(header).contains("GROUP \"entry\"").contains("DATASET \"I\"").contains("( 12, 100 )")
                .contains("DATASET \"mean\"").contains("( 12 )").contains("DATASET \"q\"");
        assertThat(H5dump.data(H5dump.run(h5, "-d", "/entry/event")))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        assertThat(H5dump.data(H5dump.run(h5, "-d", "/entry/roi/mean"))).hasSize(12).doesNotContain("nan");
    }
}
