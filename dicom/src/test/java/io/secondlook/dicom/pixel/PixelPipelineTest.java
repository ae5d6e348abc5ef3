package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PixelPipelineTest {

    @Test
    void ctValuesAreHounsfieldUnits() throws Exception {
        DicomFile ct = DicomReader.read(Corpus.dicom("transfer_syntax/CT_small.dcm"));
        GrayscaleFrame frame = PixelPipeline.grayscale(ct, 0);
        assertEquals(128, frame.width());
        assertEquals(128, frame.height());
        ByteBuffer raw = ByteBuffer.wrap(PixelPipeline.canonicalFrameBytes(ct, 0)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frame.values().length; i += 97) {
            assertEquals(raw.getShort(i * 2) - 1024f, frame.values()[i], "pixel " + i);
        }
        assertFalse(frame.monochrome1());
        // CT_small has no window: the default covers the value range
        float[] range = frame.range();
        assertEquals((range[0] + range[1]) / 2.0, frame.defaultWindow().center(), 1e-3);
        assertEquals(range[1] - range[0], frame.defaultWindow().width(), 1e-3);
    }

    @Test
    void windowFromFileIsTheDefault() throws Exception {
        DicomFile mr = DicomReader.read(Corpus.dicom("transfer_syntax/MR_small.dcm"));
        double[] centers = mr.dataset().getDoubles(Tag.WindowCenter);
        GrayscaleFrame frame = PixelPipeline.grayscale(mr, 0);
        if (centers.length > 0) {
            assertEquals(centers[0], frame.defaultWindow().center());
            assertEquals(mr.dataset().getDoubles(Tag.WindowWidth)[0], frame.defaultWindow().width());
        } else {
            assertEquals("Full range", frame.defaultWindow().name());
        }
    }

    @Test
    void modalityLutSequenceIsApplied() throws Exception {
        DicomFile file = DicomReader.read(Corpus.dicom("modality/mlut_18.dcm"));
        GrayscaleFrame frame = PixelPipeline.grayscale(file, 0);
        // stored 0x0fff is -1 in 12-bit two's complement; the LUT's first entry maps -2048, so entry 2047 applies
        ByteBuffer raw = ByteBuffer.wrap(file.dataset().getBytes(Tag.PixelData)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0fff, raw.getShort(0));
        var item = file.dataset().getSequence(Tag.of(0x0028, 0x3000)).get(0);
        assertEquals(-2048, item.getInts(Tag.of(0x0028, 0x3002))[1]);
        int[] lut = item.getInts(Tag.of(0x0028, 0x3006));
        assertEquals(lut[2047], frame.values()[0]);
        assertTrue(lut[2047] != 0x0fff);
    }

    @Test
    void monochrome1IsFlagged() throws Exception {
        DicomFile dx = DicomReader.read(Corpus.dicom("modality/dx_image.dcm"));
        assertTrue(PixelPipeline.grayscale(dx, 0).monochrome1());
    }

    @Test
    void floatPixelDataIsReturnedAsIs() throws Exception {
        DicomFile pm = DicomReader.read(Corpus.dicom("transfer_syntax/parametric_map_float.dcm"));
        GrayscaleFrame frame = PixelPipeline.grayscale(pm, 0);
        float first = ByteBuffer.wrap(pm.dataset().getBytes(Tag.FloatPixelData)).order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
        assertEquals(first, frame.values()[0]);
    }

    @Test
    void rgbGivesLuminance() throws Exception {
        DicomFile rgb = DicomReader.read(Corpus.dicom("transfer_syntax/SC_rgb.dcm"));
        GrayscaleFrame frame = PixelPipeline.grayscale(rgb, 0);
        // row 5 is pure red (255, 0, 0)
        assertEquals(0.299 * 255, frame.value(50, 5), 1e-3);
    }

    @Test
    void everyFrameOfAMultiFrameFileDecodes() throws Exception {
        DicomFile emri = DicomReader.read(Corpus.dicom("transfer_syntax/emri_small.dcm"));
        assertEquals(10, ImagePixelDescription.from(emri.dataset()).frames());
        GrayscaleFrame last = PixelPipeline.grayscale(emri, 9);
        assertEquals(64 * 64, last.values().length);
        DicomException e = assertThrows(DicomException.class, () -> PixelPipeline.grayscale(emri, 10));
        assertTrue(e.getMessage().contains("frame 10"), e.getMessage());
    }

    @Test
    void compressedTransferSyntaxIsNamedInTheError() throws Exception {
        DicomFile htj2k = DicomReader.read(Corpus.dicom("transfer_syntax/HTJ2KLossless_08_RGB.dcm"));
        DicomException e = assertThrows(DicomException.class, () -> PixelPipeline.grayscale(htj2k, 0));
        assertTrue(e.getMessage().contains("HTJ2KLossless_08_RGB.dcm"), e.getMessage());
        assertTrue(e.getMessage().contains("High-Throughput JPEG 2000 Image Compression (Lossless Only) (1.2.840.10008.1.2.4.201) is not supported"), e.getMessage());
    }

    @Test
    void voiLutMapsTheDefaultWindowToDisplayRange() throws Exception {
        DicomFile ct = DicomReader.read(Corpus.dicom("transfer_syntax/CT_small.dcm"));
        GrayscaleFrame frame = PixelPipeline.grayscale(ct, 0);
        byte[] display = VoiLut.toDisplay(frame, frame.defaultWindow());
        int min = 255;
        int max = 0;
        for (byte b : display) {
            min = Math.min(min, b & 0xFF);
            max = Math.max(max, b & 0xFF);
        }
        assertEquals(0, min);
        assertEquals(255, max);
    }
}
