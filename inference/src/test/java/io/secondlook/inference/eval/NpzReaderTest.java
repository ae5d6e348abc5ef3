package io.secondlook.inference.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {

    @Test
    void readsPneumoniaMnistShapes() throws IOException {
        try (NpzReader npz = NpzReader.open(TestData.pneumoniaNpz())) {
            assertEquals(Set.of("train_images", "train_labels", "val_images", "val_labels", "test_images",
                    "test_labels"), npz.names());
            int[][] expected = {{4708, 28, 28}, {524, 28, 28}, {624, 28, 28}};
            String[] splits = {"train", "val", "test"};
            for (int s = 0; s < splits.length; s++) {
                NpyArray images = npz.array(splits[s] + "_images");
                NpyArray labels = npz.array(splits[s] + "_labels");
                assertEquals("u1", images.dtype());
                assertArrayEquals(expected[s], images.shape());
                assertArrayEquals(new int[] {expected[s][0], 1}, labels.shape());
                for (int i = 0; i < labels.size(); i++) {
                    long v = labels.getLong(i);
                    assertTrue(v == 0 || v == 1, "label " + v);
                }
            }
            // PneumoniaMNIST's test split: 234 normal, 390 pneumonia.
            NpyArray test = npz.array("test_labels");
            int positives = 0;
            for (int i = 0; i < test.size(); i++) {
                positives += (int) test.getLong(i);
            }
            assertEquals(390, positives);
        }
    }

    @Test
    void readsInt64AndFloat32LittleEndian(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.npz");
        ByteBuffer longs = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(0)
                .putLong(1L << 40);
        ByteBuffer floats = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1.25f)
                .putFloat(3e-8f).putFloat(1e6f);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("l.npy"));
            zip.write(npy("<i8", "(3,)", longs.array()));
            zip.putNextEntry(new ZipEntry("f.npy"));
            zip.write(npy("<f4", "(2, 2)", floats.array()));
        }
        try (NpzReader npz = NpzReader.open(file)) {
            NpyArray l = npz.array("l");
            assertArrayEquals(new int[] {3}, l.shape());
            assertEquals(-3, l.getLong(0));
            assertEquals(1L << 40, l.getLong(2));
            NpyArray f = npz.array("f");
            assertEquals("f4", f.dtype());
            assertArrayEquals(new int[] {2, 2}, f.shape());
            assertEquals(-1.25, f.getDouble(1));
            assertEquals(3e-8f, (float) f.getDouble(2));
            IOException missing = assertThrows(IOException.class, () -> npz.array("nope"));
            assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        }
    }

    @Test
    void rejectsFortranOrderAndBadMagic() {
        byte[] fortran = npy("<f4", "(1,)", new byte[4]);
        String header = new String(fortran, StandardCharsets.ISO_8859_1).replace("'fortran_order': False",
                "'fortran_order': True ");
        assertThrows(IllegalArgumentException.class,
                () -> NpzReader.parse(header.getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(IllegalArgumentException.class, () -> NpzReader.parse(new byte[16]));
    }

    /** A version 1.0 .npy file as numpy.save writes it. */
    static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }
}
