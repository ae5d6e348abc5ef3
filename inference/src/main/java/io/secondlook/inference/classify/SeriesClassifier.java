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
                    batch = load(first, Math.min(batchSize, count - first), loader, 0, Math.min(batchSize, count - first));
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
        int parts = Math.min(workers, n);
        List<CompletableFuture<LoadedBatch>> futures = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = p * n / parts;
            int to = (p + 1) * n / parts;
            futures.add(CompletableFuture.supplyAsync(() -> load(first, n, loader, from, to), pool));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> merge(n, futures.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * Loads images {@code first + from .. first + to - 1} of a batch of {@code n}, each resized into its own slot
     * of a batch tensor as soon as it is loaded (while its pixels are still in the CPU cache) and not kept.
     */
    private LoadedBatch load(int first, int n, ImageLoader loader, int from, int to) {
        int size = classifier.inputWidth() * classifier.inputHeight();
        float[] tensor = new float[(to - from) * size];
        int[] indices = new int[to - from];
        int[] widths = new int[to - from];
        int[] heights = new int[to - from];
        int loaded = 0;
        long loadNanos = 0;
        long preprocessNanos = 0;
        List<SeriesClassification.ImageError> errors = new ArrayList<>();
        for (int i = first + from; i < first + to; i++) {
            try {
                long t0 = System.nanoTime();
                GrayImage image = loader.load(i);
                long t1 = System.nanoTime();
                classifier.preprocessInto(image, tensor, loaded * size);
                long t2 = System.nanoTime();
                loadNanos += t1 - t0;
                preprocessNanos += t2 - t1;
                indices[loaded] = i;
                widths[loaded] = image.width();
                heights[loaded] = image.height();
                loaded++;
            } catch (InterruptedException e) {
                // The run is being stopped; what this part did not load is not reported.
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                errors.add(new SeriesClassification.ImageError(i, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        ImageClassifier.InputBatch input = loaded == 0 ? null : new ImageClassifier.InputBatch(
                Arrays.copyOf(tensor, loaded * size), loaded, Arrays.copyOf(widths, loaded),
                Arrays.copyOf(heights, loaded));
        return new LoadedBatch(n, Arrays.copyOf(indices, loaded), input, errors, loadNanos, preprocessNanos);
    }

    /** The parts of one batch, in order, as one batch. */
    private LoadedBatch merge(int n, List<LoadedBatch> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int size = classifier.inputWidth() * classifier.inputHeight();
        int loaded = parts.stream().mapToInt(p -> p.indices().length).sum();
        float[] tensor = new float[loaded * size];
        int[] indices = new int[loaded];
        int[] widths = new int[loaded];
        int[] heights = new int[loaded];
        List<SeriesClassification.ImageError> errors = new ArrayList<>();
        long loadNanos = 0;
        long preprocessNanos = 0;
        int at = 0;
        for (LoadedBatch p : parts) {
            int k = p.indices().length;
            if (k > 0) {
                System.arraycopy(p.input().tensor(), 0, tensor, at * size, k * size);
                System.arraycopy(p.indices(), 0, indices, at, k);
                System.arraycopy(p.input().imageWidths(), 0, widths, at, k);
                System.arraycopy(p.input().imageHeights(), 0, heights, at, k);
                at += k;
            }
            errors.addAll(p.errors());
            loadNanos += p.loadNanos();
            preprocessNanos += p.preprocessNanos();
        }
        ImageClassifier.InputBatch input = loaded == 0 ? null
                : new ImageClassifier.InputBatch(tensor, loaded, widths, heights);
        return new LoadedBatch(n, indices, input, errors, loadNanos, preprocessNanos);
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
