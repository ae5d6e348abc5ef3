package io.secondlook.app;

import static io.secondlook.app.gui.WindowTestSupport.await;
import static io.secondlook.app.gui.WindowTestSupport.button;
import static io.secondlook.app.gui.WindowTestSupport.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.app.gui.ModelChoice;
import io.secondlook.app.gui.ModelEntryView;
import io.secondlook.app.gui.MainWindow;
import io.secondlook.app.gui.WindowTestSupport;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.Segmentations;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.saliency.SanityCheck;
import io.secondlook.inference.saliency.SanityRecords;
import io.secondlook.inference.segment.SegmentClass;
import io.secondlook.inference.segment.SegmentationResult;
import io.secondlook.inference.volume.DicomVolumeLoader;
import io.secondlook.inference.volume.Volume;
import io.secondlook.viewer.DetectionOverlay;
import io.secondlook.viewer.Viewport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The model workflow through the real window and services: models offered by modality, the Models window with
 * a refused package, a real 3D segmentation of the demo CT drawn over its slices with volumes and uncertainty, and
 * a cancelled run. The segmentation packages are built by {@link CtTestModels} for the CT's own grid.
 */
@ExtendWith(ApplicationExtension.class)
class ModelWorkflowWindowTest {
    @TempDir
    static Path tmp;

    private static Workstation workstation;
    private MainWindow window;
    private WorkstationReadingService service;
    private Stage stage;

    @BeforeAll
    static void openWorkstationWithSegmentationModels() throws Exception {
        workstation = Workstation.open(new AppHome(tmp.resolve("home")));
        Volume ct = DicomVolumeLoader.load(workstation.firstSeries("CT").orElseThrow());
        Path models = workstation.home().models();
        CtTestModels.threshold(models.resolve("threshold"), ct.width(), ct.height(), ct.depth(),
                ct.orientation());
        CtTestModels.slow(models.resolve("slow"), ct.width(), ct.height(), ct.depth(), ct.orientation());
        CtTestModels.withWrongSha(models.resolve("threshold"), models.resolve("tampered"));
        CtTestModels.brightness(models.resolve("brightness"));
        CtTestModels.detector(models.resolve("detector"));
        workstation.models().rescan();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        service = new WorkstationReadingService(workstation);
        window = new MainWindow(service);
        window.setFolderChooser(owner -> null);
        window.show(stage);
    }

    @AfterEach
    void closeWindow() {
        window.close();
    }

    @Test
    void theChestRadiographModelIsOfferedForTheRadiographOnlyAndTheCtModelsForTheCt(FxRobot robot) {
        openSeries(robot, "CT Chest");
        await(() -> !chooser(robot).getItems().isEmpty(), () -> "models for the CT listed");
        Set<String> forCt = chooser(robot).getItems().stream().map(ModelChoice::id).collect(Collectors.toSet());
        assertEquals(Set.of(CtTestModels.BRIGHTNESS_ID, CtTestModels.THRESHOLD_ID, CtTestModels.SLOW_ID,
                CtTestModels.DETECTOR_ID), forCt);
        choose(robot, CtTestModels.THRESHOLD_ID);
        assertTrue(button(robot, "#analyzeButton").isDisabled(), "no image analysis with a segmentation model");
        assertTrue(robot.lookup("#segmentButton").query().isVisible());
        assertFalse(robot.lookup("#analyzeSeriesButton").query().isVisible());

        openSeries(robot, "DX Chest");
        await(() -> chooser(robot).getItems().stream().anyMatch(m -> m.id().equals("pneumonia-demo")),
                () -> "pneumonia model offered for the radiograph");
        assertEquals(List.of("pneumonia-demo"), chooser(robot).getItems().stream().map(ModelChoice::id).toList());
        await(() -> !button(robot, "#analyzeButton").isDisabled(), () -> "Analyze image enabled for the DX");
        assertFalse(button(robot, "#analyzeSeriesButton").isDisabled(), "Analyze series offered for a classifier");
    }

    @Test
    void theModelsWindowListsEveryPackageWithTheRefusedOnesReason(FxRobot robot) {
        robot.clickOn("Help").clickOn("Models\u2026");
        await(30, () -> robot.lookup("#modelsTable").tryQuery().isPresent(), () -> "Models window shown");
        @SuppressWarnings("unchecked")
        TableView<ModelEntryView> table = robot.lookup("#modelsTable").queryAs(TableView.class);
        List<ModelEntryView> rows = table.getItems();
        assertTrue(rows.stream().anyMatch(r -> r.id().equals("pneumonia-demo") && r.valid()
                && r.source().equals("bundled")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.id().equals(CtTestModels.THRESHOLD_ID) && r.valid()
                && r.task().equals("segmentation") && r.modalities().equals("CT")), rows.toString());
        ModelEntryView refused = rows.stream().filter(r -> !r.valid()).findFirst().orElseThrow();
        assertEquals("tampered", refused.id());
        assertTrue(refused.status().startsWith("refused: ") && refused.status().contains("SHA-256"), refused.status());
        WindowTestSupport.screenshot(robot, table.getScene(), "models-dialog");
        robot.clickOn("#closeModelsButton");
    }

    @Test
    void segmentationIsDrawnOverTheSlicesWithItsVolumesAndUncertaintyAndCanBeAccepted(FxRobot robot) {
        Viewport viewport = window.viewport();
        openSeries(robot, "CT Chest");
        choose(robot, CtTestModels.THRESHOLD_ID);
        List<String> messages = new CopyOnWriteArrayList<>();
        label(robot, "#modelRunMessage").textProperty().addListener((obs, old, now) -> messages.add(now));
        robot.clickOn("#segmentButton");
        await(30, () -> robot.lookup("#runModelButton").tryQuery().isPresent(), () -> "card shown before the run");
        assertTrue(robot.lookup("#modelCardDialogText").queryTextInputControl().getText()
                .contains("INTENDED USE\nTests only"), "the segmentation model's own card");
        robot.clickOn("#runModelButton");
        await(180, () -> robot.lookup("#segmentationPanel").tryQuery().map(Node::isVisible).orElse(false),
                () -> "segmentation shown; status: " + label(robot, "#statusBar").getText());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Reading the series") && m.contains(" s left")),
                "time left shown while reading: " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Running the model")), messages.toString());

        long findingId = workstation.findings(workstation.studyOf(workstation.firstSeries("CT").orElseThrow())
                .orElseThrow().studyInstanceUid()).stream().map(ReviewedFinding::finding)
                .filter(f -> f.modelId().equals(CtTestModels.THRESHOLD_ID)).reduce((a, b) -> b)
                .orElseThrow().id();
        Segmentations.Result run = workstation.segmentations().result(findingId).orElseThrow();
        SegmentationResult result = run.segmentation();
        SegmentClass lung = result.segmentClass("lung");
        SegmentClass bone = result.segmentClass("bone");
        assertTrue(lung.volumeMl() > 100 && bone.volumeMl() > 1, result.classes().toString());
        assertEquals(String.format(Locale.ROOT, "lung  %.1f ml", lung.volumeMl()), label(robot, "#volume-1").getText());
        assertEquals(String.format(Locale.ROOT, "bone  %.1f ml", bone.volumeMl()), label(robot, "#volume-2").getText());
        assertTrue(label(robot, "#segmentationSummary").getText().contains(" on CPU"),
                label(robot, "#segmentationSummary").getText());

        clickInPanel(robot, "#keySliceButton");
        await(() -> viewport.displayedSliceProperty().get() == run.keySlice(), () -> "key slice shown");
        int keyLung = labelled(result, run.keySlice(), 1);
        int lungPixels = count(robot, viewport, ModelWorkflowWindowTest::lungColoured);
        assertTrue(keyLung > 1000 && lungPixels > 1000,
                "lung drawn: " + lungPixels + " pixels for " + keyLung + " voxels");
        screenshot(robot, "ct-segmentation");

        int emptiest = emptiestLungSlice(result);
        robot.interact(() -> viewport.setSliceIndex(emptiest));
        await(() -> viewport.displayedSliceProperty().get() == emptiest, () -> "slice " + (emptiest + 1));
        int fewer = count(robot, viewport, ModelWorkflowWindowTest::lungColoured);
        assertTrue(fewer < lungPixels / 2, "the overlay follows the slice: " + fewer + " lung pixels on slice "
                + (emptiest + 1) + " (" + labelled(result, emptiest, 1) + " voxels) vs " + lungPixels);
        robot.interact(() -> viewport.setSliceIndex(run.keySlice()));
        await(() -> viewport.displayedSliceProperty().get() == run.keySlice(), () -> "key slice again");

        clickInPanel(robot, "#uncertaintyToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(viewport.labels().showUncertaintyProperty().get());
        assertEquals(0, count(robot, viewport, ModelWorkflowWindowTest::lungColoured), "labels replaced");
        assertTrue(count(robot, viewport, ModelWorkflowWindowTest::hotColoured) > 1000, "entropy map drawn");
        assertTrue(label(robot, "#labelLegend .label").getText().startsWith("Uncertainty"));
        screenshot(robot, "ct-uncertainty");
        clickInPanel(robot, "#uncertaintyToggle");

        robot.clickOn("#acceptButton");
        await(() -> label(robot, "#decisionStatus").getText().startsWith("Saved: accepted"), () -> "decision saved");
        ReviewedFinding decided = workstation.findings(run.finding().studyUid()).stream()
                .filter(r -> r.finding().id() == findingId).findFirst().orElseThrow();
        assertTrue(decided.decided() && decided.finding().label().equals(String.format(Locale.ROOT,
                "Segmentation: lung %.1f ml, bone %.1f ml", lung.volumeMl(), bone.volumeMl())),
                decided.finding().label());
    }

    @Test
    void cancellingASegmentationStopsItAndLeavesTheWindowUsable(FxRobot robot) {
        Viewport viewport = window.viewport();
        openSeries(robot, "CT Chest");
        choose(robot, CtTestModels.SLOW_ID);
        String studyUid = workstation.studyOf(workstation.firstSeries("CT").orElseThrow()).orElseThrow()
                .studyInstanceUid();
        robot.clickOn("#segmentButton");
        await(30, () -> robot.lookup("#runModelButton").tryQuery().isPresent(), () -> "card shown");
        robot.clickOn("#runModelButton");
        await(120, () -> label(robot, "#modelRunMessage").getText().startsWith("Running the model"),
                () -> "model running; message: " + label(robot, "#modelRunMessage").getText());
        screenshot(robot, "ct-segmentation-running");
        robot.clickOn("#cancelModelRunButton");
        await(30, () -> label(robot, "#statusBar").getText().equals("Segmentation cancelled"),
                () -> "cancelled; status: " + label(robot, "#statusBar").getText());
        await(() -> !button(robot, "#segmentButton").isDisabled(), () -> "Segment offered again");
        assertFalse(robot.lookup("#segmentationPanel").query().isVisible(), "no result shown");
        assertTrue(viewport.labels().getVolume() == null, "nothing drawn");
        assertTrue(workstation.findings(studyUid).stream()
                .noneMatch(r -> r.finding().modelId().equals(CtTestModels.SLOW_ID)), "no finding recorded");

        robot.clickOn("#viewport").type(KeyCode.DOWN);
        await(() -> viewport.displayedSliceProperty().get() == 1, () -> "the viewer still scrolls");
    }

    @Test
    void seriesAnalysisScoresEverySliceJumpsToTheHighestAndRecordsOneFinding(FxRobot robot) {
        Viewport viewport = window.viewport();
        openSeries(robot, "CT Chest");
        choose(robot, CtTestModels.BRIGHTNESS_ID);
        List<String> messages = new CopyOnWriteArrayList<>();
        label(robot, "#modelRunMessage").textProperty().addListener((obs, old, now) -> messages.add(now));
        robot.clickOn("#analyzeSeriesButton");
        await(30, () -> robot.lookup("#runModelButton").tryQuery().isPresent(), () -> "card shown before the run");
        robot.clickOn("#runModelButton");
        await(120, () -> robot.lookup("#seriesResult").tryQuery().map(Node::isVisible).orElse(false),
                () -> "series result shown; status: " + label(robot, "#statusBar").getText());
        assertTrue(messages.stream().anyMatch(m -> m.matches("Image \\d+ of 64 \u00b7 about \\d+ s left")),
                "progress with time left: " + messages);

        @SuppressWarnings("unchecked")
        ListView<Object> scores = robot.lookup("#sliceScores").queryAs(ListView.class);
        assertEquals(64, scores.getItems().size());
        String studyUid = workstation.studyOf(ct()).orElseThrow().studyInstanceUid();
        var finding = workstation.findings(studyUid).stream().map(ReviewedFinding::finding)
                .filter(f -> f.modelId().equals(CtTestModels.BRIGHTNESS_ID)).reduce((a, b) -> b).orElseThrow();
        int top = 0;
        for (int i = 0; i < ct().instances().size(); i++) {
            if (ct().instances().get(i).sopInstanceUid().equals(finding.sopInstanceUid())) {
                top = i;
            }
        }
        int highest = top;
        String summary = label(robot, "#seriesSummary").getText();
        assertTrue(summary.contains(String.format(Locale.ROOT, "Highest bright %.1f %% on slice %d",
                finding.probability() * 100, highest + 1)), summary);
        assertTrue(summary.contains("64 of 64 images") && summary.contains(" on CPU"), summary);
        Set<String> distinct = scores.getItems().stream().map(Object::toString).collect(Collectors.toSet());
        assertTrue(distinct.size() > 10, "slices score differently");

        clickInPanel(robot, "#jumpToMaxButton");
        await(() -> viewport.displayedSliceProperty().get() == highest, () -> "slice " + (highest + 1) + " shown");
        screenshot(robot, "ct-series-analysis");
        robot.clickOn("#rejectButton");
        await(() -> label(robot, "#decisionStatus").getText().startsWith("Saved: rejected"), () -> "decision saved");
        assertTrue(workstation.findings(studyUid).stream().anyMatch(r -> r.finding().id() == finding.id()
                && r.decided()), "the series finding is decided");
    }

    @Test
    void aSaliencyMethodThatFailedItsSanityCheckIsShownAsNotValidated(FxRobot robot) throws Exception {
        ModelPackage pneumonia = workstation.models().require("pneumonia-demo");
        WorkstationModelService models = new WorkstationModelService(workstation);
        assertEquals("sanity not checked", models.saliencyValidation("pneumonia-demo", "RISE"));
        SanityRecords.save(workstation.sanityRecords(), pneumonia, new SanityCheck.Report("pneumonia-demo",
                pneumonia.version(), 4, 1, List.of("CAM", "RISE"), List.of(), List.of(
                        new SanityCheck.Verdict("CAM", false, "Spearman 0.8 after randomising the head"),
                        new SanityCheck.Verdict("RISE", true, "below 0.5 at every step"))));
        assertEquals("sanity check passed on " + java.time.LocalDate.now(),
                models.saliencyValidation("pneumonia-demo", "RISE"));

        openSeries(robot, "DX Chest");
        await(() -> !button(robot, "#analyzeButton").isDisabled(), () -> "Analyze image enabled");
        robot.clickOn("#analyzeButton");
        await(30, () -> robot.lookup("#runModelButton").tryQuery().isPresent(), () -> "card shown");
        robot.clickOn("#runModelButton");
        await(60, () -> label(robot, "#saliencyValidation").getText().startsWith("CAM: "),
                () -> "sanity status shown; status: " + label(robot, "#statusBar").getText());
        assertEquals("CAM: not validated for this model", label(robot, "#saliencyValidation").getText());
        assertTrue(label(robot, "#findingDetails").getText().contains(" on CPU"));
        screenshot(robot, "dx-not-validated");
    }

    @Test
    void detectionBoxesAreDrawnOverTheSliceWithTheirLabelsAndRecorded(FxRobot robot) {
        Viewport viewport = window.viewport();
        openSeries(robot, "CT Chest");
        choose(robot, CtTestModels.DETECTOR_ID);
        robot.clickOn("#detectButton");
        await(30, () -> robot.lookup("#runModelButton").tryQuery().isPresent(), () -> "card shown");
        robot.clickOn("#runModelButton");
        await(60, () -> !label(robot, "#detectionSummary").getText().isEmpty(),
                () -> "detections shown; status: " + label(robot, "#statusBar").getText());
        List<DetectionOverlay.Box> boxes = viewport.detections().boxesProperty().get();
        assertFalse(boxes.isEmpty(), "the body is bright enough for some anchors");
        assertTrue(boxes.stream().allMatch(b -> b.label().equals("bright region") && b.score() >= 0.55),
                boxes.toString());
        String expected = "Detection: " + boxes.size() + " \u00d7 bright region";
        assertTrue(label(robot, "#detectionSummary").getText().startsWith(expected + " on slice 1"),
                label(robot, "#detectionSummary").getText());
        String studyUid = workstation.studyOf(ct()).orElseThrow().studyInstanceUid();
        var finding = workstation.findings(studyUid).stream().map(ReviewedFinding::finding)
                .filter(f -> f.modelId().equals(CtTestModels.DETECTOR_ID)).reduce((a, b) -> b).orElseThrow();
        assertEquals(expected, finding.label());
        assertEquals(boxes.get(0).score(), finding.probability(), 1e-9);
        assertTrue(count(robot, viewport, ModelWorkflowWindowTest::boxColoured) > 100, "box outlines drawn");
        screenshot(robot, "ct-detection");
    }

    /** The box outline (255, 190, 60): red high, blue low. */
    private static boolean boxColoured(int argb) {
        return (argb >> 16 & 0xFF) > 220 && (argb >> 8 & 0xFF) > 150 && (argb & 0xFF) < 110;
    }

    private static int labelled(SegmentationResult r, int slice, int label) {
        int n = 0;
        for (byte b : r.labelSlice(slice)) {
            n += (b & 0xFF) == label ? 1 : 0;
        }
        return n;
    }

    private static int emptiestLungSlice(SegmentationResult r) {
        int best = 0;
        for (int k = 1; k < r.depth(); k++) {
            if (labelled(r, k, 1) < labelled(r, best, 1)) {
                best = k;
            }
        }
        return best;
    }

    /** The lung colour (0, 200, 80) at half opacity over grey: green well above red and blue. */
    private static boolean lungColoured(int argb) {
        int r = argb >> 16 & 0xFF;
        int g = argb >> 8 & 0xFF;
        int b = argb & 0xFF;
        return g - r > 60 && g - b > 25;
    }

    /** The "hot" table over grey: red well above blue. */
    private static boolean hotColoured(int argb) {
        return (argb >> 16 & 0xFF) - (argb & 0xFF) > 30;
    }

    private static int count(FxRobot robot, Viewport viewport, java.util.function.IntPredicate colour) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = viewport.snapshot(null, null));
        PixelReader px = shot[0].getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) shot[0].getHeight(); y++) {
            for (int x = 0; x < (int) shot[0].getWidth(); x++) {
                n += colour.test(px.getArgb(x, y)) ? 1 : 0;
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<ModelChoice> chooser(FxRobot robot) {
        return robot.lookup("#modelChoice").queryAs(ComboBox.class);
    }

    private void choose(FxRobot robot, String modelId) {
        await(() -> chooser(robot).getItems().stream().anyMatch(m -> m.id().equals(modelId)),
                () -> modelId + " offered");
        robot.interact(() -> chooser(robot).getItems().stream().filter(m -> m.id().equals(modelId)).findFirst()
                .ifPresent(m -> chooser(robot).getSelectionModel().select(m)));
        await(() -> !button(robot, "#segmentButton").isDisabled() || !button(robot, "#analyzeSeriesButton").isDisabled()
                || !button(robot, "#detectButton").isDisabled(),
                () -> modelId + " ready to run");
    }

    private void openSeries(FxRobot robot, String text) {
        await(() -> robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                && c.getText().startsWith(text)).tryQuery().isPresent(), () -> "series " + text + " listed");
        Node cell = robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                && c.getText().startsWith(text)).query();
        robot.clickOn(cell);
        await(30, () -> label(robot, "#annotationTopRight").getText().contains(text.split(" ")[0])
                && window.viewport().displayedSliceProperty().get() == 0, () -> "first image of " + text + " shown");
    }

    /** Scrolls the findings panel until the node is in view (as a reader would), then clicks it. */
    private static void clickInPanel(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        ScrollPane scroll = robot.lookup("#findingsScroll").queryAs(ScrollPane.class);
        robot.interact(() -> {
            Node content = scroll.getContent();
            Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double hidden = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            if (hidden > 0) {
                double top = inContent.getMinY() - scroll.getViewportBounds().getHeight() / 3;
                scroll.setVvalue(Math.max(0, Math.min(1, top / hidden)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(node);
    }

    private void screenshot(FxRobot robot, String name) {
        WindowTestSupport.screenshot(robot, stage.getScene(), name);
    }

    static DicomSeries ct() {
        return workstation.firstSeries("CT").orElseThrow();
    }
}
