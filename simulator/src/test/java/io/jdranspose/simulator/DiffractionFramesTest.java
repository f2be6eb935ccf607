package io.jdranspose.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdranspose.api.DType;
import io.jdranspose.api.NdArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DiffractionFramesTest {

    @Test
    void equalSeedsGiveIdenticalFramesAndOtherSeedsOrFramesDiffer() {
        DiffractionFrames a = DiffractionFrames.builder(128, 96, DType.UINT16).seed(42).build();
        DiffractionFrames b = DiffractionFrames.builder(128, 96, DType.UINT16).seed(42).build();
        DiffractionFrames c = DiffractionFrames.builder(128, 96, DType.UINT16).seed(43).build();

        assertThat(a.frame(5)).isEqualTo(b.frame(5));
        assertThat(a.frame(5)).isNotEqualTo(c.frame(5));
        assertThat(a.frame(5)).isNotEqualTo(a.frame(6));
        assertThat(a.frame(5)).hasSize(128 * 96 * 2);
    }

    @Test
    void frameIntoBufferEqualsAllocatedFrame() {
        DiffractionFrames frames = DiffractionFrames.builder(64, 80, DType.FLOAT32).seed(3).build();
        byte[] buffer = new byte[frames.frameBytes()];
        frames.frame(17, buffer);

        assertThat(buffer).isEqualTo(frames.frame(17));
        assertThatThrownBy(() -> frames.frame(1, new byte[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ringRadiusOscillatesAroundTheMeanWithThePeriod() {
        DiffractionFrames frames = DiffractionFrames.builder(200, 200, DType.UINT16).radius(60, 20).periodFrames(40).build();

        assertThat(frames.ringRadius(0)).isCloseTo(60, within(1e-9));
        assertThat(frames.ringRadius(10)).isCloseTo(80, within(1e-9));
        assertThat(frames.ringRadius(30)).isCloseTo(40, within(1e-9));
        assertThat(frames.ringRadius(50)).isCloseTo(80, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"UINT8", "UINT16", "UINT32", "INT32", "FLOAT32", "FLOAT64"})
    void radialAveragePeaksAtTheRingRadius(DType dtype) {
        DiffractionFrames frames = DiffractionFrames.builder(256, 300, dtype).seed(9).build();

        for (long frame : new long[] {0, 7, 25, 60, 80}) {
            double[] profile = radialAverage(decode(frames, frame), frames.beamX(), frames.beamY());
            assertThat((double) argMax(profile)).as("peak of frame %d (%s)", frame, dtype)
                    .isCloseTo(frames.ringRadius(frame), within(1.0));
        }
        // far outside the ring only background remains
        assertThat(decode(frames, 25).get(0, 0)).isBetween(0.0, frames.backgroundLevel() + 8 * Math.max(3, Math.sqrt(frames.backgroundLevel())));
    }

    @Test
    void ringFollowsAnOffCentreBeam() {
        DiffractionFrames frames = DiffractionFrames.builder(300, 400, DType.UINT16).beamCentre(150.25, 120.5)
                .radius(70, 10).build();
        NdArray image = decode(frames, 3);

        double[] profile = radialAverage(image, 150.25, 120.5);
        assertThat((double) argMax(profile)).isCloseTo(frames.ringRadius(3), within(1.0));
        // seen from the image centre instead, the ring smears out and its peak drops
        double[] wrong = radialAverage(image, 199.5, 149.5);
        assertThat(max(wrong)).isLessThan(0.8 * max(profile));
    }

    @Test
    void ringPeakAndBackgroundLevelsAreWhatTheImageShows() {
        DiffractionFrames frames = DiffractionFrames.builder(400, 400, DType.FLOAT32).seed(5).build();
        NdArray image = decode(frames, 0);
        double[] profile = radialAverage(image, frames.beamX(), frames.beamY());

        int peak = argMax(profile);
        assertThat(profile[peak]).isCloseTo(frames.backgroundLevel() + frames.ringPeak(), within(0.15 * frames.ringPeak()));
        assertThat(profile[10]).isCloseTo(frames.backgroundLevel(), within(5.0));
    }

    @Test
    void unsupportedDtypeOrShapeIsRejected() {
        assertThatThrownBy(() -> DiffractionFrames.builder(10, 10, DType.INT64)).hasMessageContaining("int64");
        assertThatThrownBy(() -> DiffractionFrames.builder(0, 10, DType.UINT16)).hasMessageContaining("0x10");
    }

    @Test
    void generatesFramesFast() {
        DiffractionFrames frames = DiffractionFrames.builder(1024, 1024, DType.UINT16).seed(1).build();
        byte[] buffer = new byte[frames.frameBytes()];
        for (int i = 0; i < 200; i++) { // warm-up for the JIT
            frames.frame(i, buffer);
        }
        int n = 500;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            frames.frame(i, buffer);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double gbPerSecond = (double) n * frames.frameBytes() / seconds / 1e9;
        System.out.printf("DiffractionFrames 1024x1024 uint16: %.2f GB/s (%.0f frames/s)%n", gbPerSecond, n / seconds);
        // loose bound: the target is ≥ 2 GB/s on a quiet core, but tests share the machine
        assertThat(gbPerSecond).isGreaterThan(0.5);
    }

    static NdArray decode(DiffractionFrames frames, long frame) {
        return new NdArray(frames.dtype(), frames.shape(), ByteBuffer.wrap(frames.frame(frame)).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Mean intensity in 1-pixel-wide rings: bin k holds radii [k − 0.5, k + 0.5). */
    static double[] radialAverage(NdArray image, double beamX, double beamY) {
        int rows = image.shape()[0];
        int cols = image.shape()[1];
        int bins = (int) Math.ceil(Math.hypot(rows, cols)) + 2;
        double[] sum = new double[bins];
        long[] count = new long[bins];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int bin = (int) Math.round(Math.hypot(x - beamX, y - beamY));
                sum[bin] += image.get(y, x);
                count[bin]++;
            }
        }
        for (int k = 0; k < bins; k++) {
            sum[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
        }
        return sum;
    }

    static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && (Double.isNaN(values[best]) || values[i] > values[best])) {
                best = i;
            }
        }
        return best;
    }

    static double max(double[] values) {
        return values[argMax(values)];
    }
}
