package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The loops without per-pixel dispatch (16-bit samples through the Modality LUT, whole-number values through a
 * window by table) give exactly what the per-pixel definitions give.
 */
class PixelFastPathTest {

    private static byte[] displayPerPixel(GrayscaleFrame frame, VoiWindow window) {
        float[] v = frame.values();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            int d = (int) Math.round(window.function().apply(v[i], window.center(), window.width()) * 255);
            out[i] = (byte) (frame.monochrome1() ? 255 - d : d);
        }
        return out;
    }

    private static List<VoiWindow> windows() {
        return List.of(new VoiWindow(40, 400, "", VoiFunction.LINEAR), new VoiWindow(-600.5, 1500, "", VoiFunction.LINEAR),
                new VoiWindow(40, 1, "", VoiFunction.LINEAR), new VoiWindow(300, 50, "", VoiFunction.LINEAR_EXACT),
                new VoiWindow(0, 2000, "", VoiFunction.SIGMOID));
    }

    @Test
    void windowByTableEqualsWindowPerPixel() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] cases = new float[5][];
        cases[0] = new float[128 * 128];
        for (int i = 0; i < cases[0].length; i++) {
            cases[0][i] = r.nextInt(-1024, 3072);
        }
        cases[1] = cases[0].clone();
        cases[1][77] = 0.5f; // one fraction: the per-pixel path
        cases[2] = cases[0].clone();
        cases[2][5] = 70_000; // range wider than the table: the per-pixel path
        cases[3] = cases[0].clone();
        cases[3][9] = Float.NaN;
        cases[4] = new float[64 * 64];
        for (int i = 0; i < cases[4].length; i++) {
            cases[4][i] = (float) r.nextDouble(-2e9, 2e9);
        }
        for (float[] values : cases) {
            for (boolean mono1 : new boolean[] {false, true}) {
                GrayscaleFrame frame = new GrayscaleFrame(values.length / (values.length == 4096 ? 64 : 128),
                        values.length == 4096 ? 64 : 128, values, windows().get(0), mono1);
                for (VoiWindow w : windows()) {
                    byte[] expected = displayPerPixel(frame, w);
                    assertArrayEquals(expected, VoiLut.toDisplay(frame, w), w + " mono1=" + mono1);
                    float[] unit = VoiLut.toUnitRange(frame, w);
                    for (int i = 0; i < unit.length; i++) {
                        assertEquals((expected[i] & 0xFF) / 255f, unit[i]);
                    }
                }
            }
        }
    }

    @Test
    void samples16ThroughTheModalityLutEqualApplyPerSample() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] samples = new byte[2 * 5000];
        r.nextBytes(samples);
        for (ModalityLut lut : List.of(ModalityLut.IDENTITY, ModalityLut.linear(1, -1024), ModalityLut.linear(0.37, 12.25),
                ModalityLut.linear(-2.5e-3, 1e6))) {
            for (boolean signed : new boolean[] {false, true}) {
                float[] fast = new float[5000];
                lut.applyToSamples16(samples, signed, fast);
                for (int p = 0; p < fast.length; p++) {
                    int v = (samples[2 * p] & 0xFF) | (samples[2 * p + 1] & 0xFF) << 8;
                    assertEquals(lut.apply(signed ? (short) v : v), fast[p], "sample " + p);
                }
            }
        }
    }

    /** Corpus CT and MR frames: the display through the new paths equals the per-pixel definition. */
    @Test
    void corpusFramesDisplayAsPerPixel() throws Exception {
        for (String name : List.of("modality/ct_image.dcm", "modality/MR-SIEMENS-DICOM-WithOverlays.dcm", "modality/3.dcm")) {
            DicomFile dicom = DicomReader.read(Corpus.dicom(name));
            GrayscaleFrame frame = PixelPipeline.grayscale(dicom, 0);
            for (VoiWindow w : PixelPipeline.windows(dicom, 0)) {
                assertArrayEquals(displayPerPixel(frame, w), VoiLut.toDisplay(frame, w), name);
            }
        }
    }
}
