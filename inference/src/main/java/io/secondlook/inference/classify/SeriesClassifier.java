package io.secondlook.inference.classify;

import io.secondlook.inference.image.GrayImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a classifier over every image of a series, in batches, on the calling (background) thread: progress after
 * each batch with an estimate of the time left, and cancellation between batches through {@code cancelled} or the
 * thread's interrupt flag (the partial result is returned, marked cancelled). An image that cannot be loaded is
 * recorded as an error and the run goes on.
 * <p>
 * Each image is resized into the batch tensor as soon as it is loaded and is not kept. With {@code overlap}
 * (the default) the next batch is loaded and preprocessed by worker threads while the network runs on the
 * current one, its images split between up to {@code loaderThreads} workers (by default half the processors,
 * at most 4: the rest is left to ONNX Runtime). The loader is then called on those workers, possibly on several
 * at once, and never after {@code run} returns.
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
    private final int loaderThreads;

    public SeriesClassifier(ImageClassifier classifier, int batchSize, boolean overlap, int loaderThreads) {
        if (batchSize < 1 || batchSize > ImageClassifier.MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be in [1," + ImageClassifier.MAX_BATCH + "], got "
                    + batchSize);
        }
        if (loaderThreads < 1) {
            throw new IllegalArgumentException("loaderThreads must be at least 1, got " + loaderThreads);
        }
        this.classifier = classifier;
        this.batchSize = batchSize;
        this.overlap = overlap;
        this.loaderThreads = loaderThreads;
    }

    public SeriesClassifier(ImageClassifier classifier, int batchSize, boolean overlap) {
        this(classifier, batchSize, overlap, defaultLoaderThreads());
    }

    public SeriesClassifier(ImageClassifier classifier, int batchSize) {
        this(classifier, batchSize, true);
    }

    public SeriesClassifier(ImageClassifier classifier) {
        this(classifier, 16);
    }

    /** Half the processors, 1 to 4. */
    public static int defaultLoaderThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    public SeriesClassification run(List<GrayImage> images, Consumer<SeriesProgress> progress,
                                    BooleanSupplier cancelled) {
        return run(images.size(), images::get, progress, cancelled);
    }

    /** One batch loaded and preprocessed: the images that loaded (series indices) and those that failed. */
    private record LoadedBatch(int size, int[] indices, ImageClassifier.InputBatch input,
                               List<SeriesClassification.ImageError> errors, long loadNanos, long preprocessNanos) {
    }

    public SeriesClassification run(int count, ImageLoader loader, Consumer<SeriesProgress> progress,
                                    BooleanSupplier cancelled) {
        long start = System.nanoTime();
        List<Classification> results = new ArrayList<>(count);
        List<SeriesClassification.ImageError> errors = new ArrayList<>();
        boolean stopped = false;
        long loading = 0;
        long preprocessing = 0;
        long network = 0;
        long post = 0;
        progress.accept(new SeriesProgress(0, count, Duration.ZERO, null));
        int workers = Math.min(loaderThreads, batchSize);
        ExecutorService pool = overlap && count > 0 ? Executors.newFixedThreadPool(workers, new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "series-preprocessing-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        }) : null;
        try {
            Future<LoadedBatch> next = pool == null ? null : load(0, Math.min(batchSize, count), loader, pool, workers);
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
                next = pool != null && following < count
                        ? load(following, Math.min(batchSize, count - following), loader, pool, workers) : null;
                for (int i = 0; i < batch.size(); i++) {
                    results.add(null);
                }
                errors.addAll(batch.errors());
                loading += batch.loadNanos();
                preprocessing += batch.preprocessNanos();
                if (batch.input() != null) {
                    ImageClassifier.TimedResults out = classifier.classifyTimed(batch.input());
                    network += out.networkNanos();
                    post += out.postNanos();
                    for (int k = 0; k < out.results().size(); k++) {
                        results.set(batch.indices()[k], out.results().get(k));
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
            if (pool != null) {
                stopWorkers(pool);
            }
        }
        return new SeriesClassification(results, errors, count, stopped, classifier.device(),
                Duration.ofNanos(System.nanoTime() - start), new SeriesClassification.StageTimes(
                        Duration.ofNanos(loading), Duration.ofNanos(preprocessing), Duration.ofNanos(network),
                        Duration.ofNanos(post)));
    }

    /** Loads a batch on the pool, its images split into up to {@code workers} contiguous parts. */
    private Future<LoadedBatch> load(int first, int n, ImageLoader loader, ExecutorService pool, int workers) {
        BatchSlots slots = new BatchSlots(first, n);
        int parts = Math.min(workers, n);
        CompletableFuture<?>[] fills = new CompletableFuture<?>[parts];
        for (int p = 0; p < parts; p++) {
            int from = p * n / parts;
            int to = (p + 1) * n / parts;
            fills[p] = CompletableFuture.runAsync(() -> slots.fill(from, to, loader), pool);
        }
        return CompletableFuture.allOf(fills).thenApply(done -> slots.toBatch());
    }

    /** Loads a batch on the calling thread. */
    private LoadedBatch load(int first, int n, ImageLoader loader) {
        BatchSlots slots = new BatchSlots(first, n);
        slots.fill(0, n, loader);
        return slots.toBatch();
    }

    /**
     * One batch being loaded: image {@code first + k} goes to slot {@code k} of one input tensor, resized as soon
     * as it is loaded (while its pixels are still in the CPU cache) and not kept. Parts of the slots may be filled
     * by different threads at once; each slot is written by one.
     */
    private final class BatchSlots {
        private final int first;
        private final int size = classifier.inputWidth() * classifier.inputHeight();
        private final float[] tensor;
        private final int[] widths;
        private final int[] heights;
        private final boolean[] loaded;
        private final String[] errors;
        private final long[] loadNanos;
        private final long[] preprocessNanos;

        BatchSlots(int first, int n) {
            this.first = first;
            tensor = new float[n * size];
            widths = new int[n];
            heights = new int[n];
            loaded = new boolean[n];
            errors = new String[n];
            loadNanos = new long[n];
            preprocessNanos = new long[n];
        }

        void fill(int from, int to, ImageLoader loader) {
            for (int k = from; k < to; k++) {
                try {
                    long t0 = System.nanoTime();
                    GrayImage image = loader.load(first + k);
                    long t1 = System.nanoTime();
                    classifier.preprocessInto(image, tensor, k * size);
                    preprocessNanos[k] = System.nanoTime() - t1;
                    loadNanos[k] = t1 - t0;
                    widths[k] = image.width();
                    heights[k] = image.height();
                    loaded[k] = true;
                } catch (InterruptedException e) {
                    // The run is being stopped; what this part did not load is not reported.
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    errors[k] = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
        }

        /** The loaded images packed in series order (slots of failed images closed up in place), and the errors. */
        LoadedBatch toBatch() {
            int n = loaded.length;
            int[] indices = new int[n];
            int[] w = new int[n];
            int[] h = new int[n];
            int count = 0;
            List<SeriesClassification.ImageError> failed = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (loaded[k]) {
                    if (count < k) {
                        System.arraycopy(tensor, k * size, tensor, count * size, size);
                    }
                    indices[count] = first + k;
                    w[count] = widths[k];
                    h[count] = heights[k];
                    count++;
                } else if (errors[k] != null) {
                    failed.add(new SeriesClassification.ImageError(first + k, errors[k]));
                }
            }
            ImageClassifier.InputBatch input = count == 0 ? null : new ImageClassifier.InputBatch(
                    count == n ? tensor : Arrays.copyOf(tensor, count * size), count, Arrays.copyOf(w, count),
                    Arrays.copyOf(h, count));
            return new LoadedBatch(n, Arrays.copyOf(indices, count), input, failed, Arrays.stream(loadNanos).sum(),
                    Arrays.stream(preprocessNanos).sum());
        }
    }

    /** Stops the workers and waits for them, so that the loader is not running once {@code run} returns. */
    private static void stopWorkers(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
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
