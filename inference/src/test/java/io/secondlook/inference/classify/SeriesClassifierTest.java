package io.secondlook.inference.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestData;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-series classification: aggregation, progress, time left, cancellation and unreadable images. */
class SeriesClassifierTest {

    @TempDir
    static Path cache;
    private static ImageClassifier classifier;
    private static List<GrayImage> images;

    @BeforeAll
    static void open() {
        classifier = ImageClassifier.open(ModelRegistry.bundled(cache).require("pneumonia-demo"), RuntimeOptions.cpu(0));
        images = TestData.pneumoniaImages("test", 200, 40);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void aggregatesEveryImageAndReportsProgress() {
        List<SeriesProgress> progress = new ArrayList<>();
        SeriesClassification r = new SeriesClassifier(classifier, 16).run(images, progress::add, () -> false);
        assertEquals(40, r.analysed());
        assertFalse(r.cancelled());
        assertEquals(List.of(0, 16, 32, 40), progress.stream().map(SeriesProgress::done).toList());
        assertNull(progress.get(0).remaining());
        assertEquals(Duration.ZERO, progress.get(3).remaining());
        assertTrue(progress.get(1).remaining().compareTo(Duration.ZERO) > 0);
        double max = -1;
        int argmax = -1;
        double sum = 0;
        for (int i = 0; i < images.size(); i++) {
            Classification single = classifier.classify(images.get(i));
            assertArrayEquals(single.probabilities(), r.images().get(i).probabilities(), 1e-5);
            sum += single.positiveProbability();
            if (single.positiveProbability() > max) {
                max = single.positiveProbability();
                argmax = i;
            }
        }
        assertEquals(argmax, r.maxIndex().getAsInt());
        assertEquals(max, r.maxProbability(), 1e-5);
        assertEquals(sum / 40, r.meanProbability(), 1e-5);
        assertEquals(max >= classifier.modelPackage().card().operatingThreshold(), r.positive());
        assertEquals("cpu", r.device());
    }

    @Test
    void cancelStopsBetweenBatchesAndKeepsWhatWasDone() {
        AtomicInteger batches = new AtomicInteger();
        SeriesClassification r = new SeriesClassifier(classifier, 8).run(images,
                p -> batches.set(p.done()), () -> batches.get() >= 16);
        assertTrue(r.cancelled());
        assertEquals(16, r.analysed());
        assertEquals(40, r.total());

        Thread.currentThread().interrupt();
        try {
            SeriesClassification interrupted = new SeriesClassifier(classifier, 8).run(images, p -> { }, () -> false);
            assertTrue(interrupted.cancelled());
            assertEquals(0, interrupted.analysed());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void unreadableImagesAreReportedAndTheRestAnalysed() {
        SeriesClassification r = new SeriesClassifier(classifier, 4).run(10, i -> {
            if (i == 3) {
                throw new IOException("slice 3: truncated pixel data");
            }
            return images.get(i);
        }, p -> { }, () -> false);
        assertEquals(9, r.analysed());
        assertNull(r.images().get(3));
        assertEquals(1, r.errors().size());
        assertEquals(3, r.errors().get(0).index());
        assertTrue(r.errors().get(0).message().contains("truncated"));
    }

    /**
     * Stage times: the loader's time is counted as loading (here 4 ms per image, slept), not preprocessing; the
     * network and post-processing are measured per batch; an image of another size is resized in the batch and
     * gets the same result as alone.
     */
    @Test
    void stageTimesSeparateLoadingFromTheModelsWork() {
        for (boolean overlap : new boolean[] {false, true}) {
            SeriesClassification r = new SeriesClassifier(classifier, 4, overlap).run(12, i -> {
                Thread.sleep(4);
                return i == 5 ? new GrayImage(512, 512, new float[512 * 512]) : images.get(i);
            }, p -> { }, () -> false);
            SeriesClassification.StageTimes t = r.stages();
            assertTrue(t.loading().toMillis() >= 12 * 4, "loading " + t.loading());
            assertTrue(t.preprocessing().toNanos() > 0 && t.preprocessing().compareTo(t.loading()) < 0,
                    "preprocessing " + t.preprocessing());
            assertTrue(t.network().toNanos() > 0 && t.postprocessing().toNanos() > 0, t.toString());
            assertTrue(t.prePostShare() > 0 && t.prePostShare() < 1, "share " + t.prePostShare());
            assertEquals(classifier.classify(new GrayImage(512, 512, new float[512 * 512])).positiveProbability(),
                    r.images().get(5).positiveProbability(), 1e-6);
        }
        assertTrue(Double.isNaN(SeriesClassification.StageTimes.NONE.prePostShare()));
    }

    @Test
    void overlappedAndSequentialRunsGiveTheSameResults() {
        SeriesClassification sequential = new SeriesClassifier(classifier, 8, false).run(images, p -> { }, () -> false);
        SeriesClassification overlapped = new SeriesClassifier(classifier, 8, true).run(images, p -> { }, () -> false);
        assertEquals(40, overlapped.analysed());
        for (int i = 0; i < images.size(); i++) {
            Classification a = sequential.images().get(i);
            Classification b = overlapped.images().get(i);
            assertArrayEquals(a.probabilities(), b.probabilities(), 1e-6, "image " + i);
            assertArrayEquals(a.saliency().values(), b.saliency().values(), 1e-6f, "image " + i);
            assertEquals(a.label(), b.label());
        }
        assertEquals(sequential.maxIndex(), overlapped.maxIndex());
    }

    @Test
    void overlappedLoadingRunsOnWorkersThatAreDoneWhenRunReturns() throws InterruptedException {
        Thread caller = Thread.currentThread();
        AtomicBoolean returned = new AtomicBoolean();
        AtomicInteger loadsOnCaller = new AtomicInteger();
        AtomicInteger loadsAfterReturn = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Set<String> loaderThreads = ConcurrentHashMap.newKeySet();
        SeriesClassification r = new SeriesClassifier(classifier, 8, true, 3).run(40, i -> {
            if (Thread.currentThread() == caller) {
                loadsOnCaller.incrementAndGet();
            }
            loaderThreads.add(Thread.currentThread().getName());
            Thread.sleep(5);
            if (returned.get()) {
                loadsAfterReturn.incrementAndGet();
            }
            return images.get(i);
        }, p -> done.set(p.done()), () -> done.get() >= 8);
        returned.set(true);
        Thread.sleep(100);
        assertTrue(r.cancelled());
        assertEquals(8, r.analysed());
        assertEquals(0, loadsOnCaller.get(), "every image loads on a worker");
        assertEquals(3, loaderThreads.size(), "a batch is split between the 3 workers: " + loaderThreads);
        assertEquals(0, loadsAfterReturn.get());
    }

    /** A batch split between workers, with failures in several parts, gives what one thread gives, in order. */
    @Test
    void parallelLoadersGiveTheSequentialResultsAndErrorsInOrder() {
        SeriesClassifier.ImageLoader loader = i -> {
            if (i == 2 || i == 9 || i == 10 || i == 31) {
                throw new IOException("slice " + i + " unreadable");
            }
            return images.get(i);
        };
        SeriesClassification sequential = new SeriesClassifier(classifier, 8, false).run(35, loader, p -> { }, () -> false);
        SeriesClassification parallel = new SeriesClassifier(classifier, 8, true, 4).run(35, loader, p -> { }, () -> false);
        assertEquals(31, parallel.analysed());
        assertEquals(sequential.errors(), parallel.errors());
        assertEquals(List.of(2, 9, 10, 31), parallel.errors().stream().map(SeriesClassification.ImageError::index).toList());
        for (int i = 0; i < 35; i++) {
            Classification a = sequential.images().get(i);
            Classification b = parallel.images().get(i);
            assertEquals(a == null, b == null, "image " + i);
            if (a != null) {
                assertEquals(a.positiveProbability(), b.positiveProbability(), 1e-6, "image " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new SeriesClassifier(classifier, 8, true, 0));
    }
}
