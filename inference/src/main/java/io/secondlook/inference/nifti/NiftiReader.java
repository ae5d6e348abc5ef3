package io.secondlook.inference.nifti;

import io.secondlook.inference.volume.Volume;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads single-file NIfTI-1 images ({@code .nii}, {@code .nii.gz}; gzip is detected from the content) into a
 * {@link Volume}: integer and float data types in either byte order, scl_slope/scl_inter applied, the affine from
 * the sform, else the qform, else the voxel sizes. Only the first volume of a 4D file is read.
 */
public final class NiftiReader {

    private NiftiReader() {
    }

    public static Volume read(Path file) throws NiftiException {
        try (InputStream in = open(file)) {
            byte[] head = in.readNBytes(NiftiHeader.SIZE);
            if (head.length < NiftiHeader.SIZE) {
                throw new NiftiException(file, "too short for a NIfTI-1 header (" + head.length + " bytes)");
            }
            NiftiHeader h = NiftiHeader.parse(head);
            if (h == null) {
                throw new NiftiException(file, "not a NIfTI-1 file (sizeof_hdr is not 348)");
            }
            if (!"n+1".equals(h.magic())) {
                throw new NiftiException(file, "magic '" + h.magic().trim()
                        + "' is not a single-file NIfTI-1 image (n+1); .hdr/.img pairs and NIfTI-2 are not supported");
            }
            int rank = h.dim()[0];
            if (rank < 1 || rank > 7 || h.nx() <= 0 || h.ny() <= 0 || h.nz() <= 0) {
                throw new NiftiException(file, "invalid dimensions " + java.util.Arrays.toString(h.dim()));
            }
            int bytesPerVoxel = bytesPerVoxel(h.datatype());
            if (bytesPerVoxel < 0) {
                throw new NiftiException(file, "unsupported datatype " + h.datatype()
                        + " (supported: int8/16/32, uint8/16/32, float32/64)");
            }
            long voxels = (long) h.nx() * h.ny() * h.nz();
            if (voxels * bytesPerVoxel > Integer.MAX_VALUE - 8) {
                throw new NiftiException(file, "volume too large (" + voxels + " voxels)");
            }
            long skip = (long) h.voxOffset() - NiftiHeader.SIZE;
            if (skip < 0) {
                throw new NiftiException(file, "vox_offset " + h.voxOffset() + " lies inside the header");
            }
            in.skipNBytes(skip);
            byte[] data = in.readNBytes((int) (voxels * bytesPerVoxel));
            if (data.length < voxels * bytesPerVoxel) {
                throw new NiftiException(file, "image data truncated: " + data.length + " of "
                        + voxels * bytesPerVoxel + " bytes");
            }
            float[] values = decode(data, (int) voxels, h.datatype(), h.order());
            if (h.scaled()) {
                float slope = h.sclSlope();
                float inter = h.sclInter();
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i] * slope + inter;
                }
            }
            return new Volume(h.nx(), h.ny(), h.nz(), values, h.affine(), file.getFileName().toString());
        } catch (EOFException e) {
            throw new NiftiException(file, "unexpected end of file", e);
        } catch (NiftiException e) {
            throw e;
        } catch (IOException e) {
            throw new NiftiException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The header alone, for callers that only need geometry. */
    public static NiftiHeader header(Path file) throws NiftiException {
        try (InputStream in = open(file)) {
            NiftiHeader h = NiftiHeader.parse(in.readNBytes(NiftiHeader.SIZE));
            if (h == null) {
                throw new NiftiException(file, "not a NIfTI-1 file (sizeof_hdr is not 348)");
            }
            return h;
        } catch (NiftiException e) {
            throw e;
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new NiftiException(file, "cannot read header: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    static int bytesPerVoxel(short datatype) {
        return switch (datatype) {
            case NiftiHeader.UINT8, NiftiHeader.INT8 -> 1;
            case NiftiHeader.INT16, NiftiHeader.UINT16 -> 2;
            case NiftiHeader.INT32, NiftiHeader.UINT32, NiftiHeader.FLOAT32 -> 4;
            case NiftiHeader.FLOAT64 -> 8;
            default -> -1;
        };
    }

    private static float[] decode(byte[] data, int n, short datatype, ByteOrder order) {
        float[] v = new float[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        switch (datatype) {
            case NiftiHeader.UINT8 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = data[i] & 0xFF;
                }
            }
            case NiftiHeader.INT8 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = data[i];
                }
            }
            case NiftiHeader.INT16 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getShort(2 * i);
                }
            }
            case NiftiHeader.UINT16 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getShort(2 * i) & 0xFFFF;
                }
            }
            case NiftiHeader.INT32 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt(4 * i);
                }
            }
            case NiftiHeader.UINT32 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt(4 * i) & 0xFFFFFFFFL;
                }
            }
            case NiftiHeader.FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat(4 * i);
                }
            }
            case NiftiHeader.FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) b.getDouble(8 * i);
                }
            }
            default -> throw new IllegalArgumentException("datatype " + datatype);
        }
        return v;
    }
}
