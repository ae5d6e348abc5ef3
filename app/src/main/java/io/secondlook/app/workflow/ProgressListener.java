package io.secondlook.app.workflow;

/** Progress of long work: {@code done} of {@code total} steps, with a short message (no patient data). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, message) -> { };

    void progress(long done, long total, String message);
}
