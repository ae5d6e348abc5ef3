package io.secondlook.inference.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.FolderScanner;
import io.secondlook.dicom.series.ScanResult;
import io.secondlook.inference.nifti.NiftiReader;
import io.secondlook.inference.volume.DicomVolumeLoader;
import io.secondlook.inference.volume.Orientation;
import io.secondlook.inference.volume.Reorientation;
import io.secondlook.inference.volume.Volume;
import io.secondlook.inference.volume.VolumeSeriesWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brainchop T1 written as a DICOM MR series by our writer, scanned and stacked by our reader, segmented: the
 * same reference labels. The series is coronal, sorted along its normal (posterior to anterior is reversed against
 * the NIfTI's k axis), so this also proves the reorientation to the model's grid and back.
 */
class DicomSegmentationTest {

    @TempDir
    static Path packageDir;
    @TempDir
    static Path seriesDir;

    private static VolumeSegmenter segmenter;
    private static Volume nifti;
    private static DicomSeries series;
    private static Volume fromDicom;
    private static SegmentationResult result;

    @BeforeAll
    static void writeReadSegment() throws Exception {
        nifti = NiftiReader.read(Brainchop.t1());
        VolumeSeriesWriter.write(nifti, seriesDir);
        ScanResult scan = FolderScanner.scan(seriesDir);
        List<DicomSeries> all = scan.patients().stream().flatMap(p -> p.studies().stream())
                .flatMap(s -> s.series().stream()).toList();
        assertEquals(1, all.size(), "series found: " + all + " problems: " + scan.problems());
        series = all.get(0);
        fromDicom = DicomVolumeLoader.load(series);
        segmenter = VolumeSegmenter.open(Brainchop.model(packageDir), 2);
        result = segmenter.segment(fromDicom);
    }

    @AfterAll
    static void close() {
        if (segmenter != null) {
            segmenter.close();
        }
    }

    @Test
    void seriesIsOneSortedCoronalMrStack() {
        assertEquals("MR", series.modality());
        assertEquals(256, series.instances().size());
        assertTrue(series.warnings().isEmpty(), series.warnings().toString());
        assertEquals("LIP", fromDicom.orientation(), "slices sorted along the normal run posterior");
    }

    @Test
    void volumeFromDicomHoldsTheNiftiVoxelsAndGeometry() {
        Reorientation back = Orientation.between(fromDicom, nifti.orientation());
        Volume v = back.apply(fromDicom);
        assertArrayEquals(nifti.dims(), v.dims());
        assertArrayEquals(nifti.values(), v.values(), "voxel values after DICOM round trip");
        double[] expected = nifti.affine().rows();
        double[] actual = v.affine().rows();
        for (int i = 0; i < 12; i++) {
            assertEquals(expected[i], actual[i], 1e-4, "affine element " + i);
        }
    }

    @Test
    void labelsEqualTheReferenceVoxelForVoxel() throws Exception {
        byte[] labels = Orientation.between(fromDicom, nifti.orientation()).forward(result.labels());
        Brainchop.assertMatchesReference(labels);
        assertEquals(Brainchop.WHITE_MATTER, result.segmentClass("white matter").voxels());
        assertEquals(Brainchop.GREY_MATTER, result.segmentClass("grey matter").voxels());
        assertEquals(735.212, result.segmentClass("grey matter").volumeMl(), 1e-6);
    }

    @Test
    void resultIsOnTheSeriesGridSliceBySlice() throws Exception {
        assertArrayEquals(fromDicom.dims(), new int[] {result.width(), result.height(), result.depth()});
        byte[] reference = Brainchop.referenceLabels();
        byte[] niftiSlice100 = java.util.Arrays.copyOfRange(reference, 100 * 65536, 101 * 65536);
        // the series runs the NIfTI's k axis backwards: DICOM slice 155 is NIfTI slice 100
        assertArrayEquals(niftiSlice100, result.labelSlice(155));
    }
}
