package io.jdranspose.simulator;

import io.jdranspose.api.DType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic detector images: a flat, noisy background with one diffraction ring around the beam centre
 * whose radius oscillates with the frame number. Frames are deterministic for a seed and come out as
 * little-endian C-order pixel bytes, ready to be the second part of a STINS image message.
 *
 * <p>Geometry: pixel {@code (x, y)} is column {@code x}, row {@code y}, and its centre sits at the
 * coordinates {@code (x, y)}; the default beam centre is the image centre {@code ((cols-1)/2, (rows-1)/2)}.
 * The ring's profile is a Gaussian of width {@link #ringWidth()} centred exactly at
 * {@link #ringRadius(long)} pixels from the beam centre.
 *
 * <p>Speed comes from doing almost nothing per frame: the background with its noise is precomputed once
 * as encoded bytes, slightly longer than one frame, and each frame copies it from a pseudo-random offset
 * (so the noise differs between frames); only the thin annulus of the ring is then computed per pixel,
 * from a precomputed radius map and profile table. Instances are immutable and safe to share between
 * threads.
 *
 * <pre>{@code
 * DiffractionFrames frames = DiffractionFrames.builder(1024, 1024, DType.UINT16).seed(7).build();
 * byte[] pixels = frames.frame(12);
 * double r = frames.ringRadius(12);   // where the azimuthal average peaks
 * }</pre>
 */
public final class DiffractionFrames {
    /** Samples per pixel of the ring profile table; fine enough that table steps are far below the noise. */
    private static final int PROFILE_SAMPLES_PER_PIXEL = 32;
    /** The profile is cut where the Gaussian has fallen to e^-8 of its peak. */
    private static final double PROFILE_HALF_WIDTH_SIGMAS = 4.0;
    private static final int GAUSS_TABLE_SIZE = 1 << 12;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int rows;
    private final int cols;
    private final DType dtype;
    private final long seed;
    private final double beamX;
    private final double beamY;
    private final double meanRadius;
    private final double radiusAmplitude;
    private final double periodFrames;
    private final double ringWidth;
    private final Levels levels;

    private final int pixels;
    private final int noiseShift;
    private final byte[] background;
    private final float[] radius;
    private final float[] ringProfile;
    private final float[] ringNoiseScale;
    private final float[] gauss;
    private final double profileHalfWidth;

    private DiffractionFrames(Builder b) {
        this.rows = b.rows;
        this.cols = b.cols;
        this.dtype = b.dtype;
        this.seed = b.seed;
        int minSide = Math.min(rows, cols);
        this.beamX = Double.isNaN(b.beamX) ? (cols - 1) / 2.0 : b.beamX;
        this.beamY = Double.isNaN(b.beamY) ? (rows - 1) / 2.0 : b.beamY;
        this.meanRadius = Double.isNaN(b.meanRadius) ? 0.25 * minSide : b.meanRadius;
        this.radiusAmplitude = Double.isNaN(b.radiusAmplitude) ? 0.1 * minSide : b.radiusAmplitude;
        this.periodFrames = b.periodFrames;
        this.ringWidth = Double.isNaN(b.ringWidth) ? Math.max(1.5, 0.004 * minSide) : b.ringWidth;
        this.levels = Levels.of(dtype);

        long n = (long) rows * cols;
        // Headroom for the random copy offset; capped so a 4M detector does not need two full planes.
        long shift = Math.min(n, 1 << 20);
        if ((n + shift) * dtype.itemSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + "x" + cols + " " + dtype.numpyName() + " frames are too large");
        }
        this.pixels = (int) n;
        this.noiseShift = (int) shift;

        SplittableRandom random = new SplittableRandom(seed);
        this.background = backgroundPlane(random);
        this.gauss = new float[GAUSS_TABLE_SIZE];
        for (int i = 0; i < gauss.length; i++) {
            gauss[i] = (float) random.nextGaussian();
        }
        this.radius = radiusMap();
        this.profileHalfWidth = PROFILE_HALF_WIDTH_SIGMAS * ringWidth;
        int samples = (int) Math.ceil(2 * profileHalfWidth * PROFILE_SAMPLES_PER_PIXEL) + 2;
        this.ringProfile = new float[samples];
        this.ringNoiseScale = new float[samples];
        for (int k = 0; k < samples; k++) {
            double d = (k + 0.5) / PROFILE_SAMPLES_PER_PIXEL - profileHalfWidth;
            double value = levels.ringPeak * Math.exp(-d * d / (2 * ringWidth * ringWidth));
            ringProfile[k] = (float) value;
            ringNoiseScale[k] = (float) Math.sqrt(value); // counting statistics: σ = √signal
        }
    }

    /** Starts a generator of {@code rows × cols} images of {@code dtype} (uint8, uint16, uint32, int32, float32, float64). */
    public static Builder builder(int rows, int cols, DType dtype) {
        return new Builder(rows, cols, dtype);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** {@code [rows, cols]}, as in a STINS header. */
    public int[] shape() {
        return new int[] {rows, cols};
    }

    public DType dtype() {
        return dtype;
    }

    public long seed() {
        return seed;
    }

    /** Bytes of one frame: rows × cols × item size. */
    public int frameBytes() {
        return pixels * dtype.itemSize();
    }

    /** Beam centre column, in pixel coordinates. */
    public double beamX() {
        return beamX;
    }

    /** Beam centre row, in pixel coordinates. */
    public double beamY() {
        return beamY;
    }

    /** Standard deviation of the ring's Gaussian profile, in pixels. */
    public double ringWidth() {
        return ringWidth;
    }

    /** Peak height of the ring above the background (before noise and clipping to the dtype's range). */
    public double ringPeak() {
        return levels.ringPeak;
    }

    /** Mean background level. */
    public double backgroundLevel() {
        return levels.background;
    }

    /** Radius of the ring in frame {@code frame}, in pixels from the beam centre: mean + amplitude·sin(2π·frame/period). */
    public double ringRadius(long frame) {
        return meanRadius + radiusAmplitude * Math.sin(2 * Math.PI * frame / periodFrames);
    }

    /** A new byte array holding frame {@code frame}. */
    public byte[] frame(long frame) {
        int itemSize = dtype.itemSize();
        int offset = noiseOffset(frame) * itemSize;
        // copyOfRange allocates without zeroing first, unlike new byte[] followed by a copy
        byte[] out = Arrays.copyOfRange(background, offset, offset + pixels * itemSize);
        drawRing(frame, out);
        return out;
    }

    /** Writes frame {@code frame} into {@code into}, which must be exactly {@link #frameBytes()} long. */
    public void frame(long frame, byte[] into) {
        if (into.length != frameBytes()) {
            throw new IllegalArgumentException("buffer has " + into.length + " bytes, a frame has " + frameBytes());
        }
        int itemSize = dtype.itemSize();
        System.arraycopy(background, noiseOffset(frame) * itemSize, into, 0, into.length);
        drawRing(frame, into);
    }

    private int noiseOffset(long frame) {
        return (int) Long.remainderUnsigned(mix(seed ^ mix(frame + 0x632BE59BD9B4E019L)), noiseShift + 1L);
    }

    /** Adds the ring to the pixels of its annulus, row by row, touching nothing outside it. */
    private void drawRing(long frame, byte[] out) {
        double ringRadius = ringRadius(frame);
        double outer = ringRadius + profileHalfWidth;
        double inner = Math.max(0, ringRadius - profileHalfWidth);
        int gaussOffset = (int) (mix(seed + frame) & (GAUSS_TABLE_SIZE - 1));
        int yFrom = Math.max(0, (int) Math.floor(beamY - outer));
        int yTo = Math.min(rows - 1, (int) Math.ceil(beamY + outer));
        for (int y = yFrom; y <= yTo; y++) {
            double dy = y - beamY;
            double outerSq = outer * outer - dy * dy;
            if (outerSq < 0) {
                continue;
            }
            double outerDx = Math.sqrt(outerSq);
            double innerSq = inner * inner - dy * dy;
            int left = Math.max(0, (int) Math.floor(beamX - outerDx));
            int right = Math.min(cols - 1, (int) Math.ceil(beamX + outerDx));
            if (innerSq <= 0) {
                addRing(out, y, left, right, ringRadius, gaussOffset);
            } else {
                // the row crosses the hole inside the ring: two segments, one each side
                double innerDx = Math.sqrt(innerSq);
                addRing(out, y, left, Math.min(right, (int) Math.ceil(beamX - innerDx)), ringRadius, gaussOffset);
                addRing(out, y, Math.max(left, (int) Math.floor(beamX + innerDx)), right, ringRadius, gaussOffset);
            }
        }
    }

    private void addRing(byte[] out, int y, int x0, int x1, double ringRadius, int gaussOffset) {
        float base = (float) (profileHalfWidth - ringRadius);
        if (dtype == DType.UINT16) {
            addRingUint16(out, y * cols + x0, y * cols + x1, base, gaussOffset);
            return;
        }
        int last = ringProfile.length - 1;
        for (int i = y * cols + x0, end = y * cols + x1; i <= end; i++) {
            float position = (radius[i] + base) * PROFILE_SAMPLES_PER_PIXEL;
            if (position >= 0 && position < last) {
                int k = (int) position;
                addToPixel(out, i, ringProfile[k] + ringNoiseScale[k] * gauss[(i + gaussOffset) & (GAUSS_TABLE_SIZE - 1)]);
            }
        }
    }

    /** The common detector type on its own loop: no per-pixel type switch, float arithmetic. */
    private void addRingUint16(byte[] out, int from, int to, float base, int gaussOffset) {
        int last = ringProfile.length - 1;
        for (int i = from; i <= to; i++) {
            float position = (radius[i] + base) * PROFILE_SAMPLES_PER_PIXEL;
            if (position >= 0 && position < last) {
                int k = (int) position;
                float value = ((short) SHORT.get(out, i << 1) & 0xFFFF) + ringProfile[k]
                        + ringNoiseScale[k] * gauss[(i + gaussOffset) & (GAUSS_TABLE_SIZE - 1)] + 0.5f;
                SHORT.set(out, i << 1, (short) Math.max(0, Math.min(0xFFFF, (int) value)));
            }
        }
    }

    private void addToPixel(byte[] out, int i, double add) {
        switch (dtype) {
            case UINT8 -> out[i] = (byte) clampRound((out[i] & 0xFF) + add, 255);
            case UINT16 -> SHORT.set(out, i << 1, (short) clampRound(((short) SHORT.get(out, i << 1) & 0xFFFF) + add, 0xFFFF));
            case UINT32 -> INT.set(out, i << 2, (int) clampRound(((int) INT.get(out, i << 2) & 0xFFFFFFFFL) + add, 0xFFFFFFFFL));
            case INT32 -> INT.set(out, i << 2, (int) clampRound((int) INT.get(out, i << 2) + add, Integer.MAX_VALUE));
            case FLOAT32 -> FLOAT.set(out, i << 2, (float) Math.max(0, (float) FLOAT.get(out, i << 2) + add));
            case FLOAT64 -> DOUBLE.set(out, i << 3, Math.max(0, (double) DOUBLE.get(out, i << 3) + add));
            default -> throw new IllegalStateException("unsupported dtype " + dtype);
        }
    }

    private byte[] backgroundPlane(SplittableRandom random) {
        int count = pixels + noiseShift;
        byte[] plane = new byte[count * dtype.itemSize()];
        for (int i = 0; i < count; i++) {
            double v = levels.background + levels.backgroundNoise * random.nextGaussian();
            switch (dtype) {
                case UINT8 -> plane[i] = (byte) clampRound(v, 255);
                case UINT16 -> SHORT.set(plane, i << 1, (short) clampRound(v, 0xFFFF));
                case UINT32, INT32 -> INT.set(plane, i << 2, (int) clampRound(v, Integer.MAX_VALUE));
                case FLOAT32 -> FLOAT.set(plane, i << 2, (float) Math.max(0, v));
                case FLOAT64 -> DOUBLE.set(plane, i << 3, Math.max(0, v));
                default -> throw new IllegalStateException("unsupported dtype " + dtype);
            }
        }
        return plane;
    }

    private float[] radiusMap() {
        float[] map = new float[pixels];
        for (int y = 0; y < rows; y++) {
            double dy = y - beamY;
            for (int x = 0; x < cols; x++) {
                double dx = x - beamX;
                map[y * cols + x] = (float) Math.sqrt(dx * dx + dy * dy);
            }
        }
        return map;
    }

    private static long clampRound(double v, long max) {
        return Math.max(0, Math.min(max, Math.round(v)));
    }

    /** SplitMix64's finaliser: a cheap, well-mixed hash of a frame number. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Intensity levels per dtype, chosen so that nothing clips in practice and uint8 still shows the ring. */
    private record Levels(double background, double backgroundNoise, double ringPeak) {
        static Levels of(DType dtype) {
            return switch (dtype) {
                case UINT8 -> new Levels(10, 3, 200);
                case UINT16, UINT32, INT32, FLOAT32, FLOAT64 -> new Levels(100, 10, 2000);
                default -> throw new IllegalArgumentException("DiffractionFrames cannot make " + dtype.numpyName()
                        + " images (supported: uint8, uint16, uint32, int32, float32, float64)");
            };
        }
    }

    /** Options of a {@link DiffractionFrames}; every one has a default derived from the image size. */
    public static final class Builder {
        private final int rows;
        private final int cols;
        private final DType dtype;
        private long seed = 1;
        private double beamX = Double.NaN;
        private double beamY = Double.NaN;
        private double meanRadius = Double.NaN;
        private double radiusAmplitude = Double.NaN;
        private double periodFrames = 100;
        private double ringWidth = Double.NaN;

        private Builder(int rows, int cols, DType dtype) {
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("image shape must be positive, got " + rows + "x" + cols);
            }
            Levels.of(dtype);
            this.rows = rows;
            this.cols = cols;
            this.dtype = dtype;
        }

        /** Seed of the noise (default 1): equal seeds give byte-identical frames. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Beam centre in pixel coordinates (default: the image centre). */
        public Builder beamCentre(double x, double y) {
            this.beamX = x;
            this.beamY = y;
            return this;
        }

        /** Ring radius oscillates as {@code mean + amplitude·sin(2π·frame/period)} (defaults: 0.25 and 0.1 of the shorter side). */
        public Builder radius(double mean, double amplitude) {
            if (mean < 0 || amplitude < 0) {
                throw new IllegalArgumentException("radius and amplitude must not be negative");
            }
            this.meanRadius = mean;
            this.radiusAmplitude = amplitude;
            return this;
        }

        /** Frames per oscillation of the ring radius (default 100). */
        public Builder periodFrames(double frames) {
            if (!(frames > 0)) {
                throw new IllegalArgumentException("period must be positive, got " + frames);
            }
            this.periodFrames = frames;
            return this;
        }

        /** Gaussian width (σ) of the ring in pixels (default: 0.4 % of the shorter side, at least 1.5). */
        public Builder ringWidth(double sigma) {
            if (!(sigma > 0)) {
                throw new IllegalArgumentException("ring width must be positive, got " + sigma);
            }
            this.ringWidth = sigma;
            return this;
        }

        public DiffractionFrames build() {
            return new DiffractionFrames(this);
        }
    }
}
