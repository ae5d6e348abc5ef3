package io.secondlook.app.gui;

import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.viewer.Heatmap;
import io.secondlook.viewer.Viewport;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The model side of the findings panel: which model applies to the open series (its card shown before its first
 * run), series classification and volume segmentation in the background with progress, time left and Cancel,
 * their results on the panel and the viewer, and the saliency sanity status of an image analysis.
 */
final class ModelTools {
    private final ModelService service;
    private final BackgroundWork work;
    private final Viewport viewport;
    private final Supplier<Window> owner;
    private final Consumer<String> status;
    private final LongConsumer onFinding;

    final ComboBox<ModelChoice> chooser = new ComboBox<>();
    final Label modelInfo = new Label();
    final Button cardButton = new Button("Card\u2026");
    final Button analyzeSeriesButton = new Button("Analyze series");
    final Button segmentButton = new Button("Segment volume");
    final Button detectButton = new Button("Detect on this slice");
    private final DetectionResultPane detection = new DetectionResultPane();
    private final RunProgress progress = new RunProgress();
    private final SeriesResultPane seriesResult;
    private final SegmentationPanel segmentation;
    private final VBox chooserView;
    private final VBox resultView;
    private final ReadOnlyBooleanProperty running = progress.runningProperty();
    private final BooleanProperty classifierChosen = new SimpleBooleanProperty();
    private final Set<String> cardsSeen = new HashSet<>();
    private final Label saliencyValidation;
    private DicomSeries series;
    private String imageModelId;

    /**
     * @param saliencyValidation where the sanity status of a shown saliency map goes
     * @param onFinding called on the FX thread with each finding a run recorded for the open series
     */
    ModelTools(ModelService service, BackgroundWork work, Viewport viewport, Label saliencyValidation,
               Supplier<Window> owner, Consumer<String> status, LongConsumer onFinding) {
        this.service = Objects.requireNonNull(service);
        this.work = work;
        this.viewport = viewport;
        this.saliencyValidation = saliencyValidation;
        this.owner = owner;
        this.status = status;
        this.onFinding = onFinding;
        seriesResult = new SeriesResultPane(viewport::setSliceIndex);
        segmentation = new SegmentationPanel(viewport.labels());

        chooser.setId("modelChoice");
        chooser.setMaxWidth(Double.MAX_VALUE);
        chooser.setPromptText("No series open");
        HBox.setHgrow(chooser, Priority.ALWAYS);
        cardButton.setId("chosenModelCardButton");
        cardButton.setMinWidth(Region.USE_PREF_SIZE);
        modelInfo.setId("modelInfo");
        modelInfo.getStyleClass().add("muted");
        modelInfo.setWrapText(true);
        for (Button b : new Button[] {analyzeSeriesButton, segmentButton, detectButton}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        analyzeSeriesButton.setId("analyzeSeriesButton");
        segmentButton.setId("segmentButton");
        segmentButton.getStyleClass().add("primary");
        detectButton.setId("detectButton");
        detectButton.getStyleClass().add("primary");

        var chosen = chooser.getSelectionModel().selectedItemProperty();
        classifierChosen.bind(Bindings.createBooleanBinding(() -> chosen.get() != null
                && ModelChoice.CLASSIFICATION.equals(chosen.get().task()), chosen));
        var segmenterChosen = Bindings.createBooleanBinding(() -> chosen.get() != null
                && ModelChoice.SEGMENTATION.equals(chosen.get().task()), chosen);
        var detectorChosen = Bindings.createBooleanBinding(() -> chosen.get() != null
                && ModelChoice.DETECTION.equals(chosen.get().task()), chosen);
        cardButton.disableProperty().bind(chosen.isNull());
        detectButton.disableProperty().bind(detectorChosen.not().or(running)
                .or(viewport.displayedSliceProperty().lessThan(0)));
        detectButton.visibleProperty().bind(detectorChosen);
        detectButton.managedProperty().bind(detectorChosen);
        analyzeSeriesButton.disableProperty().bind(classifierChosen.not().or(running));
        segmentButton.disableProperty().bind(segmenterChosen.not().or(running));
        analyzeSeriesButton.visibleProperty().bind(segmenterChosen.not().and(detectorChosen.not()));
        analyzeSeriesButton.managedProperty().bind(analyzeSeriesButton.visibleProperty());
        segmentButton.visibleProperty().bind(segmenterChosen);
        segmentButton.managedProperty().bind(segmenterChosen);
        chosen.addListener((obs, old, now) -> describe(now));
        cardButton.setOnAction(e -> ModelCardDialog.show(owner.get(), chosen.get().cardText(), false, () -> { }));
        analyzeSeriesButton.setOnAction(e -> beforeRun(this::runSeries));
        segmentButton.setOnAction(e -> beforeRun(this::runSegmentation));
        detectButton.setOnAction(e -> beforeRun(this::runDetection));

        chooserView = new VBox(6, new HBox(6, chooser, cardButton), modelInfo,
                new HBox(6, analyzeSeriesButton, segmentButton, detectButton), progress.view());
        chooserView.setId("modelTools");
        resultView = new VBox(8, seriesResult.view(), segmentation.view(), detection.view());
        segmentation.keySliceButton.setOnAction(e -> {
            if (segmentation.keySliceButton.getUserData() instanceof Integer slice) {
                viewport.setSliceIndex(slice);
            }
        });
        seriesResult.jumpButton.setOnAction(e -> {
            if (seriesResult.jumpButton.getUserData() instanceof Integer slice) {
                viewport.setSliceIndex(slice);
            }
        });
        describe(null);
    }

    Node chooserView() {
        return chooserView;
    }

    Node resultView() {
        return resultView;
    }

    /** True while the chosen model is a classifier, so "Analyze image" applies. */
    ReadOnlyBooleanProperty classifierChosenProperty() {
        return classifierChosen;
    }

    /** A new series is open: earlier results leave the panel and the viewer, and the applicable models load. */
    void seriesOpened(DicomSeries opened) {
        series = opened;
        seriesResult.show(null);
        segmentation.show(null);
        viewport.labels().setVolume(null);
        viewport.detections().clear();
        detection.show(null, -1);
        chooser.getItems().clear();
        chooser.setPromptText("Finding the models for " + opened.modality() + "\u2026");
        work.submit("Listing the models for the series", (p, c) -> service.modelsFor(opened), models -> {
            if (series == opened) {
                chooser.getItems().setAll(models);
                chooser.setPromptText("No model applies to " + opened.modality() + " images");
                chooser.getSelectionModel().selectFirst();
                describe(chooser.getValue());
            }
        });
    }

    /** Runs {@code run} once the chosen model's card has been shown (once per model and session). */
    void beforeRun(Runnable run) {
        ModelChoice chosen = chooser.getValue();
        if (chosen == null) {
            return;
        }
        if (cardsSeen.contains(chosen.id())) {
            run.run();
        } else {
            ModelCardDialog.show(owner.get(), chosen.cardText(), true, () -> {
                cardsSeen.add(chosen.id());
                run.run();
            });
        }
    }

    /** The image analysis for "Analyze image" with the chosen classifier; called on a background thread. */
    BackgroundWork.Work<AnalysisView> imageAnalysis(FrameRef ref) {
        String modelId = Objects.requireNonNull(chooser.getValue(), "no model chosen").id();
        imageModelId = modelId;
        return (p, c) -> service.analyzeImage(modelId, ref.instance(), ref.frame(), p, c);
    }

    /** An image analysis is on screen: says whether its saliency method passed the sanity check for its model. */
    void imageAnalysisShown(Heatmap heatmap) {
        String modelId = imageModelId;
        if (heatmap == null || modelId == null) {
            saliencyValidation.setText("");
            return;
        }
        String method = heatmap.method();
        saliencyValidation.setText("");
        work.submit("Reading the saliency sanity check", (p, c) -> service.saliencyValidation(modelId, method),
                text -> {
                    saliencyValidation.setText(method + ": " + text);
                    saliencyValidation.getStyleClass().remove("warning");
                    if (!text.startsWith("sanity check passed")) {
                        saliencyValidation.getStyleClass().add("warning");
                    }
                });
    }

    /** Shows the chosen model's card; false when no model is chosen. */
    boolean showChosenCard() {
        ModelChoice chosen = chooser.getValue();
        if (chosen != null) {
            ModelCardDialog.show(owner.get(), chosen.cardText(), false, () -> { });
        }
        return chosen != null;
    }

    /** Every package the registry knows, with its status, in a dialog. */
    void showModels() {
        work.submit("Listing the models", (p, c) -> service.allModels(),
                models -> ModelsDialog.show(owner.get(), models));
    }

    private void describe(ModelChoice chosen) {
        if (chosen == null) {
            modelInfo.setText(series == null ? "Open a series to see the models that apply to it."
                    : "No model in the registry applies to " + series.modality()
                            + " images (Help \u2192 Models\u2026).");
            return;
        }
        modelInfo.setText(switch (chosen.task()) {
            case ModelChoice.CLASSIFICATION -> "Classification: Analyze image for the slice on screen, "
                    + "Analyze series for every slice.";
            case ModelChoice.SEGMENTATION -> "Segmentation of the whole volume: labels over each slice, "
                    + "with their volumes and an uncertainty map.";
            case ModelChoice.DETECTION -> "Detection on the slice on screen: boxes with labels and scores.";
            default -> "A " + chosen.task() + " model: it cannot be run from the window.";
        });
    }

    private void runSeries() {
        DicomSeries target = series;
        String modelId = chooser.getValue().id();
        status.accept("Analyzing every image of the series with " + modelId + "\u2026");
        Task<SeriesAnalysisView> task = work.submit("Series analysis",
                (p, c) -> service.analyzeSeries(modelId, target, p, c), result -> {
                    if (series != target) {
                        status.accept("Series analysis done for a series that is no longer open");
                        return;
                    }
                    seriesResult.show(result);
                    seriesResult.jumpButton.setUserData(result.maxSlice());
                    status.accept(String.format(Locale.ROOT, "Series analysis done: %s %s, highest on slice %d",
                            result.label(), result.positive() ? "positive" : "negative", result.maxSlice() + 1));
                    onFinding.accept(result.findingId());
                });
        progress.track(task);
    }

    private void runSegmentation() {
        DicomSeries target = series;
        String modelId = chooser.getValue().id();
        status.accept("Segmenting the volume with " + modelId + "\u2026");
        Task<SegmentationView> task = work.submit("Segmentation",
                (p, c) -> service.segment(modelId, target, p, c), result -> {
                    if (series != target) {
                        status.accept("Segmentation done for a series that is no longer open");
                        return;
                    }
                    viewport.labels().setVolume(result.labels());
                    segmentation.show(result);
                    segmentation.keySliceButton.setUserData(result.keySlice());
                    status.accept("Segmentation done: " + result.findingLabel());
                    onFinding.accept(result.findingId());
                });
        progress.track(task);
    }

    private void runDetection() {
        DicomSeries target = series;
        String modelId = chooser.getValue().id();
        int slice = viewport.displayedSliceProperty().get();
        FrameRef ref = FrameRef.locate(target, slice);
        if (ref == null) {
            status.accept("Detection: slice " + (slice + 1) + " is not part of the series");
            return;
        }
        Task<DetectionView> task = work.submit("Detection",
                (p, c) -> service.detect(modelId, ref.instance(), ref.frame(), p, c), result -> {
                    if (series != target) {
                        status.accept("Detection done for a series that is no longer open");
                        return;
                    }
                    viewport.detections().show(slice, result.boxes());
                    detection.show(result, slice);
                    status.accept("Detection done: " + result.findingLabel());
                    onFinding.accept(result.findingId());
                });
        progress.track(task);
    }
}
