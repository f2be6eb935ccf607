package io.jdranspose.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.api.DType;
import io.jdranspose.api.publish.PublishTree;
import io.jdranspose.reducer.hsds.HsdsServer;
import io.jdranspose.reducer.viewer.ViewerRoute;
import io.jdranspose.replay.Replay;
import io.jdranspose.replay.ReplayOptions;
import io.jdranspose.replay.ReplayProgress;
import io.jdranspose.runtime.plugin.PluginLoader;
import io.jdranspose.simulator.DiffractionFrames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer end to end in a real browser: Debian's headless Chromium, driven by playwright-core, opens
 * /viewer/ on a reducer that has no scan yet; when the page is up, a simulated scan starts (replayed at
 * 40 Hz through the demo plugin), and the page must show the tree, plot the ROI-mean line and the I(q)
 * image, and show both growing across live refreshes. Screenshots: app/target/viewer-line.png and
 * app/target/viewer-image.png.
 */
class ViewerInChromiumTest {
    // 30 s of scan at 40 Hz: longer than the check needs, so the data still grows at its end
    private static final int FRAMES = 1200;
    private static final double RATE_HZ = 40;
    private static final Duration CHECK_LIMIT = Duration.ofSeconds(90);
    private static final Path SCREENSHOTS = Path.of("target").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void chromiumShowsTheTreeAndPlotsTheLineAndImageGrowingDuringTheScan() throws Exception {
        ViewerCheck check = ViewerCheck.ofThisBuild();
        Path recording = dir.resolve("eiger.cbors");
        SimulatedRecording.write(recording, "eiger", DiffractionFrames.builder(64, 64, DType.UINT16).build(), FRAMES, "");
        Replay replay = new Replay(PluginLoader.load(null, DemoCommand.WORKER, DemoCommand.REDUCER),
                ReplayOptions.of(List.of(recording), 2).withRate(RATE_HZ));
        Files.createDirectories(SCREENSHOTS);
        for (String shot : List.of("viewer-line.png", "viewer-image.png", "viewer-failure.png")) {
            Files.deleteIfExists(SCREENSHOTS.resolve(shot));
        }

        // the reducer serves an empty tree until the scan starts, as between two scans
        AtomicReference<PublishTree> served = new AtomicReference<>();
        Thread scan = Thread.ofPlatform().name("scan").daemon().unstarted(() -> {
            served.set(replay.tree());
            runQuietly(replay);
        });
        ViewerCheck.Outcome outcome;
        try (HsdsServer server = HsdsServer.start("127.0.0.1", 0, served::get)) {
            server.route(ViewerRoute.PREFIX, new ViewerRoute());
            try {
                outcome = check.run(server.url().resolve("viewer/").toString(), SCREENSHOTS, CHECK_LIMIT, line -> {
                    if (line.equals("SCAN PLEASE")) {
                        scan.start();
                    }
                });
            } finally {
                if (scan.getState() != Thread.State.NEW) {
                    scan.interrupt();
                    scan.join(Duration.ofSeconds(10));
                }
            }
        }

        System.out.println(outcome.output());
        assertThat(outcome.timedOut()).as("the browser check did not end within %s:%n%s", CHECK_LIMIT, outcome.output())
                .isFalse();
        assertThat(outcome.exitCode()).as("the browser check failed (see %s):%n%s", SCREENSHOTS, outcome.output())
                .isZero();
        assertThat(outcome.output()).contains("/entry/roi/mean: shown dims").contains("/entry/azint/I: shown dims");
        assertScreenshot(SCREENSHOTS.resolve("viewer-line.png"), "a line", 1500, ViewerInChromiumTest::lineBlue);
        assertScreenshot(SCREENSHOTS.resolve("viewer-image.png"), "a heatmap", 20000, ViewerInChromiumTest::viridisLow);
    }

    private static void runQuietly(Replay replay) {
        try {
            replay.run(ReplayProgress.NONE);
        } catch (InterruptedException e) {
            // the check is over; the scan needn't finish
        }
    }

    /**
     * A real 1400×900 screenshot whose plot area (right of the tree, below the toolbars) holds at least
     * {@code minimum} pixels that {@code plotted} recognises: the line's blue, the heatmap's viridis.
     */
    private static void assertScreenshot(Path png, String what, int minimum, IntPredicate plotted) throws IOException {
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s is a PNG", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(900);
        int count = 0;
        for (int y = 130; y < image.getHeight(); y++) {
            for (int x = 450; x < image.getWidth(); x++) {
                if (plotted.test(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        assertThat(count).as("pixels of %s in the plot area of %s", what, png).isGreaterThanOrEqualTo(minimum);
    }

    // h5web draws lines in dark blue, anti-aliased into lighter blues; axes and grid are grey
    private static boolean lineBlue(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return b - Math.max(r, g) > 40;
    }

    // the low end of viridis, h5web's default colour map (#440154): the heatmap's background intensity
    private static boolean viridisLow(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.abs(r - 0x44) < 24 && g < 40 && Math.abs(b - 0x54) < 24;
    }
}
