package io.secondlook.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.EncapsulatedPixelData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames of encapsulated Pixel Data found one at a time agree with the whole split. */
class EncapsulatedFramesTest {
    /** Frame 1: fragments 0-1, frame 2: fragment 2, frame 3: fragments 3-5 (lengths 4, 6, 2, 8, 2, 4). */
    private static final List<byte[]> FRAGMENTS = List.of(fragment(4, 1), fragment(6, 2), fragment(2, 3),
            fragment(8, 4), fragment(2, 5), fragment(4, 6));

    @Test
    void eachFrameByTheBasicOffsetTableEqualsTheSplit() throws DicomException {
        EncapsulatedPixelData pixels = new EncapsulatedPixelData(table(4, 0, 26, 36), FRAGMENTS);
        List<byte[]> all = EncapsulatedFrames.split(pixels, 3, null);
        assertEquals(3, all.size());
        assertArrayEquals(new byte[] {1, 1, 1, 1, 2, 2, 2, 2, 2, 2}, all.get(0));
        assertArrayEquals(new byte[] {3, 3}, all.get(1));
        assertEquals(14, all.get(2).length);
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(all.get(f), EncapsulatedFrames.frame(pixels, 3, f, null));
        }
    }

    @Test
    void theExtendedOffsetTableWinsAndABadOffsetNamesItsFrame() throws DicomException {
        EncapsulatedPixelData pixels = new EncapsulatedPixelData(new byte[0], FRAGMENTS);
        assertArrayEquals(new byte[] {3, 3}, EncapsulatedFrames.frame(pixels, 3, 1, table(8, 0, 26, 36)));
        byte[] bad = table(8, 0, 26, 37);
        assertArrayEquals(new byte[] {1, 1, 1, 1, 2, 2, 2, 2, 2, 2}, EncapsulatedFrames.frame(pixels, 3, 0, bad),
                "a frame whose own offsets are sound decodes");
        DicomException e = assertThrows(DicomException.class, () -> EncapsulatedFrames.frame(pixels, 3, 2, bad));
        assertTrue(e.getMessage().contains("offset 37 of frame 3"), e.getMessage());
        assertThrows(DicomException.class, () -> EncapsulatedFrames.frame(pixels, 3, 3, null));
    }

    @Test
    void withoutATableFramesEndAtEndOfImageMarkers() throws DicomException {
        List<byte[]> fragments = List.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 7, 7}, new byte[] {8, (byte) 0xFF, (byte) 0xD9, 0},
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        EncapsulatedPixelData pixels = new EncapsulatedPixelData(new byte[0], fragments);
        assertEquals(8, EncapsulatedFrames.frame(pixels, 2, 0, null).length);
        assertArrayEquals(fragments.get(2), EncapsulatedFrames.frame(pixels, 2, 1, null));
    }

    private static byte[] fragment(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] table(int width, long... offsets) {
        ByteBuffer b = ByteBuffer.allocate(offsets.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (long o : offsets) {
            if (width == 8) {
                b.putLong(o);
            } else {
                b.putInt((int) o);
            }
        }
        return b.array();
    }
}
