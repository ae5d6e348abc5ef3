package io.secondlook.app.gui;

import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/** The patient → study → series tree; selecting a series opens it. */
final class StudyBrowser {

    /** A series with the patient and study it belongs to. */
    record Selection(DicomPatient patient, DicomStudy study, DicomSeries series) {
    }

    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("Patients"));

    StudyBrowser(Consumer<Selection> onSeries) {
        tree.setId("studyTree");
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : describe(item));
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.getValue() instanceof DicomSeries series) {
                TreeItem<Object> studyItem = item.getParent();
                onSeries.accept(new Selection((DicomPatient) studyItem.getParent().getValue(),
                        (DicomStudy) studyItem.getValue(), series));
            }
        });
    }

    TreeView<Object> view() {
        return tree;
    }

    /** Replaces the tree's content, everything expanded. */
    void setPatients(List<DicomPatient> patients) {
        TreeItem<Object> root = tree.getRoot();
        root.getChildren().clear();
        for (DicomPatient patient : patients) {
            TreeItem<Object> p = expanded(patient);
            for (DicomStudy study : patient.studies()) {
                TreeItem<Object> s = expanded(study);
                for (DicomSeries series : study.series()) {
                    s.getChildren().add(new TreeItem<>(series));
                }
                p.getChildren().add(s);
            }
            root.getChildren().add(p);
        }
    }

    /** Selects (and so opens) the first series of the study; false when the study is not in the tree. */
    boolean selectStudy(String studyInstanceUid) {
        for (TreeItem<Object> patient : tree.getRoot().getChildren()) {
            for (TreeItem<Object> study : patient.getChildren()) {
                if (study.getValue() instanceof DicomStudy s && s.studyInstanceUid().equals(studyInstanceUid)
                        && !study.getChildren().isEmpty()) {
                    TreeItem<Object> series = study.getChildren().get(0);
                    tree.getSelectionModel().select(series);
                    int row = tree.getRow(series);
                    if (row >= 0) {
                        tree.scrollTo(row);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    static String describe(Object item) {
        if (item instanceof DicomPatient p) {
            String name = p.name() == null ? "" : p.name().replace('^', ' ').trim();
            return (name.isEmpty() ? "(no name)" : name) + "  " + nullToEmpty(p.patientId());
        }
        if (item instanceof DicomStudy s) {
            String date = s.date() == null || s.date().length() != 8 ? nullToEmpty(s.date())
                    : s.date().substring(0, 4) + "-" + s.date().substring(4, 6) + "-" + s.date().substring(6);
            return (date + "  " + nullToEmpty(s.description())).trim();
        }
        if (item instanceof DicomSeries s) {
            int frames = FrameRef.count(s);
            String stack = s.stack().isEmpty() ? "" : " [" + s.stack() + "]";
            return (nullToEmpty(s.modality()) + " " + nullToEmpty(s.description())).trim() + stack
                    + "  (" + frames + (frames == 1 ? " image)" : " images)");
        }
        return String.valueOf(item);
    }

    private static TreeItem<Object> expanded(Object value) {
        TreeItem<Object> item = new TreeItem<>(value);
        item.setExpanded(true);
        return item;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
