package io.secondlook.app.gui;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** A model card in a dialog; before a run it asks to go on, and {@code onRun} runs only on "Run model". */
final class ModelCardDialog {
    private ModelCardDialog() {
    }

    static void show(Window owner, String cardText, boolean beforeRun, Runnable onRun) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Model card");
        dialog.setHeaderText(beforeRun ? "Read what the model is for and where it fails before running it." : null);
        TextArea area = new TextArea(cardText);
        area.setId("modelCardDialogText");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefSize(640, 420);
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().setId("modelCardDialog");
        dialog.getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        ButtonType run = new ButtonType("Run model", ButtonBar.ButtonData.OK_DONE);
        if (beforeRun) {
            dialog.getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
            dialog.getDialogPane().lookupButton(run).setId("runModelButton");
            dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelModelButton");
        } else {
            dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
            dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId("closeModelCardButton");
        }
        dialog.setOnHidden(e -> {
            if (beforeRun && dialog.getResult() == run) {
                onRun.run();
            }
        });
        dialog.show();
    }
}
