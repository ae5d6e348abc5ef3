package io.secondlook.app.gui;

import io.secondlook.viewer.Viewport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.secondlook.app.gui.WindowTestSupport.await;
import static io.secondlook.app.gui.WindowTestSupport.button;
import static io.secondlook.app.gui.WindowTestSupport.label;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    Path tmp;

    private FakeReadingService service;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        service = new FakeReadingService();
        window = new MainWindow(service);
        window.setExportTargetChooser(owner -> tmp.resolve("report.pdf"));
        window.setFolderChooser(owner -> tmp);
        window.show(stage);
    }

    @AfterEach
    void closeWindow() {
        window.close();
    }

    @Test
    void readAnalyzeAcceptAndExport(FxRobot robot) throws Exception {
        openSeries(robot, "CT Axial 2.5");
        Viewport viewport = window.viewport();
        assertEquals("1 / 20", label(robot, "#annotationBottomLeft").getText().lines().findFirst().orElseThrow());

        robot.clickOn("#viewport").type(KeyCode.DOWN).type(KeyCode.DOWN);
        await(() -> viewport.displayedSliceProperty().get() == 2, () -> "slice 3");
        assertTrue(label(robot, "#annotationBottomLeft").getText().startsWith("3 / 20"));
        double width = viewport.getWindow().width();
        robot.drag("#viewport", MouseButton.SECONDARY).moveBy(80, 0).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(viewport.getWindow().width() > width, "right-drag widens the window");

        runModel(robot);
        assertEquals("Pneumonia  87.3 %", label(robot, "#findingLabel").getText());
        assertEquals("POSITIVE", label(robot, "#findingBadge").getText());
        assertTrue(label(robot, "#findingDetails").getText().contains("pneumonia-demo 1.0 on CPU"));
        assertEquals(java.util.List.of("2.25.2000.2#0"), service.analyzed, "the slice on screen was analysed");
        assertTrue(viewport.heatmap().visibleProperty().get());
        await(() -> button(robot, "#exportButton").isDisabled()
                && label(robot, "#exportReason").getText().equals("Export needs a decision on 1 finding"),
                () -> "export refused while undecided");
        screenshot(robot, "window-analysed");

        robot.clickOn("#viewport").type(KeyCode.DOWN);
        await(() -> viewport.displayedSliceProperty().get() == 3, () -> "slice 4");
        assertFalse(viewport.heatmap().visibleProperty().get(), "a slice's heatmap is not shown over another");
        robot.type(KeyCode.UP);
        await(() -> viewport.heatmap().visibleProperty().get(), () -> "heatmap back on its slice");
        robot.clickOn("#heatmapToggle");
        assertFalse(viewport.heatmap().visibleProperty().get());
        robot.clickOn("#heatmapToggle");
        assertTrue(viewport.heatmap().visibleProperty().get());

        robot.clickOn("#commentField").write("Consolidation right lower lobe, agree");
        robot.clickOn("#acceptButton");
        await(() -> label(robot, "#decisionStatus").getText().startsWith("Saved: accepted"), () -> "saved");
        assertEquals(1, service.decisions.size());
        assertTrue(service.decisions.get(0).accepted());
        assertEquals("Consolidation right lower lobe, agree", service.decisions.get(0).comment());

        await(() -> !button(robot, "#exportButton").isDisabled(), () -> "export enabled after the decision");
        assertEquals("", label(robot, "#exportReason").getText());
        robot.clickOn("#exportButton");
        await(() -> label(robot, "#statusBar").getText().startsWith("Report saved"), () -> "report saved");
        assertEquals(java.util.List.of(tmp.resolve("report.pdf")), service.exports);
        assertTrue(Files.readString(tmp.resolve("report.pdf")).startsWith("%PDF"));
        screenshot(robot, "window-exported");
    }

    @Test
    void aFindingLeftUndecidedCanBeDecidedLaterFromTheStudyList(FxRobot robot) {
        openSeries(robot, "CT Axial 2.5");
        robot.interact(() -> window.viewport().setSliceIndex(5));
        await(() -> window.viewport().displayedSliceProperty().get() == 5, () -> "slice 6");
        runModel(robot);
        openSeries(robot, "DX PA");
        openSeries(robot, "CT Axial 2.5");
        assertEquals("No analysis yet", label(robot, "#findingLabel").getText());
        assertTrue(button(robot, "#acceptButton").isDisabled(), "nothing picked to decide on");
        await(() -> lookupList(robot).getItems().size() == 1, () -> "the study's finding listed");
        assertTrue(button(robot, "#exportButton").isDisabled());

        robot.clickOn(robot.lookup("#findingsList .list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c
                && c.getItem() != null).queryAs(Node.class));
        await(() -> window.viewport().displayedSliceProperty().get() == 5, () -> "the finding's slice shown");
        assertTrue(label(robot, "#decisionStatus").getText().startsWith("Awaiting your decision: Pneumonia 87.3 %"));
        robot.clickOn("#acceptButton");
        await(() -> label(robot, "#decisionStatus").getText().startsWith("Saved: accepted"), () -> "saved");
        await(() -> !button(robot, "#exportButton").isDisabled(), () -> "export enabled");
        assertEquals(1, service.decisions.size());
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.ListView<FindingView> lookupList(FxRobot robot) {
        return robot.lookup("#findingsList").queryAs(javafx.scene.control.ListView.class);
    }

    @Test
    void decisionShowsSavedOnlyOnceTheServiceReturns(FxRobot robot) {
        openSeries(robot, "CT Axial 2.5");
        runModel(robot);
        CountDownLatch gate = new CountDownLatch(1);
        service.decisionGate = gate;
        robot.clickOn("#rejectButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Saving\u2026", label(robot, "#decisionStatus").getText());
        assertTrue(button(robot, "#acceptButton").isDisabled());
        assertTrue(button(robot, "#exportButton").isDisabled());
        gate.countDown();
        await(() -> label(robot, "#decisionStatus").getText().startsWith("Saved: rejected"), () -> "saved");
        assertFalse(service.decisions.get(0).accepted());
    }

    @Test
    void aFailedAnalysisIsReportedAndTheWindowStaysUsable(FxRobot robot) {
        openSeries(robot, "DX PA");
        service.analysisFailure = "model file pneumonia.onnx is corrupt";
        robot.clickOn("#analyzeButton");
        robot.clickOn(robot.lookup("#runModelButton").queryButton());
        await(() -> label(robot, "#statusBar").getText().equals("Analysis failed: model file pneumonia.onnx is corrupt"),
                () -> "error shown, status is: " + label(robot, "#statusBar").getText());
        assertTrue(label(robot, "#statusBar").getStyleClass().contains("error"));
        assertEquals("No analysis yet", label(robot, "#findingLabel").getText());

        service.analysisFailure = null;
        await(() -> !button(robot, "#analyzeButton").isDisabled(), () -> "analyze enabled again");
        robot.clickOn("#analyzeButton");
        await(() -> label(robot, "#findingLabel").getText().startsWith("Pneumonia"), () -> "second run, card not asked again");
    }

    @Test
    void analysisCanBeCancelled(FxRobot robot) {
        openSeries(robot, "CT Axial 2.5");
        service.analysisWaitsForCancel = true;
        robot.clickOn("#analyzeButton");
        robot.clickOn(robot.lookup("#runModelButton").queryButton());
        await(() -> robot.lookup("#cancelAnalysisButton").query().isVisible(), () -> "cancel shown");
        assertTrue(button(robot, "#analyzeButton").isDisabled());
        robot.clickOn("#cancelAnalysisButton");
        await(() -> label(robot, "#statusBar").getText().equals("Analysis cancelled"), () -> "cancelled");
        await(() -> !button(robot, "#analyzeButton").isDisabled(), () -> "analyze enabled again");
        assertTrue(service.analyzed.isEmpty());
    }

    @Test
    void importingAFolderNamesTheFilesThatFailed(FxRobot robot) {
        awaitTree(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        await(() -> label(robot, "#statusBar").getText().contains("broken.dcm: not a DICOM file"),
                () -> "import summary, status is: " + label(robot, "#statusBar").getText());
        assertTrue(label(robot, "#statusBar").getText().startsWith("Imported 1 images from " + tmp));
    }

    private void openSeries(FxRobot robot, String text) {
        awaitTree(robot);
        Node cell = robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                && c.getText().startsWith(text)).query();
        robot.clickOn(cell);
        await(() -> label(robot, "#annotationTopRight").getText().endsWith(text)
                && window.viewport().displayedSliceProperty().get() == 0, () -> "first slice of " + text + " shown");
        await(() -> !button(robot, "#analyzeButton").isDisabled(), () -> "analyze enabled");
    }

    private void awaitTree(FxRobot robot) {
        await(() -> robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null)
                .tryQuery().isPresent(), () -> "catalogue loaded");
    }

    /** Analyze; the first run shows the model card and runs on "Run model". */
    private void runModel(FxRobot robot) {
        robot.clickOn("#analyzeButton");
        Button run = robot.lookup("#runModelButton").queryButton();
        assertNotNull(run);
        assertTrue(robot.lookup("#modelCardDialogText").queryTextInputControl().getText().contains("Intended use"));
        WindowTestSupport.screenshot(robot, run.getScene(), "model-card");
        robot.clickOn(run);
        await(() -> label(robot, "#findingLabel").getText().startsWith("Pneumonia"), () -> "finding shown");
        assertNotEquals("", label(robot, "#decisionStatus").getText());
    }

    private void screenshot(FxRobot robot, String name) {
        WindowTestSupport.screenshot(robot, stage.getScene(), name);
    }
}
