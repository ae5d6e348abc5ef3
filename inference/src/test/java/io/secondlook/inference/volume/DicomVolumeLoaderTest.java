package io.secondlook.inference.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.FolderScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomVolumeLoaderTest {

    @TempDir
    Path dir;

    /** 5x4 pixels, 6 slices, signed values, 0.8 x 0.9 mm pixels, 2.5 mm slices, axial (LPS). */
    private static Volume axial() {
        float[] values = new float[5 * 4 * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 37 % 400) - 150;
        }
        Affine a = Affine.fromLps(new double[] {0.8, 0, 0}, new double[] {0, 0.9, 0}, new double[] {0, 0, 2.5},
                new double[] {-100, -50, 20});
        return new Volume(5, 4, 6, values, a, "axial");
    }

    private static DicomSeries scanOne(Path folder) throws IOException {
        List<DicomSeries> series = FolderScanner.scan(folder).patients().stream()
                .flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream()).toList();
        assertEquals(1, series.size());
        return series.get(0);
    }

    @Test
    void stacksASortedSeriesWithItsGeometry() throws IOException, DicomException {
        Volume original = axial();
        VolumeSeriesWriter.write(original, dir);
        List<Integer> progress = new ArrayList<>();
        Volume v = DicomVolumeLoader.load(scanOne(dir), progress::add, () -> false);
        assertArrayEquals(original.dims(), v.dims());
        assertArrayEquals(original.values(), v.values());
        assertArrayEquals(original.affine().rows(), v.affine().rows(), 1e-9);
        assertEquals("LPS", v.orientation());
        assertEquals(0.8 * 0.9 * 2.5, v.voxelVolumeMm3(), 1e-9);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), progress);
        assertTrue(v.source().startsWith("series 1 (MR, 6 images)"), v.source());
    }

    @Test
    void eachStackOfAnEnhancedMultiFrameImageLoadsAsItsOwnVolume() throws IOException, DicomException {
        Volume axial = axial();
        float[] values = new float[5 * 4 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = 700 - i * 11;
        }
        Volume sagittal = new Volume(5, 4, 3, values, Affine.fromLps(new double[] {0, 0.7, 0},
                new double[] {0, 0, -1.1}, new double[] {-2, 0, 0}, new double[] {30, -40, 60}), "sagittal");
        EnhancedVolumeWriter.write(List.of(axial, sagittal), dir.resolve("enhanced.dcm"));
        List<DicomSeries> stacks = FolderScanner.scan(dir).patients().stream()
                .flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream()).toList();
        assertEquals(List.of("Stack 1", "Stack 2"), stacks.stream().map(DicomSeries::stack).toList());
        for (int s = 0; s < stacks.size(); s++) {
            Volume original = List.of(axial, sagittal).get(s);
            Volume v = DicomVolumeLoader.load(stacks.get(s));
            assertArrayEquals(original.dims(), v.dims(), original.source());
            assertArrayEquals(original.values(), v.values(), original.source());
            assertArrayEquals(original.affine().rows(), v.affine().rows(), 1e-9, original.source());
        }
    }

    @Test
    void aMissingSliceIsRefused() throws IOException {
        List<Path> files = VolumeSeriesWriter.write(axial(), dir);
        Files.delete(files.get(2));
        DicomException e = assertThrows(DicomException.class, () -> DicomVolumeLoader.load(scanOne(dir)));
        assertTrue(e.getMessage().contains("not evenly spaced"), e.getMessage());
    }

    @Test
    void loadingCanBeCancelled() throws IOException {
        VolumeSeriesWriter.write(axial(), dir);
        DicomSeries series = scanOne(dir);
        assertThrows(CancellationException.class, () -> DicomVolumeLoader.load(series, n -> { }, () -> true));
    }
}
