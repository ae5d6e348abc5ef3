package io.secondlook.inference.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void overlappedLoadingRunsOnAWorkerThatIsDoneWhenRunReturns() throws InterruptedException {
        Thread caller = Thread.currentThread();
        AtomicBoolean returned = new AtomicBoolean();
        AtomicInteger loadsOnCaller = new AtomicInteger();
        AtomicInteger loadsAfterReturn = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        SeriesClassification r = new SeriesClassifier(classifier, 8, true).run(40, i -> {
            if (Thread.currentThread() == caller) {
                loadsOnCaller.incrementAndGet();
            }
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
        assertEquals(8, loadsOnCaller.get(), "only the first batch loads on the calling thread");
        assertEquals(0, loadsAfterReturn.get());
    }
}
