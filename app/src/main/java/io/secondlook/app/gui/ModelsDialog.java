package io.secondlook.app.gui;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Every model package the registry knows, with its status: valid, or refused with the reason. */
final class ModelsDialog {
    private ModelsDialog() {
    }

    static void show(Window owner, List<ModelEntryView> models) {
        TableView<ModelEntryView> table = new TableView<>();
        table.setId("modelsTable");
        table.getColumns().add(column("Model", 170, ModelEntryView::id));
        table.getColumns().add(column("Version", 70, ModelEntryView::version));
        table.getColumns().add(column("Task", 110, ModelEntryView::task));
        table.getColumns().add(column("Modality", 80, ModelEntryView::modalities));
        table.getColumns().add(column("Source", 160, m -> m.source().equals("bundled") ? "bundled"
                : java.nio.file.Path.of(m.source()).getFileName().toString()));
        TableColumn<ModelEntryView, String> status = column("Status", 360, ModelEntryView::status);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().remove("refused");
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
                if (!empty && text != null && !text.equals("valid")) {
                    getStyleClass().add("refused");
                }
            }
        });
        table.getColumns().add(status);
        table.getItems().setAll(models);
        table.setPrefSize(960, 300);
        long refused = models.stream().filter(m -> !m.valid()).count();
        Label summary = new Label(models.size() + (models.size() == 1 ? " package, " : " packages, ") + refused
                + " refused. Packages are read from the bundled models and the data folder's models folder.");
        summary.getStyleClass().add("muted");
        summary.setWrapText(true);

        Label details = new Label();
        details.setId("modelDetails");
        details.setWrapText(true);
        details.setMaxWidth(940);
        details.setMinHeight(48);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, picked) -> details.setText(
                picked == null ? "" : picked.id() + " (" + picked.source() + "): " + picked.status()));
        models.stream().filter(m -> !m.valid()).findFirst().ifPresentOrElse(
                m -> table.getSelectionModel().select(m), () -> table.getSelectionModel().selectFirst());

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Models");
        dialog.getDialogPane().setContent(new VBox(8, summary, table, details));
        dialog.getDialogPane().setId("modelsDialog");
        dialog.getDialogPane().getStylesheets().add(MainWindow.STYLESHEET);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId("closeModelsButton");
        dialog.setResizable(true);
        dialog.show();
    }

    private static TableColumn<ModelEntryView, String> column(String title, double width,
                                                              Function<ModelEntryView, String> value) {
        TableColumn<ModelEntryView, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        return c;
    }
}
