package io.secondlook.inference.classify;

import io.secondlook.inference.image.GrayImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a classifier over every image of a series, in batches, on the calling (background) thread: progress after
 * each batch with an estimate of the time left, and cancellation between batches through {@code cancelled} or the
 * thread's interrupt flag (the partial result is returned, marked cancelled). An image that cannot be loaded is
 * recorded as an error and the run goes on.
 */
public final class SeriesClassifier {

    /** Loads the series' image {@code index}; may be slow (disk, decoding) and may fail. */
    @FunctionalInterface
    public interface ImageLoader {
        GrayImage load(int index) throws Exception;
    }

    private final ImageClassifier classifier;
    private final int batchSize;

    public SeriesClassifier(ImageClassifier classifier, int batchSize) {
        if (batchSize < 1 || batchSize > ImageClassifier.MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be in [1," + ImageClassifier.MAX_BATCH + "], got "
                    + batchSize);
        }
        this.classifier = classifier;
        this.batchSize = batchSize;
    }

    public SeriesClassifier(ImageClassifier classifier) {
        this(classifier, 16);
    }

    public SeriesClassification run(List<GrayImage> images, Consumer<SeriesProgress> progress,
                                    BooleanSupplier cancelled) {
        return run(images.size(), images::get, progress, cancelled);
    }

    public SeriesClassification run(int count, ImageLoader loader, Consumer<SeriesProgress> progress,
                                    BooleanSupplier cancelled) {
        long start = System.nanoTime();
        List<Classification> results = new ArrayList<>(count);
        List<SeriesClassification.ImageError> errors = new ArrayList<>();
        boolean stopped = false;
        progress.accept(new SeriesProgress(0, count, Duration.ZERO, null));
        for (int first = 0; first < count; first += batchSize) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                stopped = true;
                break;
            }
            int n = Math.min(batchSize, count - first);
            List<GrayImage> batch = new ArrayList<>(n);
            List<Integer> indices = new ArrayList<>(n);
            for (int i = first; i < first + n; i++) {
                results.add(null);
                try {
                    batch.add(loader.load(i));
                    indices.add(i);
                } catch (Exception e) {
                    errors.add(new SeriesClassification.ImageError(i, e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
            if (!batch.isEmpty()) {
                List<Classification> out = classifier.classifyBatch(batch);
                for (int k = 0; k < out.size(); k++) {
                    results.set(indices.get(k), out.get(k));
                }
            }
            int done = first + n;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration remaining = elapsed.multipliedBy(count - done).dividedBy(done);
            progress.accept(new SeriesProgress(done, count, elapsed, remaining));
        }
        return new SeriesClassification(results, errors, count, stopped, classifier.device(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
