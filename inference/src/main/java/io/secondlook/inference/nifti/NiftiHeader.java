package io.secondlook.inference.nifti;

import io.secondlook.inference.volume.Affine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The NIfTI-1 header fields a reader needs (the 348-byte {@code nifti_1_header}).
 *
 * @param dim {@code dim[0..7]}: rank, then the size along each axis
 * @param pixdim {@code pixdim[0..7]}: {@code pixdim[0]} is the qform handedness (qfac), then voxel sizes
 */
public record NiftiHeader(ByteOrder order, short[] dim, short datatype, short bitpix, float[] pixdim,
                          float voxOffset, float sclSlope, float sclInter, short qformCode, short sformCode,
                          float[] quatern, float[] srow, String magic) {

    public static final int SIZE = 348;

    public static final short UINT8 = 2;
    public static final short INT16 = 4;
    public static final short INT32 = 8;
    public static final short FLOAT32 = 16;
    public static final short FLOAT64 = 64;
    public static final short INT8 = 256;
    public static final short UINT16 = 512;
    public static final short UINT32 = 768;

    /** Parses the first 348 bytes, detecting the byte order from {@code sizeof_hdr}; null if not NIfTI-1. */
    static NiftiHeader parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != SIZE) {
                return null;
            }
        }
        short[] dim = new short[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
        }
        float[] pixdim = new float[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        float[] quatern = new float[6];
        for (int i = 0; i < 6; i++) {
            quatern[i] = b.getFloat(256 + 4 * i);
        }
        float[] srow = new float[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(280 + 4 * i);
        }
        String magic = new String(bytes, 344, 3, java.nio.charset.StandardCharsets.US_ASCII);
        return new NiftiHeader(b.order(), dim, b.getShort(70), b.getShort(72), pixdim, b.getFloat(108),
                b.getFloat(112), b.getFloat(116), b.getShort(252), b.getShort(254), quatern, srow, magic);
    }

    public int nx() {
        return dim[1];
    }

    public int ny() {
        return dim[0] >= 2 ? dim[2] : 1;
    }

    public int nz() {
        return dim[0] >= 3 ? dim[3] : 1;
    }

    /** Volumes along the 4th and higher dimensions (1 for a 3D image). */
    public long extraVolumes() {
        long n = 1;
        for (int d = 4; d <= Math.min(dim[0], 7); d++) {
            n *= Math.max(1, dim[d]);
        }
        return n;
    }

    /** Whether values must be scaled: NIfTI says scl_slope 0 means "no scaling". */
    public boolean scaled() {
        return sclSlope != 0 && Float.isFinite(sclSlope) && (sclSlope != 1 || sclInter != 0);
    }

    /**
     * Voxel-to-world mapping in RAS: the sform when its code is set, else the qform (quaternion), else voxel sizes
     * only ("method 1" of the NIfTI-1 standard).
     */
    public Affine affine() {
        if (sformCode > 0) {
            double[] r = new double[12];
            for (int i = 0; i < 12; i++) {
                r[i] = srow[i];
            }
            return new Affine(r);
        }
        double dx = Math.abs(pixdim[1]) > 0 ? pixdim[1] : 1;
        double dy = Math.abs(pixdim[2]) > 0 ? pixdim[2] : 1;
        double dz = Math.abs(pixdim[3]) > 0 ? pixdim[3] : 1;
        if (qformCode <= 0) {
            return Affine.scaling(dx, dy, dz);
        }
        return quaternionAffine(dx, dy, dz);
    }

    private Affine quaternionAffine(double dx, double dy, double dz) {
        double b = quatern[0];
        double c = quatern[1];
        double d = quatern[2];
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            double n = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= n;
            c *= n;
            d *= n;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double qfac = pixdim[0] < 0 ? -1 : 1;
        dz *= qfac;
        return new Affine(new double[] {
            (a * a + b * b - c * c - d * d) * dx, 2 * (b * c - a * d) * dy, 2 * (b * d + a * c) * dz, quatern[3],
            2 * (b * c + a * d) * dx, (a * a + c * c - b * b - d * d) * dy, 2 * (c * d - a * b) * dz, quatern[4],
            2 * (b * d - a * c) * dx, 2 * (c * d + a * b) * dy, (a * a + d * d - c * c - b * b) * dz, quatern[5]});
    }
}
