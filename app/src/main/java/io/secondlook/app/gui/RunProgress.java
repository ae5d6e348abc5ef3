package io.secondlook.app.gui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The progress of one model run at a time: bar, message (step and time left) and Cancel; hidden when idle. */
final class RunProgress {
    private final ProgressBar bar = new ProgressBar(0);
    private final Label message = new Label();
    private final Button cancel = new Button("Cancel");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final VBox view;

    RunProgress() {
        bar.setId("modelRunProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        message.setId("modelRunMessage");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        cancel.setId("cancelModelRunButton");
        view = new VBox(4, new HBox(6, bar, cancel), message);
        view.visibleProperty().bind(running);
        view.managedProperty().bind(running);
    }

    VBox view() {
        return view;
    }

    /** True from {@link #track} until the task succeeds, fails or is cancelled. */
    ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** Shows the task's progress and message; Cancel cancels it. */
    void track(Task<?> task) {
        running.set(true);
        bar.progressProperty().bind(task.progressProperty());
        message.textProperty().bind(task.messageProperty());
        cancel.setOnAction(e -> task.cancel());
        task.runningProperty().addListener((obs, was, is) -> {
            if (was && !is) {
                running.set(false);
                bar.progressProperty().unbind();
                message.textProperty().unbind();
                message.setText("");
            }
        });
    }
}
