package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VOI windows (LINEAR, LINEAR_EXACT, SIGMOID), VOI LUT tables and Presentation LUT Shape against dcmtk and pydicom. */
class VoiDisplayTest {

    private static void assertSameDisplay(byte[] ours, ExternalTools.Pnm pnm, int tolerance) {
        assertEquals(1, pnm.channels());
        assertEquals(pnm.samples().length, ours.length);
        int worst = 0;
        int at = -1;
        for (int i = 0; i < ours.length; i++) {
            int d = Math.abs((ours[i] & 0xFF) - pnm.sample(i));
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, "differs by " + worst + " at " + at + ": ours " + (at < 0 ? 0 : ours[at] & 0xFF)
                + ", dcm2pnm " + (at < 0 ? 0 : pnm.sample(at)));
    }

    @Test
    void fileWindowsMatchDcm2pnm() throws Exception {
        for (String name : List.of("modality/MR-SIEMENS-DICOM-WithOverlays.dcm", "modality/3.dcm", "modality/1.dcm", "modality/2.dcm")) {
            Path file = Corpus.dicom(name);
            DicomFile dicom = DicomReader.read(file);
            List<VoiWindow> windows = PixelPipeline.windows(dicom, 0);
            assertFalse(windows.isEmpty(), name);
            GrayscaleFrame frame = PixelPipeline.grayscale(dicom, 0);
            for (int w = 0; w < windows.size(); w++) {
                assertSameDisplay(VoiLut.toDisplay(frame, windows.get(w)),
                        ExternalTools.dcm2pnm(file, "-O", "+Wi", Integer.toString(w + 1)), 1);
            }
            assertSameDisplay(PixelPipeline.display(dicom, 0), ExternalTools.dcm2pnm(file, "-O", "+Wi", "1"), 1);
        }
    }

    @Test
    void sigmoidMatchesDcm2pnm() throws Exception {
        Path file = Corpus.dicom("modality/ct_image.dcm");
        DicomFile dicom = DicomReader.read(file);
        GrayscaleFrame frame = PixelPipeline.grayscale(dicom, 0);
        for (double[] cw : new double[][] {{40, 400}, {-600, 1500}, {300, 50}}) {
            VoiWindow window = new VoiWindow(cw[0], cw[1], "", VoiFunction.SIGMOID);
            assertSameDisplay(VoiLut.toDisplay(frame, window), ExternalTools.dcm2pnm(file, "+Ww",
                    Double.toString(cw[0]), Double.toString(cw[1]), "+Wfs"), 1);
        }
    }

    @Test
    void linearExactMatchesPydicom() throws Exception {
        // An 8-bit unsigned image without rescale: pydicom's window output range is then 0..255 like ours.
        Path file = Corpus.dicom("modality/vlut_04.dcm");
        DicomFile dicom = DicomReader.read(file);
        GrayscaleFrame frame = PixelPipeline.grayscale(dicom, 0);
        for (String function : List.of("LINEAR_EXACT", "LINEAR", "SIGMOID")) {
            byte[] expected = ExternalTools.pydicom(String.join("\n",
                    "import sys, numpy as np, pydicom",
                    "from pydicom.pixel_data_handlers.util import apply_windowing",
                    "ds = pydicom.dcmread(sys.argv[1])",
                    "del ds.VOILUTSequence",
                    "ds.WindowCenter, ds.WindowWidth, ds.VOILUTFunction = 100.5, 60.25, sys.argv[2]",
                    "out = apply_windowing(ds.pixel_array.astype(np.float64), ds)",
                    "sys.stdout.buffer.write(np.round(out).astype(np.uint8).tobytes())"), file.toString(), function);
            byte[] ours = VoiLut.toDisplay(frame, new VoiWindow(100.5, 60.25, "", VoiFunction.of(function)));
            for (int i = 0; i < ours.length; i++) {
                assertTrue(Math.abs((ours[i] & 0xFF) - (expected[i] & 0xFF)) <= 1,
                        function + " pixel " + i + ": ours " + (ours[i] & 0xFF) + ", pydicom " + (expected[i] & 0xFF));
            }
        }
    }

    @Test
    void voiLutSequenceMatchesDcm2pnm() throws Exception {
        Path file = Corpus.dicom("modality/vlut_04.dcm");
        DicomFile dicom = DicomReader.read(file);
        List<LookupTable> tables = PixelPipeline.voiLuts(dicom, 0);
        assertEquals(1, tables.size());
        assertEquals(256, tables.get(0).size());
        assertSameDisplay(PixelPipeline.display(dicom, 0), ExternalTools.dcm2pnm(file, "+Wl", "1"), 0);
    }

    @Test
    void inversePresentationAndMonochrome1MatchDcm2pnm() throws Exception {
        Path dx = Corpus.dicom("modality/dx_image.dcm");
        DicomFile dicom = DicomReader.read(dx);
        assertTrue(PixelPipeline.grayscale(dicom, 0).monochrome1());
        assertSameDisplay(PixelPipeline.display(dicom, 0), ExternalTools.dcm2pnm(dx, "+Wi", "1"), 1);
        // MONOCHROME2 with Presentation LUT Shape INVERSE is shown inverted too.
        DicomFile mr = DicomReader.read(Corpus.dicom("modality/MR-SIEMENS-DICOM-WithOverlays.dcm"));
        Dataset inverted = mr.dataset().copy();
        inverted.setString(0x20500020, VR.CS, "INVERSE");
        Path file = tmp.resolve("inverse.dcm");
        DicomWriter.write(file, mr.fileMeta(), inverted, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DicomFile reread = DicomReader.read(file);
        assertTrue(PixelPipeline.grayscale(reread, 0).monochrome1());
        assertSameDisplay(PixelPipeline.display(reread, 0), ExternalTools.dcm2pnm(file, "-O", "+Wi", "1"), 1);
    }

    @TempDir
    Path tmp;

    @Test
    void windowKeepsItsFunctionWhenAdjusted() {
        VoiWindow sigmoid = new VoiWindow(40, 400, "Soft", VoiFunction.SIGMOID);
        assertEquals(VoiFunction.SIGMOID, sigmoid.withCenterWidth(50, 300).function());
        assertEquals(VoiFunction.LINEAR, new VoiWindow(40, 400, "Soft").function());
        assertEquals(0.5, VoiFunction.LINEAR_EXACT.apply(40, 40, 400), 1e-12);
        assertEquals(0.5, VoiFunction.SIGMOID.apply(40, 40, 400), 1e-12);
    }
}
