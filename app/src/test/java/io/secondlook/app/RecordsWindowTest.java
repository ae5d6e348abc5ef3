package io.secondlook.app;

import static io.secondlook.app.gui.WindowTestSupport.await;
import static io.secondlook.app.gui.WindowTestSupport.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.app.gui.MainWindow;
import io.secondlook.app.gui.WindowTestSupport;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.PathImporter;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.audit.AuditEvent;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.domain.Patient;
import io.secondlook.core.domain.Study;
import io.secondlook.core.records.LabSeries;
import io.secondlook.core.records.PatientView;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.testdata.DemoStudyGenerator;
import io.secondlook.testdata.records.SyntheticRecords;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.TimeSeriesCollection;
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
 * The worklist and the patient panel through the real window, the real services and a real SQLite store holding
 * the demo study, the synthetic patient records (100 patients with years of labs) and a few studies the AI scored.
 */
@ExtendWith(ApplicationExtension.class)
class RecordsWindowTest {
    @TempDir
    static Path tmp;

    private static Workstation workstation;
    private static final double[] SCORES = {0.93, 0.12, 0.67, 0.45};

    private MainWindow window;
    private WorkstationReadingService service;
    private Stage stage;

    @BeforeAll
    static void storeWithRecordsAndScoredStudies() throws Exception {
        workstation = Workstation.open(new AppHome(tmp.resolve("home")));
        SyntheticRecords.Written records = new SyntheticRecords().writeTo(tmp.resolve("records"));
        ClinicalStore store = workstation.store();
        for (Path bundle : records.bundles()) {
            PathImporter.importPath(store, bundle, tmp.resolve("imports"));
        }
        PathImporter.importPath(store, records.labsCsv(), tmp.resolve("imports"));
        // A DICOM import naming patient 3 with another name and birth date: an identity conflict, never merged.
        store.upsertPatient(new Patient(SyntheticRecords.patientId(3), SyntheticRecords.ISSUER, "Other^Person",
                LocalDate.of(1901, 1, 1), null));
        for (int i = 0; i < SCORES.length; i++) {
            String id = SyntheticRecords.patientId(i + 1);
            assertTrue(store.patient(id, SyntheticRecords.ISSUER).isPresent(), "the records import stored " + id);
            String uid = "2.25.4242" + i;
            store.upsertStudy(new Study(uid, id, SyntheticRecords.ISSUER, LocalDate.of(2024, 3, 1 + i),
                    LocalTime.NOON, i % 2 == 0 ? "CT chest" : "XR chest PA", "ACC-" + i, List.of(i % 2 == 0
                    ? "CT" : "DX")));
            ModelRun run = store.recordModelRun(NewModelRun.started("pneumonia-demo", "1", "cpu", uid, null));
            store.finishModelRun(run.id(), ModelRun.Status.SUCCEEDED);
            store.recordFinding(NewFinding.of(run.id(), null, null, null, "pneumonia", SCORES[i], 0.5));
        }
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

    @SuppressWarnings("unchecked")
    private static TableView<WorklistEntry> table(FxRobot robot) {
        return robot.lookup("#worklistTable").queryAs(TableView.class);
    }

    private static List<Double> scores(TableView<WorklistEntry> table) {
        return table.getItems().stream().map(WorklistEntry::aiScore).toList();
    }

    @Test
    void worklistSortsTriagesSearchesAndOpensTheStudyWithItsPatient(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup(".tab").match(n -> n.getId() != null && n.getId().equals("worklistTab"))
                .queryAs(Node.class));
        TableView<WorklistEntry> table = table(robot);
        await(30, () -> table.getItems().size() == 1 + SCORES.length, () -> "five studies listed, got "
                + table.getItems().size());
        assertEquals("5 studies", label(robot, "#worklistCount").getText());

        robot.clickOn("#worklistTriage");
        await(() -> scores(table).get(0) != null && scores(table).get(0) == 0.93, () -> "highest score first");
        List<Double> expected = new ArrayList<>(List.of(0.93, 0.67, 0.45, 0.12));
        expected.add(null);
        assertEquals(expected, scores(table), "triage: by AI score, the study never run last");
        WindowTestSupport.screenshot(robot, stage.getScene(), "worklist-triage");

        robot.clickOn(robot.lookup(".column-header").match(n -> n.lookup(".label") instanceof Label l
                && "Patient".equals(l.getText())).queryAs(Node.class));
        await(() -> !robot.lookup("#worklistTriage").queryAs(ToggleButton.class).isSelected(),
                () -> "sorting by a column ends triage");
        List<String> names = table.getItems().stream().map(WorklistEntry::patientName).toList();
        assertEquals(names.stream().sorted(Comparator.nullsLast(Comparator.naturalOrder())).toList(), names);

        @SuppressWarnings("unchecked")
        ComboBox<String> modality = robot.lookup("#worklistModality").queryAs(ComboBox.class);
        robot.interact(() -> modality.getSelectionModel().select("CT"));
        await(() -> table.getItems().size() == 3, () -> "CT studies: the demo and two scored, got "
                + table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(e -> e.modalities().contains("CT")));
        robot.interact(() -> modality.getSelectionModel().select(0));
        await(() -> table.getItems().size() == 5, () -> "all modalities again");

        DatePicker from = robot.lookup("#worklistFrom").queryAs(DatePicker.class);
        DatePicker to = robot.lookup("#worklistTo").queryAs(DatePicker.class);
        robot.interact(() -> {
            from.setValue(LocalDate.of(2024, 3, 2));
            to.setValue(LocalDate.of(2024, 3, 3));
        });
        await(() -> table.getItems().size() == 2, () -> "two studies from 2 to 3 March, got " + table.getItems().size());
        assertTrue(table.getItems().stream().allMatch(e -> !e.date().isBefore(LocalDate.of(2024, 3, 2))
                && !e.date().isAfter(LocalDate.of(2024, 3, 3))));
        robot.interact(() -> {
            from.setValue(null);
            to.setValue(null);
        });
        @SuppressWarnings("unchecked")
        ComboBox<AiStatus> status = robot.lookup("#worklistStatus").queryAs(ComboBox.class);
        robot.interact(() -> status.setValue(AiStatus.NOT_RUN));
        await(() -> table.getItems().size() == 1, () -> "only the demo study was never run, got "
                + table.getItems().size());
        assertEquals(DemoStudyGenerator.PATIENT_ID, table.getItems().get(0).patientId());
        robot.interact(() -> status.setValue(null));
        await(() -> table.getItems().size() == 5, () -> "every AI state again");

        robot.clickOn("#worklistSearch").write("demo");
        await(() -> table.getItems().size() == 1, () -> "search narrows to the demo patient");
        WorklistEntry demo = table.getItems().get(0);
        assertEquals(DemoStudyGenerator.PATIENT_ID, demo.patientId());

        Node row = robot.lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r && r.getItem() == demo)
                .queryAs(Node.class);
        robot.doubleClickOn(row);
        await(30, () -> window.viewport().displayedSliceProperty().get() == 0, () -> "the study opened in the viewer;"
                + " status: " + label(robot, "#statusBar").getText());

        robot.clickOn(robot.lookup(".tab").match(n -> n.getId() != null && n.getId().equals("patientTab"))
                .queryAs(Node.class));
        await(30, () -> label(robot, "#patientHeader").getText().contains(DemoStudyGenerator.PATIENT_ID),
                () -> "patient panel for the demo patient, shows: " + label(robot, "#patientHeader").getText());
        PatientView expectedView = workstation.store().patientView(demo.patientId(), demo.issuer()).orElseThrow();
        assertFalse(expectedView.problems().isEmpty());
        assertEquals(expectedView.problems().size(), lines(robot, "#patientProblems").size());
        assertTrue(lines(robot, "#patientProblems").stream().anyMatch(p -> p.startsWith("Fever")),
                lines(robot, "#patientProblems").toString());
        assertTrue(lines(robot, "#patientMedications").stream()
                .anyMatch(m -> m.contains("Amoxicillin 500 mg oral capsule")), lines(robot, "#patientMedications")
                .toString());
        assertEquals(Math.max(1, expectedView.allergies().size()), lines(robot, "#patientAllergies").size());
        assertTrue(lines(robot, "#patientAllergies").get(0).startsWith(expectedView.allergies().get(0).coding()
                .display()), lines(robot, "#patientAllergies").toString());
        assertFalse(label(robot, "#patientConflict").isVisible(), "the records match the DICOM demographics");

        LabSeries crp = expectedView.lab("1988-5").orElseThrow();
        LabSeries wbc = expectedView.lab("6690-2").orElseThrow();
        @SuppressWarnings("unchecked")
        ComboBox<LabSeries> labs = robot.lookup("#labChoice").queryAs(ComboBox.class);
        robot.interact(() -> labs.setValue(crp));
        TimeSeriesCollection plotted = (TimeSeriesCollection) robot.lookup("#labChart").queryAs(ChartViewer.class)
                .getChart().getXYPlot().getDataset();
        assertEquals(crp.points().size(), plotted.getItemCount(0));
        assertEquals(168.0, plotted.getYValue(0, plotted.getItemCount(0) - 1), 1e-9, "the CRP on the study's day");
        assertEquals(crp.points().get(0).time().toEpochMilli(), plotted.getXValue(0, 0), 1e-3);
        var crpMarkers = robot.lookup("#labChart").queryAs(ChartViewer.class).getChart().getXYPlot()
                .getRangeMarkers(Layer.BACKGROUND);
        assertInstanceOf(ValueMarker.class, crpMarkers.iterator().next(), "CRP has only an upper limit");
        assertEquals(5.0, ((ValueMarker) crpMarkers.iterator().next()).getValue());
        WindowTestSupport.screenshot(robot, stage.getScene(), "patient-panel-crp");

        robot.interact(() -> labs.setValue(wbc));
        assertEquals(wbc.points().size(), plotted.getItemCount(0));
        IntervalMarker band = (IntervalMarker) robot.lookup("#labChart").queryAs(ChartViewer.class).getChart()
                .getXYPlot().getRangeMarkers(Layer.BACKGROUND).iterator().next();
        assertEquals(4.0, band.getStartValue());
        assertEquals(11.0, band.getEndValue());
        WindowTestSupport.screenshot(robot, stage.getScene(), "patient-panel-wbc");

        List<AuditEvent> opened = workstation.store().auditLog().events().stream()
                .filter(e -> e.action().equals("PATIENT_OPENED")).toList();
        assertTrue(opened.stream().anyMatch(e -> e.entityId().startsWith(DemoStudyGenerator.PATIENT_ID)),
                opened.toString());
        assertTrue(workstation.store().auditLog().verify().intact());
    }

    @Test
    void aStudyKnownOnlyFromRecordsOpensItsPatientAndSaysThereAreNoImages(FxRobot robot) {
        robot.clickOn(robot.lookup(".tab").match(n -> n.getId() != null && n.getId().equals("worklistTab"))
                .queryAs(Node.class));
        TableView<WorklistEntry> table = table(robot);
        robot.clickOn("#worklistSearch").write("ACC-2");
        await(30, () -> table.getItems().size() == 1, () -> "one study with accession ACC-2");
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn(table).type(javafx.scene.input.KeyCode.ENTER);
        await(30, () -> label(robot, "#statusBar").getText().contains("no images"),
                () -> "status says there are no images: " + label(robot, "#statusBar").getText());
        robot.clickOn(robot.lookup(".tab").match(n -> n.getId() != null && n.getId().equals("patientTab"))
                .queryAs(Node.class));
        await(30, () -> label(robot, "#patientHeader").getText().contains(SyntheticRecords.patientId(3)),
                () -> "patient panel for the study's patient: " + label(robot, "#patientHeader").getText());
        await(() -> label(robot, "#patientConflict").isVisible(), () -> "identity-conflict warning shown");
        assertTrue(label(robot, "#patientConflict").getText().startsWith("Identity conflict"),
                label(robot, "#patientConflict").getText());
        WindowTestSupport.screenshot(robot, stage.getScene(), "patient-panel-conflict");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> lines(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(VBox.class).getChildren().stream().map(n -> ((Label) n).getText())
                .toList();
    }
}
