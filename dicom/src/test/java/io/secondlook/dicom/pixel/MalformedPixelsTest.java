package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image attributes that cannot be right give a DicomException, never an overflow or an enormous allocation. */
class MalformedPixelsTest {

    private static DicomFile image(int rows, int columns, String photometric) {
        Dataset ds = new Dataset();
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 16);
        ds.setInt(Tag.HighBit, VR.US, 15);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, photometric);
        ds.setBytes(Tag.PixelData, VR.OW, new byte[64]);
        return new DicomFile(null, new Dataset(), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), List.of());
    }

    @Test
    void frameLargerThanAnArrayIsRefused() {
        // 65535 x 65535 overflows an int pixel count; it must be reported, not wrapped around.
        DicomException e = assertThrows(DicomException.class, () -> PixelPipeline.grayscale(image(65535, 65535, "MONOCHROME2"), 0));
        assertTrue(e.getMessage().contains("65535x65535"), e.getMessage());
    }

    @Test
    void segmentedPaletteErrorsAreReported() throws Exception {
        assertArrayEquals(new int[] {10, 20, 30, 40, 10, 20, 30, 40}, PaletteLut.expandSegmented(new int[] {0, 2, 10, 20, 1, 2, 40, 2, 2, 0, 0}, 16));
        assertThrows(DicomException.class, () -> PaletteLut.expandSegmented(new int[] {1, 4, 100}, 16), "linear first");
        assertThrows(DicomException.class, () -> PaletteLut.expandSegmented(new int[] {0, 9, 1}, 16), "discrete past the end");
        assertThrows(DicomException.class, () -> PaletteLut.expandSegmented(new int[] {0, 1, 5, 2, 1, 3, 0}, 16), "indirect to itself");
        assertThrows(DicomException.class, () -> PaletteLut.expandSegmented(new int[] {0, 1, 5, 7, 1}, 16), "unknown opcode");
        DicomFile palette = image(4, 4, "PALETTE COLOR");
        assertThrows(DicomException.class, () -> PixelPipeline.color(palette, 0), "no tables");
    }
}
