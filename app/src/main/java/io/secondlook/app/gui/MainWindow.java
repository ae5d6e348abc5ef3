package io.secondlook.app.gui;

import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.viewer.ImageInfo;
import io.secondlook.viewer.Viewport;
import io.secondlook.viewer.WindowPreset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Rectangle2D;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Control;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The workstation window: study browser, viewport, findings panel, menus and status bar. Every service call runs
 * in a background {@link Task}; its failures are shown in the status bar.
 */
public final class MainWindow implements AutoCloseable {
    static final String STYLESHEET =
            Objects.requireNonNull(MainWindow.class.getResource("secondlook.css")).toExternalForm();

    private final ReadingService service;
    private final BackgroundWork work = new BackgroundWork(this::error);
    private final Viewport viewport = new Viewport();
    private final StudyBrowser browser = new StudyBrowser(this::openSeries);
    private final FindingsPanel panel = new FindingsPanel();
    /** Model choice, series and volume runs; null when the service offers no {@link ModelService}. */
    private final ModelTools modelTools;
    private final Label statusBar = new Label("Ready");
    private final ProgressBar taskProgress = new ProgressBar();
    private final BooleanProperty analyzing = new SimpleBooleanProperty();
    private final BooleanProperty seriesAnalyzable = new SimpleBooleanProperty();
    private final BooleanProperty deciding = new SimpleBooleanProperty();
    private final BooleanProperty hasAnalysis = new SimpleBooleanProperty();
    /** The finding Accept/Reject act on: the latest analysis, or the one picked in the study's list. */
    private final ObjectProperty<Long> decisionTarget = new SimpleObjectProperty<>();
    private boolean listUpdating;
    private final BooleanProperty exportAllowed = new SimpleBooleanProperty();
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final BorderPane root = new BorderPane();
    /** Worklist, patient panel and read-only mode; null when the service offers no {@link RecordsService}. */
    private final RecordsPanes records;
    private Function<Window, Path> exportTargetChooser = MainWindow::chooseReportFile;
    private Function<Window, Path> folderChooser = MainWindow::chooseFolder;
    private Stage stage;
    private StudyBrowser.Selection selection;
    private AnalysisView analysis;
    private int analyzedSlice = -1;
    private boolean modelCardSeen;

    public MainWindow(ReadingService service) {
        this.service = Objects.requireNonNull(service, "service");
        modelTools = service.modelService().map(models -> new ModelTools(models, work, viewport,
                panel.saliencyValidation, () -> stage, this::status, this::findingRecorded)).orElse(null);
        if (modelTools != null) {
            panel.addModelTools(modelTools.chooserView(), modelTools.resultView());
        }
        viewport.setId("viewport");
        viewport.setOnLoadError((slice, e) -> error(BackgroundWork.describe("Loading slice " + (slice + 1), e)));
        statusBar.setId("statusBar");
        statusBar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(statusBar, Priority.ALWAYS);
        taskProgress.setId("taskProgress");
        taskProgress.setVisible(false);
        HBox status = new HBox(8, statusBar, taskProgress);
        status.getStyleClass().add("status-bar");

        records = service.recordsService().map(r -> new RecordsPanes(r, work, this::openFromWorklist)).orElse(null);
        SplitPane centre = new SplitPane();
        // The worklist's columns and the patient's chart need room: their pane widens while it is shown.
        Node left = records == null ? browser.view()
                : records.left(browser.view(), shown -> centre.setDividerPosition(0, shown ? 0.52 : 0.2));
        Node right = records == null ? panel.view()
                : records.right(panel.view(), shown -> centre.setDividerPosition(1, shown ? 0.66 : 0.78));
        centre.getItems().setAll(left, new StackPane(viewport), right);
        centre.setDividerPositions(0.2, 0.78);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(right, false);
        root.setTop(records != null && records.readOnly() ? new VBox(menuBar(), RecordsPanes.readOnlyBanner())
                : menuBar());
        root.setCenter(centre);
        root.setBottom(status);
        root.getStyleClass().add("secondlook");
        wireFindingsPanel();
        wireRecords();
    }

    /** Where "Export report…" writes; null cancels. Default: a native save dialog. Tests inject a path. */
    public void setExportTargetChooser(Function<Window, Path> chooser) {
        exportTargetChooser = Objects.requireNonNull(chooser);
    }

    /** Which folder "Open DICOM folder…" imports; null cancels. Default: a native folder dialog. */
    public void setFolderChooser(Function<Window, Path> chooser) {
        folderChooser = Objects.requireNonNull(chooser);
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Puts the window on {@code target} and loads the catalogue. */
    public void show(Stage target) {
        stage = target;
        // Never larger than the screen: small laptops, and Monocle's headless 1280x800 framebuffer.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(STYLESHEET);
        stage.setTitle("SecondLook");
        stage.setScene(scene);
        stage.show();
        status("Loading the catalogue\u2026");
        reloadPatients(true);
    }

    @Override
    public void close() {
        work.close();
        if (Platform.isFxApplicationThread()) {
            viewport.dispose();
        } else {
            Platform.runLater(viewport::dispose);
        }
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open DICOM folder\u2026", "Shortcut+O", this::importFolder);
        MenuItem export = item("Export report\u2026", "Shortcut+E", this::exportReport);
        export.disableProperty().bind(exportAllowed.not().or(exporting));
        MenuItem quit = item("Quit", "Shortcut+Q", () -> stage.close());
        Menu file = new Menu("File", null, open, export, new SeparatorMenuItem(), quit);
        Menu view = new Menu("View");
        for (WindowPreset preset : WindowPreset.values()) {
            view.getItems().add(item(preset.label() + "  (" + (preset.ordinal() + 1) + ")", null,
                    () -> viewport.applyPreset(preset)));
        }
        view.getItems().addAll(new SeparatorMenuItem(), item("Reset view  (R)", null, viewport::resetView));
        Menu help = new Menu("Help", null, item("Model card\u2026", null, this::showModelCardFromMenu),
                item("About SecondLook", null, this::showAbout));
        if (modelTools != null) {
            help.getItems().add(1, item("Models\u2026", null, modelTools::showModels));
        }
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menuBar");
        return bar;
    }

    private void wireFindingsPanel() {
        BooleanBinding noImage = viewport.displayedSliceProperty().lessThan(0);
        panel.analyzeButton.disableProperty().bind(noImage.or(analyzing)
                .or((modelTools == null ? seriesAnalyzable : modelTools.classifierChosenProperty()).not()));
        panel.analyzeButton.setOnAction(e -> analyze());
        BooleanBinding noTarget = decisionTarget.isNull();
        panel.acceptButton.disableProperty().bind(noTarget.or(deciding));
        panel.rejectButton.disableProperty().bind(noTarget.or(deciding));
        panel.commentField.disableProperty().bind(noTarget);
        panel.findingsList.getSelectionModel().selectedItemProperty().addListener((obs, old, picked) -> {
            if (picked != null && !listUpdating) {
                pickFinding(picked);
            }
        });
        panel.acceptButton.setOnAction(e -> decide(true));
        panel.rejectButton.setOnAction(e -> decide(false));
        panel.exportButton.disableProperty().bind(exportAllowed.not().or(exporting));
        panel.exportButton.setOnAction(e -> exportReport());
        panel.modelCardButton.setOnAction(e -> showModelCardFromMenu());

        panel.heatmapToggle.disableProperty().bind(hasAnalysis.not());
        panel.opacitySlider.disableProperty().bind(hasAnalysis.not());
        panel.colormapChoice.disableProperty().bind(hasAnalysis.not());
        panel.thresholdSlider.disableProperty().bind(hasAnalysis.not());
        panel.opacitySlider.valueProperty().bindBidirectional(viewport.heatmap().opacityProperty());
        panel.thresholdSlider.valueProperty().bindBidirectional(viewport.heatmap().thresholdProperty());
        panel.heatmapToggle.selectedProperty().addListener(obs -> updateHeatmapVisibility());
        viewport.displayedSliceProperty().addListener(obs -> updateHeatmapVisibility());
        panel.colormapChoice.valueProperty().addListener((obs, old, choice) -> {
            if (choice != null) {
                viewport.heatmap().setColormap(choice.lut());
            }
        });
    }

    /** The heatmap belongs to the slice it was computed on; it is never shown over another one. */
    private void updateHeatmapVisibility() {
        viewport.heatmap().setVisible(panel.heatmapToggle.isSelected() && analysis != null
                && viewport.displayedSliceProperty().get() == analyzedSlice);
    }

    /** Reloads the study tree; {@code announce} says what was loaded in the status bar. */
    private void reloadPatients(boolean announce) {
        work.submit("Loading the catalogue", (p, c) -> service.patients(), patients -> {
            browser.setPatients(patients);
            if (announce) {
                status(patients.isEmpty() ? "No studies yet: File \u2192 Open DICOM folder\u2026"
                        : patients.size() + (patients.size() == 1 ? " patient" : " patients"));
            }
        });
    }

    private void openSeries(StudyBrowser.Selection chosen) {
        selection = chosen;
        clearAnalysis();
        exportAllowed.set(false);
        status("Opening series\u2026");
        seriesAnalyzable.set(false);
        if (modelTools != null) {
            modelTools.seriesOpened(chosen.series());
        }
        work.submit("Opening the series", (p, c) -> service.openSeries(chosen.series()), source -> {
            if (selection == chosen) {
                viewport.setSource(source, imageInfo(chosen));
                status("Series opened: " + StudyBrowser.describe(chosen.series()));
            }
        });
        work.submit("Checking which model applies", (p, c) -> service.canAnalyze(chosen.series()), applies -> {
            if (selection == chosen) {
                seriesAnalyzable.set(applies);
            }
        });
        refreshFindings();
    }

    private void clearAnalysis() {
        analysis = null;
        analyzedSlice = -1;
        hasAnalysis.set(false);
        decisionTarget.set(null);
        viewport.heatmap().setHeatmap(null);
        panel.showNoAnalysis();
        updateHeatmapVisibility();
    }

    private void refreshFindings() {
        StudyBrowser.Selection current = selection;
        if (current == null) {
            return;
        }
        String studyUid = current.study().studyInstanceUid();
        work.submit("Loading the study's findings", (p, c) -> service.findings(studyUid), findings -> {
            if (selection != null && selection.study().studyInstanceUid().equals(studyUid)) {
                listUpdating = true;
                panel.showStudy(findings, decisionTarget.get());
                listUpdating = false;
                exportAllowed.set(findings.stream().allMatch(FindingView::decided));
            }
        });
    }

    private void analyze() {
        if (modelTools != null) {
            modelTools.beforeRun(this::runAnalysis);
            return;
        }
        if (modelCardSeen) {
            runAnalysis();
            return;
        }
        work.submit("Loading the model card", (p, c) -> service.modelCardText(), text -> {
            showModelCard(text, true);
        });
    }

    private void runAnalysis() {
        StudyBrowser.Selection chosen = selection;
        int slice = viewport.displayedSliceProperty().get();
        FrameRef ref = chosen == null ? null : FrameRef.locate(chosen.series(), slice);
        if (ref == null) {
            error("Analysis failed: slice " + (slice + 1) + " is not part of the series");
            return;
        }
        analyzing.set(true);
        status("Analyzing slice " + (slice + 1) + "\u2026");
        Task<AnalysisView> task = work.submit("Analysis", modelTools != null ? modelTools.imageAnalysis(ref)
                : (p, c) -> service.analyze(ref.instance(), ref.frame(), p, c), result -> {
                    if (selection == chosen) {
                        showAnalysis(result, slice);
                    }
                    status("Analysis done: " + result.label() + (result.positive() ? " positive" : " negative"));
                    refreshFindings();
                });
        panel.progress.progressProperty().bind(task.progressProperty());
        panel.progressMessage.textProperty().bind(task.messageProperty());
        panel.cancelButton.setOnAction(e -> task.cancel());
        panel.cancelButton.setVisible(true);
        whenDone(task, () -> {
            analyzing.set(false);
            panel.cancelButton.setVisible(false);
            panel.progress.progressProperty().unbind();
            panel.progressMessage.textProperty().unbind();
            panel.progressMessage.setText("");
        });
    }

    private void showAnalysis(AnalysisView result, int slice) {
        analysis = result;
        analyzedSlice = slice;
        hasAnalysis.set(true);
        decisionTarget.set(result.findingId());
        panel.showAnalysis(result, slice);
        viewport.heatmap().setHeatmap(result.heatmap());
        updateHeatmapVisibility();
        if (modelTools != null) {
            modelTools.imageAnalysisShown(result.heatmap());
        }
    }

    /** A series or volume run recorded a finding: it becomes the one to decide on. */
    private void findingRecorded(long findingId) {
        decisionTarget.set(findingId);
        panel.commentField.clear();
        panel.decisionStatus.setText("Awaiting your decision");
        refreshFindings();
    }

    /** A finding picked in the study's list becomes the one to decide on; its slice is shown when it is open. */
    private void pickFinding(FindingView finding) {
        decisionTarget.set(finding.findingId());
        panel.commentField.setText(finding.decided() ? finding.decision().comment() : "");
        if (finding.decided()) {
            panel.showDecision(finding.decision());
        } else {
            panel.decisionStatus.setText("Awaiting your decision: " + FindingsPanel.describe(finding));
        }
        if (selection != null) {
            int slice = 0;
            for (var instance : selection.series().instances()) {
                if (instance.sopInstanceUid().equals(finding.sopInstanceUid())
                        && (instance.frame() == DicomInstance.ALL_FRAMES || instance.frame() == finding.frame())) {
                    viewport.setSliceIndex(slice + (instance.frame() == DicomInstance.ALL_FRAMES ? finding.frame() : 0));
                    return;
                }
                slice += Math.max(1, instance.frames());
            }
        }
    }

    private void decide(boolean accept) {
        Long findingId = decisionTarget.get();
        if (findingId == null) {
            return;
        }
        String comment = panel.commentField.getText() == null ? "" : panel.commentField.getText().trim();
        deciding.set(true);
        panel.decisionStatus.setText("Saving\u2026");
        Task<DecisionView> task = work.submit("Saving the decision",
                (p, c) -> service.decide(findingId, accept, comment), saved -> {
                    if (findingId.equals(decisionTarget.get())) {
                        panel.showDecision(saved);
                    }
                    status("Decision saved");
                    refreshFindings();
                });
        whenDone(task, () -> {
            deciding.set(false);
            if (task.getState() != Worker.State.SUCCEEDED && findingId.equals(decisionTarget.get())) {
                panel.decisionStatus.setText("Not saved: see the status bar");
            }
        });
    }

    private void exportReport() {
        StudyBrowser.Selection chosen = selection;
        if (chosen == null || !exportAllowed.get()) {
            error("Export refused: " + (chosen == null ? "no study is open" : panel.exportReason.getText()));
            return;
        }
        Path target = exportTargetChooser.apply(stage);
        if (target == null) {
            return;
        }
        exporting.set(true);
        status("Exporting the report\u2026");
        Task<Path> task = work.submit("Export", (p, c) ->
                service.exportReport(chosen.study().studyInstanceUid(), target), written -> {
                    status("Report saved: " + written);
                    if (records != null) {
                        records.changed();
                    }
                });
        whenDone(task, () -> exporting.set(false));
    }

    private void importFolder() {
        Path folder = folderChooser.apply(stage);
        if (folder == null) {
            return;
        }
        status("Importing " + folder + "\u2026");
        Task<ImportResult> task = work.submit("Import of " + folder, (p, c) -> service.importFolder(folder, p, c),
                result -> {
                    List<String> problems = result.problems();
                    String summary = "Imported " + result.imagesImported() + " images from " + folder;
                    if (problems.isEmpty()) {
                        status(summary);
                    } else {
                        error(summary + "; " + problems.size() + " files could not be read, e.g. " + problems.get(0));
                    }
                    reloadPatients(false);
                });
        taskProgress.progressProperty().bind(task.progressProperty());
        taskProgress.setVisible(true);
        whenDone(task, () -> {
            taskProgress.progressProperty().unbind();
            taskProgress.setVisible(false);
        });
    }

    private void showModelCardFromMenu() {
        if (modelTools != null && modelTools.showChosenCard()) {
            return;
        }
        work.submit("Loading the model card", (p, c) -> service.modelCardText(), text -> {
            showModelCard(text, false);
        });
    }

    /** The model card; before the first run it asks to go on, and the run starts only on "Run model". */
    private void showModelCard(String text, boolean beforeRun) {
        ModelCardDialog.show(stage, text, beforeRun, () -> {
            modelCardSeen = true;
            runAnalysis();
        });
    }

    private void showAbout() {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.initOwner(stage);
        about.setTitle("About SecondLook");
        about.setHeaderText("SecondLook " + service.version());
        about.setContentText("Offline clinician workstation. The AI is a second reader: the clinician decides.");
        about.getDialogPane().getStylesheets().add(STYLESHEET);
        about.show();
    }

    /**
     * The patient of the selected series opens in the patient panel; the worklist follows new findings, decisions
     * and imports; in read-only mode nothing can be analysed, decided or exported.
     */
    private void wireRecords() {
        if (records == null) {
            return;
        }
        browser.view().getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            for (TreeItem<Object> i = item; i != null; i = i.getParent()) {
                if (i.getValue() instanceof DicomPatient p) {
                    records.showPatient(p.patientId(), p.issuerOfPatientId());
                    return;
                }
            }
        });
        panel.findingsList.getItems().addListener((ListChangeListener<FindingView>) c -> records.changed());
        browser.view().getRoot().getChildren().addListener((ListChangeListener<TreeItem<Object>>) c ->
                records.changed());
        records.changed(); // the store's first full read happens now, in the background, not when the tab opens
        if (records.readOnly()) {
            List<Control> writers = new ArrayList<>(List.of(panel.analyzeButton, panel.acceptButton,
                    panel.rejectButton, panel.exportButton, panel.commentField));
            if (modelTools != null) {
                writers.addAll(List.of(modelTools.analyzeSeriesButton, modelTools.segmentButton,
                        modelTools.detectButton));
            }
            for (Control control : writers) {
                control.disableProperty().unbind();
                control.setDisable(true);
            }
            exportAllowed.addListener((obs, was, allowed) -> {
                if (allowed) {
                    exportAllowed.set(false);
                }
            });
        }
    }

    /**
     * A study picked in the worklist: its patient opens in the patient panel and its first series in the viewer,
     * after bringing its images into the catalogue when this session has not scanned them yet.
     */
    private void openFromWorklist(WorklistEntry entry) {
        records.showPatient(entry.patientId(), entry.issuer());
        String studyUid = entry.studyUid();
        if (browser.selectStudy(studyUid)) {
            records.showStudies();
            return;
        }
        status("Loading the study's images\u2026");
        RecordsService recordsService = service.recordsService().orElseThrow();
        work.submit("Loading the study's images", (p, c) -> recordsService.loadStudyImages(studyUid, p, c),
                found -> {
                    if (!found) {
                        status("This study has no images in the database; its patient's record is shown");
                        return;
                    }
                    work.submit("Loading the catalogue", (p, c) -> service.patients(), patients -> {
                        browser.setPatients(patients);
                        if (browser.selectStudy(studyUid)) {
                            records.showStudies();
                        } else {
                            error("The study's images were scanned but the study is not among them");
                        }
                    });
                });
    }

    private void status(String message) {
        statusBar.getStyleClass().remove("error");
        statusBar.setText(message);
    }

    private void error(String message) {
        if (!statusBar.getStyleClass().contains("error")) {
            statusBar.getStyleClass().add("error");
        }
        statusBar.setText(message);
    }

    private static void whenDone(Task<?> task, Runnable action) {
        task.runningProperty().addListener((obs, was, is) -> {
            if (was && !is) {
                action.run();
            }
        });
    }

    private static ImageInfo imageInfo(StudyBrowser.Selection s) {
        return new ImageInfo(s.patient().name(), s.patient().patientId(), s.patient().birthDate(), s.patient().sex(),
                s.study().description(), s.study().date(), s.series().description(), s.series().modality());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Path chooseReportFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF report", "*.pdf"));
        chooser.setInitialFileName("report.pdf");
        java.io.File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }

    private static Path chooseFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open DICOM folder");
        java.io.File dir = chooser.showDialog(owner);
        return dir == null ? null : dir.toPath();
    }
}
