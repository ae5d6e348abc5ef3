package io.secondlook.app.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** A series run's result: the aggregate, the per-slice scores (a click jumps to the slice) and image errors. */
final class SeriesResultPane {
    /** One slice's score in the list. */
    record SliceScore(int slice, double probability) {
    }

    final Label summary = new Label();
    final Button jumpButton = new Button();
    final ListView<SliceScore> scores = new ListView<>();
    private final Label errors = new Label();
    private final VBox root;

    SeriesResultPane(IntConsumer goToSlice) {
        summary.setId("seriesSummary");
        summary.setWrapText(true);
        jumpButton.setId("jumpToMaxButton");
        jumpButton.setMaxWidth(Double.MAX_VALUE);
        scores.setId("sliceScores");
        scores.setPrefHeight(120);
        errors.setId("seriesErrors");
        errors.getStyleClass().add("muted");
        errors.setWrapText(true);
        scores.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SliceScore item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Double.isNaN(item.probability())
                        ? String.format(Locale.ROOT, "Slice %d  not analysed", item.slice() + 1)
                        : String.format(Locale.ROOT, "Slice %d  %.1f %%", item.slice() + 1, item.probability() * 100));
            }
        });
        scores.getSelectionModel().selectedItemProperty().addListener((obs, old, picked) -> {
            if (picked != null) {
                goToSlice.accept(picked.slice());
            }
        });
        root = new VBox(6, summary, jumpButton, scores, errors);
        root.setId("seriesResult");
        show(null);
    }

    VBox view() {
        return root;
    }

    /** Shows a result, or hides the pane for null. */
    void show(SeriesAnalysisView r) {
        root.setVisible(r != null);
        root.setManaged(r != null);
        if (r == null) {
            scores.getItems().clear();
            return;
        }
        summary.setText(String.format(Locale.ROOT,
                "Series: %s, %s\nHighest %s %.1f %% on slice %d \u00b7 mean %.1f %% \u00b7 threshold %.1f %%\n"
                        + "%d of %d images in %.1f s \u00b7 %s %s on %s",
                r.label(), r.positive() ? "POSITIVE" : "negative", r.positiveLabel(), r.maxProbability() * 100,
                r.maxSlice() + 1, r.meanProbability() * 100, r.threshold() * 100, r.analysed(), r.total(),
                r.seconds(), r.modelName(), r.modelVersion(), r.device()));
        jumpButton.setText("Go to slice " + (r.maxSlice() + 1) + " (highest score)");
        List<SliceScore> rows = new ArrayList<>();
        for (int i = 0; i < r.sliceProbabilities().size(); i++) {
            rows.add(new SliceScore(i, r.sliceProbabilities().get(i)));
        }
        scores.getItems().setAll(rows);
        errors.setText(r.errors().isEmpty() ? "" : r.errors().size() + " images could not be analysed, e.g. "
                + r.errors().get(0));
    }
}
