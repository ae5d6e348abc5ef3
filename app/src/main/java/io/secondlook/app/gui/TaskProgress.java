package io.secondlook.app.gui;

/**
 * Progress of a long service call: {@code done} of {@code total} steps and a short message (no patient data).
 * Same shape as the workflow's progress listener, so {@code progress::update} adapts one to the other.
 */
@FunctionalInterface
public interface TaskProgress {
    void update(long done, long total, String message);
}
