package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.VR;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Overlay bitmaps against dcmtk's rendering and pydicom's overlay_array; per-frame planes of enhanced CT. */
class OverlayAndPlaneTest {

    @ParameterizedTest
    @ValueSource(strings = {"modality/MR-SIEMENS-DICOM-WithOverlays.dcm", "modality/examples_overlay.dcm"})
    void overlayBitsAreWhereDcm2pnmDrawsThem(String name) throws Exception {
        Path file = Corpus.dicom(name);
        List<Overlay> overlays = PixelPipeline.overlays(DicomReader.read(file), 0);
        assertEquals(1, overlays.size());
        Overlay overlay = overlays.get(0);
        assertEquals(0x6000, overlay.group());
        assertTrue(overlay.count() > 100, "overlay bits set: " + overlay.count());
        // A window so wide the image stays mid-grey: dcmtk's Replace mode turns overlay pixels white.
        ExternalTools.Pnm plain = ExternalTools.dcm2pnm(file, "-O", "+Ww", "2048", "100000");
        ExternalTools.Pnm drawn = ExternalTools.dcm2pnm(file, "+O", "0", "+Ww", "2048", "100000");
        int mismatches = 0;
        for (int y = 0; y < plain.height(); y++) {
            for (int x = 0; x < plain.width(); x++) {
                int i = y * plain.width() + x;
                boolean dcmtk = plain.sample(i) != drawn.sample(i);
                mismatches += dcmtk == overlay.coversImagePixel(x, y) ? 0 : 1;
            }
        }
        assertEquals(0, mismatches);
    }

    @Test
    void overlayMatchesPydicomOverlayArray() throws Exception {
        Path file = Corpus.dicom("modality/MR-SIEMENS-DICOM-WithOverlays.dcm");
        byte[] expected = ExternalTools.pydicom(String.join("\n",
                "import sys, numpy as np, pydicom",
                "ds = pydicom.dcmread(sys.argv[1])",
                "sys.stdout.buffer.write(ds.overlay_array(0x6000).astype(np.uint8).tobytes())"), file.toString());
        assertArrayEquals(expected, PixelPipeline.overlays(DicomReader.read(file), 0).get(0).bits());
    }

    @Test
    void overlayEmbeddedInHighBitsOfPixelData() throws Exception {
        DicomFile mr = DicomReader.read(Corpus.dicom("modality/MR-SIEMENS-DICOM-WithOverlays.dcm"));
        Overlay fromData = PixelPipeline.overlays(mr, 0).get(0);
        // Move the overlay into bit 15 of each pixel (12 bits stored), as old scanners did.
        Dataset ds = mr.dataset().copy();
        byte[] pixels = ds.getBytes(Tag.PixelData).clone();
        for (int i = 0; i < fromData.bits().length; i++) {
            pixels[2 * i + 1] = (byte) ((pixels[2 * i + 1] & 0x7F) | fromData.bits()[i] << 7);
        }
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        ds.remove(0x60003000);
        ds.setInt(0x60000100, VR.US, 16);
        ds.setInt(0x60000102, VR.US, 15);
        DicomFile embedded = new DicomFile(null, mr.fileMeta(), ds, mr.transferSyntaxUid(), List.of());
        Overlay fromPixels = PixelPipeline.overlays(embedded, 0).get(0);
        assertTrue(fromPixels.embedded());
        assertArrayEquals(fromData.bits(), fromPixels.bits());
        // The pixel values themselves are unchanged by the overlay bit: Bits Stored masks it away.
        assertArrayEquals(PixelPipeline.canonicalFrameBytes(mr, 0), PixelPipeline.canonicalFrameBytes(embedded, 0));
    }

    @Test
    void enhancedCtFramesHaveTheirOwnPlanes() throws Exception {
        DicomFile ct = DicomReader.read(Corpus.dicom("modality/eCT_Supplemental.dcm"));
        // Values as dcmdump shows them in the Per-frame Functional Groups Sequence.
        FramePlane first = PixelPipeline.framePlane(ct, 0);
        FramePlane second = PixelPipeline.framePlane(ct, 1);
        assertArrayEquals(new double[] {99.5, -301.5, -159.0}, first.position(), 1e-9);
        assertArrayEquals(new double[] {99.5, -301.5, -149.0}, second.position(), 1e-9);
        assertEquals(6, first.orientation().length);
        assertArrayEquals(first.orientation(), second.orientation(), 0);
        assertEquals(2, first.pixelSpacing().length);
        double[] normal = first.normal();
        double along = (second.position()[0] - first.position()[0]) * normal[0] + (second.position()[1] - first.position()[1]) * normal[1]
                + (second.position()[2] - first.position()[2]) * normal[2];
        assertEquals(10.0, Math.abs(along), 1e-6);
    }

    @Test
    void singleFrameImagesUseTopLevelGeometry() throws Exception {
        DicomFile ct = DicomReader.read(Corpus.dicom("modality/ct_image.dcm"));
        FramePlane plane = PixelPipeline.framePlane(ct, 0);
        assertArrayEquals(ct.dataset().getDoubles(Tag.ImagePositionPatient), plane.position(), 0);
        assertArrayEquals(ct.dataset().getDoubles(Tag.ImageOrientationPatient), plane.orientation(), 0);
    }
}
