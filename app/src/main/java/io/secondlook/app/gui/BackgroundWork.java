package io.secondlook.app.gui;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs service calls on background threads as JavaFX {@link Task}s. Success is handed to the caller on the FX
 * thread; failures and cancellations are reported as one line ("Analysis failed: …"), never thrown on the FX
 * thread.
 */
final class BackgroundWork implements AutoCloseable {

    /** A service call, given a progress listener and a cancellation flag. */
    @FunctionalInterface
    interface Work<T> {
        T run(TaskProgress progress, BooleanSupplier cancelled) throws Exception;
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "secondlook-gui-work-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Consumer<String> onProblem;

    /** {@code onProblem} receives, on the FX thread, the line describing a failed or cancelled call. */
    BackgroundWork(Consumer<String> onProblem) {
        this.onProblem = onProblem;
    }

    /** Starts {@code work}; {@code what} names it in messages ("Analysis", "Import"). */
    <T> Task<T> submit(String what, Work<T> work, Consumer<T> onSuccess) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.run((done, total, message) -> {
                    updateProgress(done, total);
                    updateMessage(message);
                }, this::isCancelled);
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnCancelled(e -> onProblem.accept(what + " cancelled"));
        task.setOnFailed(e -> onProblem.accept(describe(what, task.getException())));
        executor.execute(task);
        return task;
    }

    static String describe(String what, Throwable error) {
        if (error instanceof CancellationException) {
            return what + " cancelled";
        }
        String message = error == null ? null : error.getMessage();
        if (message == null || message.isBlank()) {
            message = error == null ? "unknown error" : error.getClass().getSimpleName();
        }
        return what + " failed: " + message;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
