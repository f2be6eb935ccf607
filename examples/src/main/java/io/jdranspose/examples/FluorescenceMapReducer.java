package io.jdranspose.examples;

import io.jdranspose.api.DType;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.Reducer;
import io.jdranspose.api.ResultData;
import io.jdranspose.api.publish.PublishTree;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The classic fluorescence map, reduce side. Publishes, as it fills:
 *
 * <pre>
 * points/x, points/y, points/counts   float64 [n]  every scan point reduced so far, in event order
 * map/                                NXdata group (signal counts, axes y and x), when the scan is a mesh
 *   counts                            float64 [ny, nx]  ROI counts at each mesh position, NaN until measured
 *   x, y                              float64 [nx], [ny] nominal motor positions of the mesh
 * </pre>
 *
 * A point lands in the mesh cell nearest to its measured position, so the map is keyed by where the motors
 * really were, not by event order.
 */
public final class FluorescenceMapReducer implements Reducer<FluorescencePoint> {
    private final TreeMap<Long, FluorescencePoint> points = new TreeMap<>();
    private Mesh mesh;
    private double[][] map;

    @Override
    public void reduce(ResultData<FluorescencePoint> result, Parameters parameters, PublishTree tree) {
        FluorescencePoint p = result.payload();
        if (p.mesh() != null) {
            if (mesh == null) {
                startMap(Mesh.parse(p.mesh()), tree);
            }
            return;
        }
        points.put(p.event(), p);
        tree.array("/points/x", points.values().stream().mapToDouble(FluorescencePoint::x).toArray());
        tree.array("/points/y", points.values().stream().mapToDouble(FluorescencePoint::y).toArray());
        tree.array("/points/counts", points.values().stream().mapToDouble(FluorescencePoint::counts).toArray());
        if (mesh != null) {
            place(p);
            tree.numeric("/map/counts", DType.FLOAT64).replace(map);
        }
    }

    private void startMap(Mesh parsed, PublishTree tree) {
        if (parsed == null) {
            return; // not a mesh: the scatter points are all there is
        }
        mesh = parsed;
        map = new double[mesh.y().length][mesh.x().length];
        for (double[] row : map) {
            Arrays.fill(row, Double.NaN);
        }
        points.values().forEach(this::place);
        tree.group("/map").attribute("NX_class", "NXdata").attribute("signal", "counts")
                .attribute("axes", new String[] {"y", "x"});
        tree.array("/map/x", mesh.x());
        tree.array("/map/y", mesh.y());
        tree.numeric("/map/counts", DType.FLOAT64).replace(map);
    }

    private void place(FluorescencePoint p) {
        int ix = Mesh.nearest(mesh.x(), p.x());
        int iy = Mesh.nearest(mesh.y(), p.y());
        if (ix >= 0 && iy >= 0) {
            map[iy][ix] = p.counts();
        }
    }

    /** contrast's {@code mesh m1 start end intervals m2 start end intervals exposure}. */
    record Mesh(String xMotor, double[] x, String yMotor, double[] y) {
        static Mesh parse(String description) {
            String[] w = description.trim().split("\\s+");
            if (w.length < 9 || !w[0].equals("mesh")) {
                return null;
            }
            try {
                return new Mesh(w[1], axis(w[2], w[3], w[4]), w[5], axis(w[6], w[7], w[8]));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static double[] axis(String start, String end, String intervals) {
            double a = Double.parseDouble(start);
            double b = Double.parseDouble(end);
            int n = Integer.parseInt(intervals);
            if (n < 0 || n > 100_000) {
                throw new NumberFormatException("intervals " + n);
            }
            double[] axis = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                axis[i] = n == 0 ? a : a + (b - a) * i / n;
            }
            return axis;
        }

        /** Index of the nearest axis position, or -1 when {@code v} is more than half a step outside. */
        static int nearest(double[] axis, double v) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int i = 0; i < axis.length; i++) {
                double d = Math.abs(axis[i] - v);
                if (d < bestDistance) {
                    best = i;
                    bestDistance = d;
                }
            }
            double step = axis.length > 1 ? Math.abs(axis[1] - axis[0]) : 1;
            return bestDistance <= step / 2 + 1e-9 ? best : -1;
        }
    }
}
