package io.secondlook.app.gui;

import io.secondlook.viewer.Colormap;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The right-hand panel: run the model, see its finding and explanation, decide, export. Layout and display only. */
final class FindingsPanel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** A heatmap colour table offered in the choice box. */
    record ColormapChoice(String name, int[] lut) {
        @Override
        public String toString() {
            return name;
        }
    }

    final Button analyzeButton = button("analyzeButton", "Analyze image");
    final Button cancelButton = button("cancelAnalysisButton", "Cancel");
    final ProgressBar progress = new ProgressBar();
    final Label progressMessage = label("analysisMessage", "muted");
    final Label findingLabel = label("findingLabel", "finding-label");
    final Label badge = label("findingBadge", "badge");
    final Label details = label("findingDetails", "muted");
    final CheckBox heatmapToggle = new CheckBox("Show heatmap");
    final Slider opacitySlider = new Slider(0, 1, 0.5);
    final Slider thresholdSlider = new Slider(0, 1, 0.2);
    final ComboBox<ColormapChoice> colormapChoice = new ComboBox<>();
    final Button modelCardButton = button("modelCardButton", "Model card\u2026");
    final Label saliencyValidation = label("saliencyValidation", "muted");
    final TextArea commentField = new TextArea();
    final Button acceptButton = button("acceptButton", "Accept");
    final Button rejectButton = button("rejectButton", "Reject");
    final Label decisionStatus = label("decisionStatus", "decision-status");
    final Label studySummary = label("studySummary", "muted");
    final ListView<FindingView> findingsList = new ListView<>();
    final Label exportReason = label("exportReason", "muted");
    final Button exportButton = button("exportButton", "Export report\u2026");
    private final BorderPane root;
    private final VBox reading;

    FindingsPanel() {
        progress.setId("analysisProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox running = new HBox(6, progress, cancelButton);
        running.visibleProperty().bind(cancelButton.visibleProperty());
        running.managedProperty().bind(cancelButton.visibleProperty());
        cancelButton.setVisible(false);

        heatmapToggle.setId("heatmapToggle");
        heatmapToggle.setSelected(true);
        opacitySlider.setId("opacitySlider");
        colormapChoice.setId("colormapChoice");
        colormapChoice.setMaxWidth(Double.MAX_VALUE);
        thresholdSlider.setId("thresholdSlider");
        VBox heatmapBox = new VBox(6, heatmapToggle, sliderRow("Opacity", opacitySlider),
                sliderRow("Hide below", thresholdSlider), colormapChoice, saliencyValidation);

        modelCardButton.setMaxWidth(Double.MAX_VALUE);

        commentField.setId("commentField");
        commentField.setPromptText("Comment (optional)");
        commentField.setPrefRowCount(2);
        commentField.setWrapText(true);
        acceptButton.getStyleClass().add("accept");
        rejectButton.getStyleClass().add("reject");
        acceptButton.setMaxWidth(Double.MAX_VALUE);
        rejectButton.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(acceptButton, Priority.ALWAYS);
        HBox.setHgrow(rejectButton, Priority.ALWAYS);
        HBox decide = new HBox(8, acceptButton, rejectButton);

        findingsList.setId("findingsList");
        findingsList.setPrefHeight(64);
        findingsList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FindingView item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item) + "  \u00b7  " + (!item.decided() ? "awaiting"
                        : item.decision().accepted() ? "accepted" : "rejected"));
            }
        });
        analyzeButton.setMaxWidth(Double.MAX_VALUE);
        analyzeButton.getStyleClass().add("primary");
        exportButton.setMaxWidth(Double.MAX_VALUE);
        for (Label l : List.of(findingLabel, details, exportReason, studySummary, decisionStatus, progressMessage,
                saliencyValidation)) {
            l.setWrapText(true);
        }

        reading = new VBox(10,
                heading("AI second reader"), analyzeButton, running, progressMessage,
                findingLabel, badge, details,
                new Separator(), heading("Explanation"), heatmapBox, modelCardButton);
        reading.setPadding(new Insets(12));
        reading.getStyleClass().add("side-panel");
        ScrollPane scroll = new ScrollPane(reading);
        scroll.setId("findingsScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // Deciding and exporting stay in view however small the window.
        VBox report = new VBox(8, heading("Your decision"), commentField, decide, decisionStatus,
                new Separator(), heading("Study findings"), studySummary, findingsList, exportButton, exportReason);
        report.setPadding(new Insets(10, 12, 12, 12));
        report.getStyleClass().addAll("side-panel", "report-box");
        root = new BorderPane(scroll);
        root.setBottom(report);
        root.setId("findingsPanel");
        root.getStyleClass().add("side-panel");
        root.setPrefWidth(300);
        root.setMinWidth(240);
        showNoAnalysis();
    }

    BorderPane view() {
        return root;
    }

    /** Puts the model chooser and the series/volume results under the heading, above the image analysis. */
    void addModelTools(Node chooser, Node results) {
        reading.getChildren().add(1, chooser);
        reading.getChildren().add(2, results);
    }

    /** Nothing analysed on the image shown. */
    void showNoAnalysis() {
        findingLabel.setText("No analysis yet");
        badge.setText("");
        badge.getStyleClass().removeAll("positive", "negative");
        badge.setVisible(false);
        details.setText("");
        saliencyValidation.setText("");
        decisionStatus.setText("");
        commentField.clear();
        colormapChoice.getItems().setAll(choices(null));
        colormapChoice.getSelectionModel().selectFirst();
    }

    void showAnalysis(AnalysisView a, int slice) {
        findingLabel.setText(String.format(Locale.ROOT, "%s  %.1f %%", a.label(), a.probability() * 100));
        badge.setText(a.positive() ? "POSITIVE" : "NEGATIVE");
        badge.getStyleClass().removeAll("positive", "negative");
        badge.getStyleClass().add(a.positive() ? "positive" : "negative");
        badge.setVisible(true);
        details.setText(String.format(Locale.ROOT, "Threshold %.1f %%\nModel %s %s on %s\nSlice %d",
                a.threshold() * 100, a.modelName(), a.modelVersion(), a.device(), slice + 1));
        decisionStatus.setText("Awaiting your decision");
        commentField.clear();
        colormapChoice.getItems().setAll(choices(a.colormap()));
        colormapChoice.getSelectionModel().selectFirst();
    }

    void showDecision(DecisionView d) {
        decisionStatus.setText("Saved: " + (d.accepted() ? "accepted" : "rejected")
                + (d.decidedAt() == null ? "" : " at " + TIME.format(d.decidedAt())));
    }

    /**
     * Study-level state: its findings (keeping {@code selectedId} selected), how many still need a decision, why
     * export is refused.
     */
    void showStudy(List<FindingView> findings, Long selectedId) {
        findingsList.getItems().setAll(findings);
        findings.stream().filter(f -> selectedId != null && f.findingId() == selectedId).findFirst()
                .ifPresentOrElse(f -> findingsList.getSelectionModel().select(f),
                        () -> findingsList.getSelectionModel().clearSelection());
        long undecided = findings.stream().filter(f -> !f.decided()).count();
        studySummary.setText(findings.isEmpty() ? "No AI findings in this study"
                : findings.size() + (findings.size() == 1 ? " finding" : " findings") + " in this study, "
                + undecided + " awaiting a decision");
        exportReason.setText(undecided == 0 ? ""
                : "Export needs a decision on " + undecided + (undecided == 1 ? " finding" : " findings"));
    }

    /** "Pneumonia 87.3 %". */
    static String describe(FindingView f) {
        return String.format(Locale.ROOT, "%s %.1f %%", f.label(), f.probability() * 100);
    }

    private static List<ColormapChoice> choices(int[] modelLut) {
        List<ColormapChoice> out = new ArrayList<>();
        if (modelLut != null) {
            out.add(new ColormapChoice("Model's colours", modelLut.clone()));
        }
        for (Colormap c : Colormap.values()) {
            out.add(new ColormapChoice(c.label(), c.lut()));
        }
        return out;
    }

    private static HBox sliderRow(String text, Slider slider) {
        Label label = new Label(text);
        label.setMinWidth(72);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return new HBox(6, label, slider);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("heading");
        return l;
    }

    private static Button button(String id, String text) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }

    private static Label label(String id, String styleClass) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        return l;
    }
}
