package io.secondlook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static io.secondlook.app.gui.WindowTestSupport.await;
import static io.secondlook.app.gui.WindowTestSupport.button;
import static io.secondlook.app.gui.WindowTestSupport.label;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.app.gui.MainWindow;
import io.secondlook.app.gui.WindowTestSupport;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.viewer.Viewport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
 * The walking skeleton through the real window and the real services: the demo study written on first start,
 * read by our DICOM reader, scrolled and windowed, analysed by the ONNX model, accepted, and exported as a PDF
 * that is read back.
 */
@ExtendWith(ApplicationExtension.class)
class WorkstationWindowTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private WorkstationReadingService service;
    private Stage stage;

    private static Workstation workstation;

    /** Opened before the stage exists: writing the demo study on first start takes seconds on a busy machine. */
    @BeforeAll
    static void openWorkstation() throws Exception {
        workstation = Workstation.open(new AppHome(tmp.resolve("home")));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        service = new WorkstationReadingService(workstation);
        window = new MainWindow(service);
        window.setExportTargetChooser(owner -> tmp.resolve("out").resolve("report.pdf"));
        window.setFolderChooser(owner -> null);
        window.show(stage);
    }

    @AfterEach
    void closeWindow() {
        window.close();
        service.close();
    }

    @Test
    void openScrollWindowAnalyzeAcceptAndExport(FxRobot robot) throws Exception {
        Viewport viewport = window.viewport();

        openSeries(robot, "CT Chest");
        assertTrue(label(robot, "#annotationBottomLeft").getText().startsWith("1 / 64"),
                label(robot, "#annotationBottomLeft").getText());
        robot.clickOn("#viewport").type(KeyCode.DOWN).type(KeyCode.DOWN).type(KeyCode.PAGE_DOWN);
        await(() -> viewport.displayedSliceProperty().get() == 12, () -> "slice 13 after two arrows and a page");
        assertTrue(label(robot, "#annotationBottomLeft").getText().startsWith("13 / 64"));
        assertEquals(40, viewport.getWindow().center(), 1e-9, "the file's mediastinal window");
        robot.type(KeyCode.DIGIT1);
        await(() -> viewport.getWindow().center() == -600, () -> "lung preset");
        double width = viewport.getWindow().width();
        robot.drag("#viewport", MouseButton.SECONDARY).moveBy(80, 0).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(width, viewport.getWindow().width(), "right-drag changes the window width");
        screenshot(robot, "ct-lung-window");
        assertTrue(button(robot, "#analyzeButton").isDisabled(), "the chest X-ray model is not offered for CT");

        openSeries(robot, "DX Chest");
        robot.clickOn("#analyzeButton");
        await(30, () -> robot.lookup("#runModelButton").tryQuery().isPresent(), () -> "model card shown before the first run");
        Button run = robot.lookup("#runModelButton").queryButton();
        assertTrue(robot.lookup("#modelCardDialogText").queryTextInputControl().getText()
                .toLowerCase(Locale.ROOT).contains("not for clinical use"), "the card is shown before the first run");
        robot.clickOn(run);
        await(60, () -> {
            String text = label(robot, "#findingLabel").getText().toLowerCase(Locale.ROOT);
            return text.startsWith("pneumonia") || text.startsWith("normal");
        }, () -> "finding shown; status: " + label(robot, "#statusBar").getText());
        assertTrue(viewport.heatmap().visibleProperty().get(), "the CAM heat map is shown over the image");
        await(() -> button(robot, "#exportButton").isDisabled(), () -> "export refused while undecided");
        screenshot(robot, "dx-analysed");

        robot.clickOn("#commentField").write("Right lower zone opacity, agree");
        robot.clickOn("#acceptButton");
        await(() -> label(robot, "#decisionStatus").getText().startsWith("Saved: accepted"), () -> "decision saved");
        await(() -> !button(robot, "#exportButton").isDisabled(), () -> "export enabled after the decision");
        robot.clickOn("#exportButton");
        Path pdf = tmp.resolve("out").resolve("report.pdf");
        await(30, () -> label(robot, "#statusBar").getText().startsWith("Report saved"),
                () -> "report saved; status: " + label(robot, "#statusBar").getText());
        screenshot(robot, "exported");

        String text;
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(document);
        }
        assertTrue(text.contains("SL-DEMO-0001"), "patient in the report");
        assertTrue(text.contains("ACCEPTED"), "decision in the report");
        assertTrue(text.contains("Right lower zone opacity, agree"), "comment in the report");
        assertTrue(text.contains("pneumonia") || text.contains("normal"), "finding in the report");

        closeWindow();
        try (ClinicalStore store = ClinicalStore.open(tmp.resolve("home").resolve("secondlook.db"))) {
            String studyUid = store.patients().stream()
                    .flatMap(p -> store.studiesForPatient(p.patientId(), p.issuer()).stream())
                    .findFirst().orElseThrow().studyInstanceUid();
            List<ReviewedFinding> findings = store.reviewedFindings(studyUid);
            assertEquals(1, findings.size());
            assertEquals(Outcome.ACCEPTED, findings.get(0).decision().outcome());
            assertEquals("Right lower zone opacity, agree", findings.get(0).decision().comment());
            assertEquals(1, store.reportsForStudy(studyUid).size());
        }
        assertTrue(Files.size(pdf) > 10_000);
    }

    private void openSeries(FxRobot robot, String text) {
        await(() -> robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                && c.getText().startsWith(text)).tryQuery().isPresent(), () -> "series " + text + " listed");
        Node cell = robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                && c.getText().startsWith(text)).query();
        robot.clickOn(cell);
        await(30, () -> label(robot, "#annotationTopRight").getText().contains(text.split(" ")[0])
                && window.viewport().displayedSliceProperty().get() == 0, () -> "first image of " + text + " shown");
        await(() -> !button(robot, "#analyzeButton").isDisabled() || text.startsWith("CT"), () -> "analyze enabled");
    }
    private void screenshot(FxRobot robot, String name) {
        WindowTestSupport.screenshot(robot, stage.getScene(), name);
    }
}
