package io.secondlook.viewer;

import io.secondlook.dicom.pixel.GrayscaleFrame;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Loads frames of one {@link FrameSource} on a background thread, keeps the most recent ones and prefetches the
 * neighbours of the slice asked for. Results are handed back on the JavaFX thread; results for a source that
 * has since been replaced are dropped.
 */
final class FrameLoader {
    private static final int CACHE_SIZE = 12;
    private static final int PREFETCH = 2;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "viewer-frame-loader");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, GrayscaleFrame> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, GrayscaleFrame> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final Set<Integer> pending = new HashSet<>();
    private FrameSource source;
    private volatile long generation;
    private int wanted = -1;
    private Consumer<GrayscaleFrame> onFrame;
    private BiConsumer<Integer, Exception> onError;

    /** Forgets the previous source's frames; later results of its loads are dropped. Called on the FX thread. */
    void setSource(FrameSource newSource) {
        source = newSource;
        generation++;
        cache.clear();
        pending.clear();
        wanted = -1;
    }

    /**
     * Asks for a frame: {@code frameHandler} runs on the FX thread with it (at once when cached), or
     * {@code errorHandler} with the loading failure. Only the latest request is answered; neighbours are loaded
     * ahead.
     */
    void request(int index, Consumer<GrayscaleFrame> frameHandler, BiConsumer<Integer, Exception> errorHandler) {
        if (source == null || executor.isShutdown()) {
            return;
        }
        wanted = index;
        onFrame = frameHandler;
        onError = errorHandler;
        GrayscaleFrame cached = cache.get(index);
        if (cached != null) {
            frameHandler.accept(cached);
        } else {
            load(index);
        }
        for (int d = 1; d <= PREFETCH; d++) {
            for (int neighbour : new int[] {index + d, index - d}) {
                if (neighbour >= 0 && neighbour < source.frameCount() && !cache.containsKey(neighbour)) {
                    load(neighbour);
                }
            }
        }
    }

    /** Stops the loading thread; later requests are ignored. */
    void shutdown() {
        setSource(null);
        executor.shutdownNow();
    }

    private void load(int index) {
        if (!pending.add(index)) {
            return;
        }
        FrameSource src = source;
        long gen = generation;
        executor.execute(() -> {
            GrayscaleFrame frame = null;
            Exception failure = null;
            if (gen == generation) {
                try {
                    frame = src.frame(index);
                } catch (Exception e) {
                    failure = e;
                } catch (OutOfMemoryError e) {
                    failure = new IllegalStateException("Not enough memory to load slice " + (index + 1), e);
                }
            }
            GrayscaleFrame loaded = frame;
            Exception error = failure;
            Platform.runLater(() -> deliver(gen, index, loaded, error));
        });
    }

    private void deliver(long gen, int index, GrayscaleFrame frame, Exception error) {
        if (gen != generation) {
            return;
        }
        pending.remove(index);
        if (frame != null) {
            cache.put(index, frame);
        }
        if (index != wanted) {
            return;
        }
        if (frame != null) {
            onFrame.accept(frame);
        } else if (error != null) {
            onError.accept(index, error);
        }
    }
}
