package io.secondlook.inference.volume;

import java.util.Arrays;

/**
 * A lossless voxel reordering between two orientations of the same grid: target axis {@code t} is source axis
 * {@code permutation[t]}, read backwards when {@code flip[t]}. {@link #apply} goes source to target,
 * {@link #restore} maps per-voxel results computed on the target back onto the source grid.
 */
public final class Reorientation {

    private final int[] sourceDims;
    private final int[] permutation;
    private final boolean[] flip;
    private final int[] targetDims = new int[3];
    private final long base;
    private final long[] step = new long[3];

    private Reorientation(int[] sourceDims, int[] permutation, boolean[] flip) {
        this.sourceDims = sourceDims.clone();
        this.permutation = permutation.clone();
        this.flip = flip.clone();
        long[] stride = {1, sourceDims[0], (long) sourceDims[0] * sourceDims[1]};
        long b = 0;
        for (int t = 0; t < 3; t++) {
            int s = permutation[t];
            targetDims[t] = sourceDims[s];
            step[t] = flip[t] ? -stride[s] : stride[s];
            if (flip[t]) {
                b += (sourceDims[s] - 1L) * stride[s];
            }
        }
        base = b;
    }

    static Reorientation of(int[] sourceDims, String sourceCode, String targetCode) {
        if (targetCode.length() != 3) {
            throw new IllegalArgumentException("Orientation code must have 3 letters, got '" + targetCode + "'");
        }
        int[] perm = new int[3];
        boolean[] flip = new boolean[3];
        boolean[] taken = new boolean[3];
        for (int t = 0; t < 3; t++) {
            char want = Character.toUpperCase(targetCode.charAt(t));
            int world = Orientation.worldAxis(want);
            int s = 0;
            while (s < 3 && Orientation.worldAxis(sourceCode.charAt(s)) != world) {
                s++;
            }
            if (s == 3 || taken[s]) {
                throw new IllegalArgumentException("Orientation '" + targetCode + "' repeats an axis");
            }
            taken[s] = true;
            perm[t] = s;
            flip[t] = sourceCode.charAt(s) != want;
        }
        return new Reorientation(sourceDims, perm, flip);
    }

    public boolean isIdentity() {
        return Arrays.equals(permutation, new int[] {0, 1, 2}) && !flip[0] && !flip[1] && !flip[2];
    }

    public int[] targetDims() {
        return targetDims.clone();
    }

    public Volume apply(Volume v) {
        if (isIdentity()) {
            return v;
        }
        float[] out = new float[v.values().length];
        float[] in = v.values();
        forEach((target, source) -> out[target] = in[source]);
        double[][] cols = new double[3][];
        double[] origin = v.affine().origin();
        for (int t = 0; t < 3; t++) {
            double[] c = v.affine().column(permutation[t]);
            if (flip[t]) {
                for (int w = 0; w < 3; w++) {
                    origin[w] += c[w] * (sourceDims[permutation[t]] - 1);
                    c[w] = -c[w];
                }
            }
            cols[t] = c;
        }
        return new Volume(targetDims[0], targetDims[1], targetDims[2], out,
                Affine.ofColumns(cols[0], cols[1], cols[2], origin), v.source());
    }

    /** Per-voxel values on the target grid, back on the source grid. */
    public byte[] restore(byte[] target) {
        if (isIdentity()) {
            return target;
        }
        byte[] out = new byte[target.length];
        forEach((t, s) -> out[s] = target[t]);
        return out;
    }

    public float[] restore(float[] target) {
        if (isIdentity()) {
            return target;
        }
        float[] out = new float[target.length];
        forEach((t, s) -> out[s] = target[t]);
        return out;
    }

    /** Per-voxel values on the source grid, on the target grid. */
    public byte[] forward(byte[] source) {
        if (isIdentity()) {
            return source;
        }
        byte[] out = new byte[source.length];
        forEach((t, s) -> out[t] = source[s]);
        return out;
    }

    private interface IndexPair {
        void accept(int target, int source);
    }

    private void forEach(IndexPair f) {
        int t = 0;
        for (int z = 0; z < targetDims[2]; z++) {
            for (int y = 0; y < targetDims[1]; y++) {
                long s = base + z * step[2] + y * step[1];
                for (int x = 0; x < targetDims[0]; x++, t++, s += step[0]) {
                    f.accept(t, (int) s);
                }
            }
        }
    }
}
