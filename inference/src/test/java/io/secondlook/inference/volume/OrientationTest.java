package io.secondlook.inference.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OrientationTest {

    /** A 4x3x2 LIA grid (FreeSurfer conformed) with distinct values. */
    private static Volume lia() {
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Affine a = Affine.ofColumns(new double[] {-1, 0, 0}, new double[] {0, 0, -2}, new double[] {0, 3, 0},
                new double[] {10, 20, 30});
        return new Volume(4, 3, 2, values, a, "lia");
    }

    @Test
    void codesNameWhereEachVoxelAxisPoints() {
        assertEquals("LIA", lia().orientation());
        assertEquals("RAS", Orientation.code(Affine.scaling(1, 1, 1)));
        // a DICOM axial stack: rows to patient left (LPS +x), columns posterior, slices superior
        Affine axial = Affine.fromLps(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1},
                new double[] {0, 0, 0});
        assertEquals("LPS", Orientation.code(axial));
        assertEquals("RAS", Orientation.code(Affine.ofColumns(new double[] {0.9, 0.1, 0}, new double[] {-0.1, 0.9, 0},
                new double[] {0, 0, 1}, new double[3])), "oblique axes go to the nearest");
    }

    @Test
    void reorientedVoxelsKeepTheirWorldPosition() {
        Volume v = lia();
        Volume ras = Orientation.reorient(v, "RAS");
        assertArrayEquals(new int[] {4, 2, 3}, ras.dims());
        assertEquals("RAS", ras.orientation());
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    double[] w = world(v.affine(), i, j, k);
                    int[] r = voxel(ras.affine(), w);
                    assertEquals(v.value(i, j, k), ras.value(r[0], r[1], r[2]), "voxel " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void restoreUndoesApplyForResults() {
        Volume v = lia();
        Reorientation r = Orientation.between(v, "PSR");
        Volume moved = r.apply(v);
        byte[] labels = new byte[24];
        float[] scores = new float[24];
        for (int t = 0; t < 24; t++) {
            labels[t] = (byte) moved.values()[t];
            scores[t] = moved.values()[t] / 2;
        }
        byte[] back = r.restore(labels);
        float[] backScores = r.restore(scores);
        for (int s = 0; s < 24; s++) {
            assertEquals(s, back[s]);
            assertEquals(s / 2f, backScores[s]);
        }
        assertArrayEquals(labels, r.forward(back));
        assertEquals(v, Orientation.reorient(v, "LIA"), "identity keeps the volume");
    }

    @Test
    void badCodesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Orientation.between(lia(), "LIX"));
        assertThrows(IllegalArgumentException.class, () -> Orientation.between(lia(), "LRA"));
        assertThrows(IllegalArgumentException.class, () -> Orientation.between(lia(), "LI"));
    }

    private static double[] world(Affine a, int i, int j, int k) {
        double[] r = a.rows();
        return new double[] {r[0] * i + r[1] * j + r[2] * k + r[3], r[4] * i + r[5] * j + r[6] * k + r[7],
            r[8] * i + r[9] * j + r[10] * k + r[11]};
    }

    /** Inverse of an axis-aligned affine. */
    private static int[] voxel(Affine a, double[] w) {
        int[] out = new int[3];
        for (int axis = 0; axis < 3; axis++) {
            double[] c = a.column(axis);
            double[] o = a.origin();
            for (int d = 0; d < 3; d++) {
                if (c[d] != 0) {
                    out[axis] = (int) Math.round((w[d] - o[d]) / c[d]);
                }
            }
        }
        return out;
    }
}
