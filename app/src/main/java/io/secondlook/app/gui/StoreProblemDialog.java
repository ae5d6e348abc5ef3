package io.secondlook.app.gui;

import io.secondlook.core.store.StoreProblem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;

/**
 * Tells the user that the database cannot be opened (what happened, which file) and lets them pick one of the
 * problem's ways out: retry, open read-only, restore the newest automatic backup, or quit.
 */
public final class StoreProblemDialog {
    private StoreProblemDialog() {
    }

    /** Shows the dialog on the FX thread and waits for the answer; call from any other thread. */
    public static StoreProblem.Choice ask(StoreProblem problem) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("StoreProblemDialog.ask waits for the user: call it off the FX thread");
        }
        CompletableFuture<StoreProblem.Choice> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Alert alert = create(problem);
                alert.setOnHidden(e -> answer.complete(choiceOf(alert.getResult())));
                alert.show();
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StoreProblem.Choice.QUIT;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not show the database problem", e.getCause());
        }
    }

    static Alert create(StoreProblem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("SecondLook: database problem");
        alert.setHeaderText(problem.title());
        Label text = new Label(problem.explanation());
        text.setId("storeProblemText");
        text.setWrapText(true);
        text.setMaxWidth(620);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("storeProblemDialog");
        alert.getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        alert.getButtonTypes().clear();
        for (StoreProblem.Choice choice : problem.choices()) {
            ButtonType type = buttonType(choice);
            alert.getButtonTypes().add(type);
            alert.getDialogPane().lookupButton(type).setId(buttonId(choice));
        }
        return alert;
    }

    static String buttonId(StoreProblem.Choice choice) {
        return switch (choice) {
            case RETRY -> "retryButton";
            case OPEN_READ_ONLY -> "readOnlyButton";
            case RESTORE_BACKUP -> "restoreButton";
            case QUIT -> "quitButton";
        };
    }

    private static ButtonType buttonType(StoreProblem.Choice choice) {
        return switch (choice) {
            case RETRY -> new ButtonType("Try again", ButtonBar.ButtonData.OTHER);
            case OPEN_READ_ONLY -> new ButtonType("Open read-only", ButtonBar.ButtonData.OK_DONE);
            case RESTORE_BACKUP -> new ButtonType("Restore the backup", ButtonBar.ButtonData.OK_DONE);
            case QUIT -> new ButtonType("Quit", ButtonBar.ButtonData.CANCEL_CLOSE);
        };
    }

    /** Closing the window without a button counts as quitting. */
    private static StoreProblem.Choice choiceOf(ButtonType type) {
        if (type == null) {
            return StoreProblem.Choice.QUIT;
        }
        return switch (type.getText()) {
            case "Try again" -> StoreProblem.Choice.RETRY;
            case "Open read-only" -> StoreProblem.Choice.OPEN_READ_ONLY;
            case "Restore the backup" -> StoreProblem.Choice.RESTORE_BACKUP;
            default -> StoreProblem.Choice.QUIT;
        };
    }
}
