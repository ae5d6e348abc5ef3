package io.secondlook.app.gui;

import io.secondlook.core.domain.Patient;
import io.secondlook.core.records.Allergy;
import io.secondlook.core.records.IdentityConflict;
import io.secondlook.core.records.LabSeries;
import io.secondlook.core.records.Medication;
import io.secondlook.core.records.PatientView;
import io.secondlook.core.records.PriorReport;
import io.secondlook.core.records.Problem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/**
 * The patient beside the viewer: demographics, an identity-conflict warning, problems, medications, allergies,
 * prior reports and a chart of the lab test picked in the selector. Shows a {@link PatientView}; loading it is
 * the caller's job.
 */
final class PatientPanel {
    final Label header = new Label("No patient open");
    final Label demographics = new Label();
    final Label conflict = new Label();
    final VBox problems = list("patientProblems");
    final VBox medications = list("patientMedications");
    final VBox allergies = list("patientAllergies");
    final VBox priorReports = list("patientReports");
    final ComboBox<LabSeries> labChoice = new ComboBox<>();
    final LabTrendChart chart = new LabTrendChart();
    private final ScrollPane view;

    PatientPanel() {
        header.setId("patientHeader");
        header.getStyleClass().add("finding-label");
        header.setWrapText(true);
        demographics.setId("patientDemographics");
        demographics.getStyleClass().add("muted");
        conflict.setId("patientConflict");
        conflict.getStyleClass().addAll("label", "muted", "warning");
        conflict.setWrapText(true);
        conflict.setVisible(false);
        conflict.managedProperty().bind(conflict.visibleProperty());
        labChoice.setId("labChoice");
        labChoice.setMaxWidth(Double.MAX_VALUE);
        labChoice.setPromptText("No lab results");
        labChoice.setButtonCell(labCell());
        labChoice.setCellFactory(v -> labCell());
        labChoice.valueProperty().addListener((obs, old, lab) -> chart.show(lab));
        VBox labs = new VBox(6, labChoice, chart.view());
        VBox content = new VBox(8, header, demographics, conflict,
                section("Lab trends", labs), section("Problems", problems), section("Medications", medications),
                section("Allergies", allergies), section("Prior reports", priorReports));
        content.setPadding(new javafx.geometry.Insets(10));
        content.getStyleClass().add("side-panel");
        view = new ScrollPane(content);
        view.setId("patientPanel");
        view.setFitToWidth(true);
        view.getStyleClass().add("side-panel");
    }

    ScrollPane view() {
        return view;
    }

    void showLoading(String what) {
        header.setText(what);
    }

    /** Shows the patient; the lab selector starts on the series with the most recent result. */
    void show(PatientView p) {
        Patient patient = p.patient();
        header.setText(displayName(patient.name()) + "  " + patient.patientId());
        demographics.setText(String.join("  \u00b7  ", "born " + (patient.birthDate() == null ? "unknown"
                : patient.birthDate()), "sex " + (patient.sex() == null ? "unknown" : patient.sex()),
                p.studies().size() + (p.studies().size() == 1 ? " study" : " studies")));
        List<IdentityConflict> open = p.openConflicts();
        conflict.setVisible(!open.isEmpty());
        conflict.setText(open.isEmpty() ? "" : "Identity conflict: " + (open.size() == 1 ? "an import"
                : open.size() + " imports") + " gave this Patient ID another name or birth date ("
                + open.get(0).source() + "). The stored details are kept, and records from there are held back"
                + " until the conflict is resolved.");
        fill(problems, p.problems(), PatientPanel::describe, "No problems recorded");
        fill(medications, p.medications(), PatientPanel::describe, "No medications recorded");
        fill(allergies, p.allergies(), PatientPanel::describe, "No known allergies recorded");
        fill(priorReports, p.priorReports(), PatientPanel::describe, "No prior reports");
        labChoice.getItems().setAll(p.labs());
        labChoice.setValue(p.labs().stream().filter(l -> !l.points().isEmpty()).max(java.util.Comparator.comparing(
                (LabSeries l) -> l.points().get(l.points().size() - 1).time())).orElse(null));
    }

    /** One wrapped line per item, or a muted line saying there is none. */
    private static <T> void fill(VBox list, List<T> items, Function<T, String> text, String none) {
        list.getChildren().setAll((items.isEmpty() ? List.of(none) : items.stream().map(text).toList()).stream()
                .map(line -> {
                    Label label = new Label(line);
                    label.setWrapText(true);
                    if (items.isEmpty()) {
                        label.getStyleClass().add("muted");
                    }
                    return label;
                }).toList());
    }

    static String displayName(String dicomName) {
        String name = dicomName == null ? "" : dicomName.replace('^', ' ').trim();
        return name.isEmpty() ? "(no name)" : name;
    }

    static String describe(Problem p) {
        return p.coding().display() + status(p.clinicalStatus()) + (p.onset() == null ? "" : "  since " + p.onset());
    }

    static String describe(Medication m) {
        return m.coding().display() + (m.dosage() == null ? "" : ", " + m.dosage()) + status(m.status());
    }

    static String describe(Allergy a) {
        return a.coding().display() + (a.reaction() == null ? "" : " \u2192 " + a.reaction())
                + (a.criticality() == null ? "" : "  (" + a.criticality() + " criticality)");
    }

    static String describe(PriorReport r) {
        LocalDate issued = r.issued() == null ? null : r.issued().atOffset(ZoneOffset.UTC).toLocalDate();
        return (issued == null ? "" : issued + "  ") + (r.title() == null ? "Report" : r.title())
                + (r.conclusion() == null ? "" : ": " + r.conclusion());
    }

    private static String status(String s) {
        return s == null || s.isBlank() ? "" : "  [" + s.toLowerCase(Locale.ROOT) + "]";
    }

    private static ListCell<LabSeries> labCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(LabSeries lab, boolean empty) {
                super.updateItem(lab, empty);
                setText(empty || lab == null ? null : lab.display() + "  (" + lab.points().size() + " results)");
            }
        };
    }

    private static VBox list(String id) {
        VBox list = new VBox(4);
        list.setId(id);
        return list;
    }

    private static TitledPane section(String title, javafx.scene.Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setAnimated(false);
        return pane;
    }
}
