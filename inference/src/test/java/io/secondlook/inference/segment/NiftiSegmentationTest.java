package io.secondlook.inference.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.nifti.NiftiReader;
import io.secondlook.inference.segment.SegmentationProgress.Stage;
import io.secondlook.inference.volume.Affine;
import io.secondlook.inference.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brainchop model on its NIfTI T1 reproduces the ONNX Runtime reference labels voxel for voxel. */
class NiftiSegmentationTest {

    @TempDir
    static Path packageDir;

    private static VolumeSegmenter segmenter;
    private static Volume t1;
    private static SegmentationResult result;
    private static final List<Stage> stages = new CopyOnWriteArrayList<>();
    private static final List<Double> fractions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void segment() throws IOException {
        segmenter = VolumeSegmenter.open(Brainchop.model(packageDir), 2);
        t1 = NiftiReader.read(Brainchop.t1());
        result = segmenter.segment(t1, (stage, fraction, remaining) -> {
            stages.add(stage);
            fractions.add(fraction);
        }, () -> false);
    }

    @AfterAll
    static void close() {
        segmenter.close();
    }

    @Test
    void labelsEqualTheReferenceVoxelForVoxel() throws IOException {
        Brainchop.assertMatchesReference(result.labels());
    }

    @Test
    void countsAndVolumesMatchTheManifest() {
        assertEquals(Brainchop.BACKGROUND, result.segmentClass("background").voxels());
        assertEquals(Brainchop.WHITE_MATTER, result.segmentClass("white matter").voxels());
        assertEquals(Brainchop.GREY_MATTER, result.segmentClass("grey matter").voxels());
        // 1 mm isotropic voxels: 1000 voxels per ml
        assertEquals(518.540, result.segmentClass("white matter").volumeMl(), 1e-9);
        assertEquals(735.212, result.segmentClass("grey matter").volumeMl(), 1e-9);
        assertEquals(0xFFCD3E4E, result.argb(2));
    }

    @Test
    void entropyIsHighOnTissueBoundariesAndLowInside() {
        float[] h = result.entropy();
        double boundary = 0;
        double inside = 0;
        long nb = 0;
        long ni = 0;
        for (int k = 1; k < 255; k++) {
            for (int j = 1; j < 255; j++) {
                for (int i = 1; i < 255; i++) {
                    int v = i + 256 * (j + 256 * k);
                    assertTrue(h[v] >= 0 && h[v] <= 1, "entropy outside [0,1] at " + v);
                    int l = result.labels()[v];
                    if (l == 0) {
                        continue;
                    }
                    boolean edge = result.labels()[v - 1] != l || result.labels()[v + 1] != l
                            || result.labels()[v - 256] != l || result.labels()[v + 256] != l
                            || result.labels()[v - 65536] != l || result.labels()[v + 65536] != l;
                    if (edge) {
                        boundary += h[v];
                        nb++;
                    } else {
                        inside += h[v];
                        ni++;
                    }
                }
            }
        }
        double meanBoundary = boundary / nb;
        double meanInside = inside / ni;
        assertTrue(meanBoundary > 1.5 * meanInside, "boundary " + meanBoundary + " vs inside " + meanInside);
    }

    @Test
    void slicesAreViewsOfTheLabelVolume() {
        byte[] slice = result.labelSlice(140);
        float[] entropy = result.entropySlice(140);
        assertEquals(256 * 256, slice.length);
        for (int j = 0; j < 256; j += 7) {
            for (int i = 0; i < 256; i += 5) {
                assertEquals(result.label(i, j, 140), slice[i + 256 * j] & 0xFF);
                assertEquals(result.entropy()[i + 256 * (j + 256 * 140)], entropy[i + 256 * j]);
            }
        }
    }

    @Test
    void progressRunsThroughEveryStageToDone() {
        assertEquals(Stage.PREPARING, stages.get(0));
        assertTrue(stages.contains(Stage.RUNNING_MODEL) && stages.contains(Stage.POSTPROCESSING));
        assertEquals(Stage.DONE, stages.get(stages.size() - 1));
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went backwards: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void cancelledBeforeTheNetworkRuns() {
        assertThrows(CancellationException.class, () -> segmenter.segment(t1, SegmentationProgress.NONE, () -> true));
    }

    @Test
    void aSecondRunEstimatesTimeLeftAndStopsInsideTheNetworkWhenCancelled() {
        List<Duration> remaining = new CopyOnWriteArrayList<>();
        AtomicLong networkStart = new AtomicLong();
        long start = System.nanoTime();
        assertThrows(CancellationException.class, () -> segmenter.segment(t1, (stage, fraction, left) -> {
            if (stage == Stage.RUNNING_MODEL) {
                networkStart.compareAndSet(0, System.nanoTime());
                if (left != null) {
                    remaining.add(left);
                }
            }
        }, () -> networkStart.get() != 0 && System.nanoTime() - networkStart.get() > 1_000_000_000L));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(remaining.size() >= 3, "time-left estimates while the network ran: " + remaining);
        assertTrue(remaining.get(remaining.size() - 1).compareTo(remaining.get(0)) < 0, remaining.toString());
        assertTrue(seconds < 0.8 * result.inferenceSeconds(), "cancelled after " + seconds
                + " s; a full network pass took " + result.inferenceSeconds() + " s");
    }

    @Test
    void volumeOfTheWrongSizeIsRefusedWithTheReason() {
        Volume small = new Volume(64, 64, 64, new float[64 * 64 * 64], Affine.scaling(1, 1, 1), "small.nii");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> segmenter.segment(small));
        assertTrue(e.getMessage().contains("small.nii") && e.getMessage().contains("256x256x256"), e.getMessage());
    }

    @Test
    void resultKeepsTheInputGrid() {
        assertArrayEquals(t1.dims(), new int[] {result.width(), result.height(), result.depth()});
        assertEquals(t1.affine(), result.affine());
        assertEquals("brainchop-meshnet-gwm", result.modelId());
        assertEquals("cpu", result.device());
    }
}
