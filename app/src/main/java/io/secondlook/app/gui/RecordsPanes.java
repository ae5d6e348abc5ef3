package io.secondlook.app.gui;

import io.secondlook.core.worklist.WorklistEntry;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The window's records side: a Worklist tab beside the study tree, a Patient tab beside the findings, and the
 * read-only banner. Opening the patient panel for a patient records the audit event (through the service).
 */
final class RecordsPanes {
    static final String STYLESHEET =
            Objects.requireNonNull(RecordsPanes.class.getResource("records.css")).toExternalForm();

    final WorklistView worklist;
    final PatientPanel patient = new PatientPanel();
    private final RecordsService service;
    private final BackgroundWork work;
    private final TabPane left = new TabPane();
    private final TabPane right = new TabPane();
    private String shownPatient;

    RecordsPanes(RecordsService service, BackgroundWork work, Consumer<WorklistEntry> onOpen) {
        this.service = service;
        this.work = work;
        this.worklist = new WorklistView(service, work, onOpen);
        left.setId("leftTabs");
        right.setId("rightTabs");
        left.getStylesheets().add(STYLESHEET);
        right.getStylesheets().add(STYLESHEET);
    }

    boolean readOnly() {
        return service.readOnly();
    }

    /** The study tree and the worklist, as tabs; {@code worklistShown} hears when the worklist is shown or left. */
    TabPane left(Node studyTree, Consumer<Boolean> worklistShown) {
        Tab studies = tab("Studies", studyTree, "studiesTab");
        Tab list = tab("Worklist", worklist.view(), "worklistTab");
        list.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                worklist.refresh();
            }
            worklistShown.accept(now);
        });
        left.getTabs().setAll(studies, list);
        return left;
    }

    /** The findings panel and the patient panel, as tabs; {@code patientShown} hears when the patient is shown. */
    TabPane right(Node findings, Consumer<Boolean> patientShown) {
        Tab patientTab = tab("Patient", patient.view(), "patientTab");
        patientTab.selectedProperty().addListener((obs, was, now) -> patientShown.accept(now));
        right.getTabs().setAll(tab("Findings", findings, "findingsTab"), patientTab);
        return right;
    }

    void showStudies() {
        left.getSelectionModel().select(0);
    }

    /** The banner over the window while the database is open read-only. */
    static Label readOnlyBanner() {
        Label banner = new Label("Read-only: the database is open for reading only. Decisions, analyses and"
                + " exports are disabled; restart SecondLook once the other program has let go of it.");
        banner.setId("readOnlyBanner");
        banner.getStyleClass().add("read-only-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.getStylesheets().add(STYLESHEET);
        return banner;
    }

    /** Loads the patient's record into the patient panel, unless it is already shown. */
    void showPatient(String patientId, String issuer) {
        String key = patientId + "\u0000" + (issuer == null ? "" : issuer);
        if (key.equals(shownPatient)) {
            return;
        }
        shownPatient = key;
        patient.showLoading("Loading the patient\u2026");
        work.submit("Opening the patient's record", (p, c) -> service.openPatient(patientId, issuer), view -> {
            if (key.equals(shownPatient)) {
                if (view.isPresent()) {
                    patient.show(view.get());
                } else {
                    patient.showLoading("No record for this patient in the database");
                }
            }
        });
    }

    /** The worklist reloads: after decisions, analyses, imports and exports. */
    void changed() {
        worklist.refresh();
    }

    private static Tab tab(String title, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }
}
