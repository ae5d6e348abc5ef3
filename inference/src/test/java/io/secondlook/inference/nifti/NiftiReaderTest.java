package io.secondlook.inference.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestData;
import io.secondlook.inference.volume.Volume;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheBrainchopT1() throws IOException {
        Path file = TestData.shared().resolve("corpus/model/brainchop_meshnet_gwm_onnx/t1_crop.nii.gz");
        Volume v = NiftiReader.read(file);
        assertArrayEquals(new int[] {256, 256, 256}, v.dims());
        assertArrayEquals(new double[] {1, 1, 1}, v.spacing(), 1e-9);
        assertEquals("LIA", v.orientation(), "FreeSurfer conformed");
        assertArrayEquals(new double[] {-1, 0, 0, 127.5999984741211, 0, 0, 1, -133.48001098632812,
            0, -1, 0, 134.47999572753906}, v.affine().rows(), 1e-9);
        // oracle: numpy on the raw uint8 voxels
        assertEquals(83, v.value(128, 128, 128));
        assertEquals(4, v.value(60, 100, 140));
        double sum = 0;
        for (float x : v.values()) {
            sum += x;
        }
        assertEquals(279_078_935, sum);
        assertArrayEquals(new float[] {0, 255}, v.range());
        NiftiHeader h = NiftiReader.header(file);
        assertEquals(NiftiHeader.UINT8, h.datatype());
        assertEquals(2, h.sformCode());
    }

    @Test
    void bigEndianInt16WithScalingAndQuaternion() throws IOException {
        short[] raw = {-3, 0, 7, 1000, -32768, 32767};
        ByteBuffer data = ByteBuffer.allocate(raw.length * 2).order(ByteOrder.BIG_ENDIAN);
        for (short s : raw) {
            data.putShort(s);
        }
        // qform: 90 degrees about z (b=c=0, d=sin 45), qfac -1, voxel 2 x 3 x 4 mm, offset (10, 20, 30)
        double d = Math.sqrt(0.5);
        Header h = new Header(new int[] {3, 2, 3, 1}, NiftiHeader.INT16, 16);
        h.pixdim = new float[] {-1, 2, 3, 4};
        h.slope = 2;
        h.inter = -10;
        h.qform = 1;
        h.quatern = new float[] {0, 0, (float) d, 10, 20, 30};
        Path file = write("be.nii", h, data.array(), ByteOrder.BIG_ENDIAN, false);
        Volume v = NiftiReader.read(file);
        float[] expected = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            expected[i] = raw[i] * 2f - 10;
        }
        assertArrayEquals(expected, v.values());
        // R = [[0,-1,0],[1,0,0],[0,0,1]] times diag(2, 3, -4)
        assertArrayEquals(new double[] {0, -3, 0, 10, 2, 0, 0, 20, 0, 0, -4, 30}, v.affine().rows(), 1e-6);
        assertEquals("ALI", v.orientation());
    }

    @Test
    void littleEndianFloat32UncompressedWithoutTransformsUsesVoxelSizes() throws IOException {
        float[] raw = {0.5f, -1.25f, 3e6f, Float.MIN_VALUE};
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : raw) {
            data.putFloat(f);
        }
        Header h = new Header(new int[] {3, 2, 2, 1}, NiftiHeader.FLOAT32, 32);
        h.pixdim = new float[] {1, 0.5f, 0.75f, 2};
        Path file = write("f.nii", h, data.array(), ByteOrder.LITTLE_ENDIAN, false);
        Volume v = NiftiReader.read(file);
        assertArrayEquals(raw, v.values());
        assertArrayEquals(new double[] {0.5, 0.75, 2}, v.spacing(), 1e-9);
        assertEquals(0.75, v.voxelVolumeMm3(), 1e-9);
    }

    @Test
    void fourDimensionalFileGivesItsFirstVolume() throws IOException {
        byte[] raw = {1, 2, 3, 4, 5, 6, 7, 8};
        Header h = new Header(new int[] {4, 2, 2, 1, 2}, NiftiHeader.UINT8, 8);
        Path file = write("4d.nii.gz", h, raw, ByteOrder.LITTLE_ENDIAN, true);
        assertArrayEquals(new float[] {1, 2, 3, 4}, NiftiReader.read(file).values());
    }

    @Test
    void truncatedUnsupportedAndForeignFilesAreRefusedWithTheReason() throws IOException {
        Header h = new Header(new int[] {3, 4, 4, 4}, NiftiHeader.UINT8, 8);
        Path truncated = write("short.nii.gz", h, new byte[10], ByteOrder.LITTLE_ENDIAN, true);
        NiftiException e = assertThrows(NiftiException.class, () -> NiftiReader.read(truncated));
        assertTrue(e.getMessage().contains("short.nii.gz") && e.getMessage().contains("truncated"), e.getMessage());

        Header rgb = new Header(new int[] {3, 1, 1, 1}, (short) 128, 24);
        Path colour = write("rgb.nii", rgb, new byte[3], ByteOrder.LITTLE_ENDIAN, false);
        e = assertThrows(NiftiException.class, () -> NiftiReader.read(colour));
        assertTrue(e.getMessage().contains("datatype 128"), e.getMessage());

        Path text = dir.resolve("notes.nii");
        Files.writeString(text, "not an image ".repeat(40));
        e = assertThrows(NiftiException.class, () -> NiftiReader.read(text));
        assertTrue(e.getMessage().contains("not a NIfTI-1 file"), e.getMessage());
    }

    /** The header fields the tests vary. */
    private static final class Header {
        final int[] dim;
        final short datatype;
        final int bitpix;
        float[] pixdim = {1, 1, 1, 1};
        float slope = 1;
        float inter;
        int qform;
        float[] quatern = new float[6];

        Header(int[] dim, short datatype, int bitpix) {
            this.dim = dim;
            this.datatype = datatype;
            this.bitpix = bitpix;
        }
    }

    private Path write(String name, Header h, byte[] data, ByteOrder order, boolean gzip) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(352).order(order);
        b.putInt(0, 348);
        for (int i = 0; i < h.dim.length; i++) {
            b.putShort(40 + 2 * i, (short) h.dim[i]);
        }
        b.putShort(70, h.datatype);
        b.putShort(72, (short) h.bitpix);
        for (int i = 0; i < h.pixdim.length; i++) {
            b.putFloat(76 + 4 * i, h.pixdim[i]);
        }
        b.putFloat(108, 352);
        b.putFloat(112, h.slope);
        b.putFloat(116, h.inter);
        b.putShort(252, (short) h.qform);
        for (int i = 0; i < 6; i++) {
            b.putFloat(256 + 4 * i, h.quatern[i]);
        }
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(b.array());
            out.write(data);
        }
        return file;
    }
}
