package io.secondlook.inference.classify;

import io.secondlook.inference.image.GrayImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a classifier over every image of a series, in batches, on the calling (background) thread: progress after
 * each batch with an estimate of the time left, and cancellation between batches through {@code cancelled} or the
 * thread's interrupt flag (the partial result is returned, marked cancelled). An image that cannot be loaded is
 * recorded as an error and the run goes on.
 * <p>
 * With {@code overlap} (the default) one worker thread loads and preprocesses the next batch while the network
 * runs on the current one; the loader is then called on that worker, one image at a time, never after
 * {@code run} returns.
 */
public final class SeriesClassifier {

    /** Loads the series' image {@code index}; may be slow (disk, decoding) and may fail. */
    @FunctionalInterface
    public interface ImageLoader {
        GrayImage load(int index) throws Exception;
    }

    private final ImageClassifier classifier;
    private final int batchSize;
    private final boolean overlap;

    public SeriesClassifier(ImageClassifier classifier, int batchSize, boolean overlap) {
        if (batchSize < 1 || batchSize > ImageClassifier.MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be in [1," + ImageClassifier.MAX_BATCH + "], got "
                    + batchSize);
        }
        this.classifier = classifier;
        this.batchSize = batchSize;
        this.overlap = overlap;
    }

    public SeriesClassifier(ImageClassifier classifier, int batchSize) {
        this(classifier, batchSize, true);
    }

    public SeriesClassifier(ImageClassifier classifier) {
        this(classifier, 16);
    }

    public SeriesClassification run(List<GrayImage> images, Consumer<SeriesProgress> progress,
                                    BooleanSupplier cancelled) {
        return run(images.size(), images::get, progress, cancelled);
    }

    /** One batch loaded and preprocessed: the images that loaded (series indices) and those that failed. */
    private record LoadedBatch(int size, int[] indices, ImageClassifier.InputBatch input,
                               List<SeriesClassification.ImageError> errors) {
    }

    public SeriesClassification run(int count, ImageLoader loader, Consumer<SeriesProgress> progress,
                                    BooleanSupplier cancelled) {
        long start = System.nanoTime();
        List<Classification> results = new ArrayList<>(count);
        List<SeriesClassification.ImageError> errors = new ArrayList<>();
        boolean stopped = false;
        progress.accept(new SeriesProgress(0, count, Duration.ZERO, null));
        ExecutorService worker = overlap && count > batchSize ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "series-preprocessing");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Future<LoadedBatch> next = null;
            for (int first = 0; first < count; first += batchSize) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    stopped = true;
                    break;
                }
                LoadedBatch batch;
                if (next != null) {
                    try {
                        batch = next.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped = true;
                        break;
                    }
                } else {
                    batch = load(first, Math.min(batchSize, count - first), loader);
                }
                int following = first + batchSize;
                next = worker != null && following < count
                        ? worker.submit(() -> load(following, Math.min(batchSize, count - following), loader)) : null;
                for (int i = 0; i < batch.size(); i++) {
                    results.add(null);
                }
                errors.addAll(batch.errors());
                if (batch.input() != null) {
                    List<Classification> out = classifier.classify(batch.input());
                    for (int k = 0; k < out.size(); k++) {
                        results.set(batch.indices()[k], out.get(k));
                    }
                }
                int done = first + batch.size();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration remaining = elapsed.multipliedBy(count - done).dividedBy(done);
                progress.accept(new SeriesProgress(done, count, elapsed, remaining));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (worker != null) {
                stopWorker(worker);
            }
        }
        return new SeriesClassification(results, errors, count, stopped, classifier.device(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private LoadedBatch load(int first, int n, ImageLoader loader) {
        List<GrayImage> images = new ArrayList<>(n);
        int[] indices = new int[n];
        List<SeriesClassification.ImageError> errors = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            try {
                GrayImage image = loader.load(i);
                indices[images.size()] = i;
                images.add(image);
            } catch (Exception e) {
                errors.add(new SeriesClassification.ImageError(i, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        return new LoadedBatch(n, indices, images.isEmpty() ? null : classifier.prepare(images), errors);
    }

    /** Stops the worker and waits for it, so that the loader is not running once {@code run} returns. */
    private static void stopWorker(ExecutorService worker) {
        worker.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (worker.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
