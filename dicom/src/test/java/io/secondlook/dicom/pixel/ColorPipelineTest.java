package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Colour display values against pydicom's convert_color_space / apply_color_lut (exactly) and dcmtk's dcm2pnm
 * (within one grey level for YBR, whose conversion dcmtk rounds differently; exactly for normal palettes).
 */
class ColorPipelineTest {
    /** Prints frame 0 as interleaved RGB bytes, 8 bits per channel the way our pipeline scales wider data. */
    private static final String PYDICOM_RGB = String.join("\n",
            "import sys, numpy as np, pydicom",
            "from pydicom.pixel_data_handlers.util import convert_color_space, apply_color_lut",
            "ds = pydicom.dcmread(sys.argv[1])",
            "a = ds.pixel_array",
            "if int(ds.get('NumberOfFrames', 1) or 1) > 1: a = a[0]",
            "pi = ds.PhotometricInterpretation",
            "if pi == 'PALETTE COLOR':",
            "    a = apply_color_lut(a, ds)",
            "    a = a if a.dtype == np.uint8 else (a.astype(np.uint32) >> 8)",
            "elif pi.startswith('YBR'):",
            "    a = convert_color_space(a, pi, 'RGB')",
            "elif a.dtype != np.uint8:",
            "    mx = (1 << int(ds.BitsStored)) - 1",
            "    a = np.round(a.astype(np.float64) * 255 / mx)",
            "sys.stdout.buffer.write(np.ascontiguousarray(a).astype(np.uint8).tobytes())");

    @ParameterizedTest
    @ValueSource(strings = {"transfer_syntax/SC_ybr_full_422_uncompressed.dcm", "transfer_syntax/US1_UNCR.dcm",
        "transfer_syntax/SC_rgb_16bit.dcm", "transfer_syntax/SC_rgb_2frame.dcm", "transfer_syntax/color-pl.dcm",
        "transfer_syntax/OBXXXX1A.dcm", "modality/gdcm-US-ALOKA-16.dcm"})
    void colourMatchesPydicomExactly(String name) throws Exception {
        Path file = Corpus.dicom(name);
        byte[] expected = ExternalTools.pydicom(PYDICOM_RGB, file.toString());
        ColorFrame frame = PixelPipeline.color(DicomReader.read(file), 0);
        byte[] ours = frame.rgb();
        assertEquals(expected.length, ours.length, "sample count");
        int differing = 0;
        int first = -1;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != expected[i]) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        assertEquals(0, differing, differing + " samples differ, first at " + first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer_syntax/SC_ybr_full_422_uncompressed.dcm", "transfer_syntax/US1_UNCR.dcm",
        "transfer_syntax/OBXXXX1A.dcm", "transfer_syntax/color-pl.dcm"})
    void colourAgreesWithDcm2pnm(String name) throws Exception {
        Path file = Corpus.dicom(name);
        ExternalTools.Pnm pnm = ExternalTools.dcm2pnm(file);
        ColorFrame frame = PixelPipeline.color(DicomReader.read(file), 0);
        assertEquals(3, pnm.channels());
        assertEquals(pnm.width(), frame.width());
        byte[] ours = frame.rgb();
        int tolerance = name.contains("ybr") ? 1 : 0;
        for (int i = 0; i < ours.length; i++) {
            int d = Math.abs((ours[i] & 0xFF) - pnm.sample(i));
            if (d > tolerance) {
                throw new AssertionError("sample " + i + ": ours " + (ours[i] & 0xFF) + ", dcm2pnm " + pnm.sample(i));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void segmentedPaletteExpandsToPydicomsTable() throws Exception {
        Path file = Corpus.dicom("modality/gdcm-US-ALOKA-16.dcm");
        byte[] expected = ExternalTools.pydicom(String.join("\n",
                "import sys, struct, numpy as np, pydicom",
                "from pydicom.pixel_data_handlers.util import _expand_segmented_lut",
                "ds = pydicom.dcmread(sys.argv[1])",
                "for kw in ('SegmentedRedPaletteColorLookupTableData', 'SegmentedGreenPaletteColorLookupTableData', 'SegmentedBluePaletteColorLookupTableData'):",
                "    seg = ds[kw].value",
                "    lut = _expand_segmented_lut(struct.unpack('<%dH' % (len(seg) // 2), seg), '<H')",
                "    sys.stdout.buffer.write(struct.pack('<I', len(lut)) + np.asarray(lut, dtype='<u2').tobytes())"), file.toString());
        PaletteLut palette = PaletteLut.from(DicomReader.read(file).dataset());
        ByteBuffer buf = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        for (int channel = 0; channel < 3; channel++) {
            int n = buf.getInt();
            assertTrue(n > 256, "expanded entries " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(buf.getShort() & 0xFFFF, palette.lookup(i)[channel], "channel " + channel + " entry " + i);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void grayscaleImagesRenderAsGray() throws Exception {
        DicomFile ct = DicomReader.read(Corpus.dicom("modality/ct_image.dcm"));
        ColorFrame frame = PixelPipeline.color(ct, 0);
        byte[] display = PixelPipeline.display(ct, 0);
        for (int i = 0; i < display.length; i += 97) {
            int v = display[i] & 0xFF;
            assertEquals(0xFF000000 | v << 16 | v << 8 | v, frame.argb()[i]);
        }
    }
}
