package io.secondlook.app.gui;

import io.secondlook.core.worklist.AiStatus;
import io.secondlook.core.worklist.WorklistEntry;
import io.secondlook.core.worklist.WorklistQuery;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Every study in the store: patient, modality, date, description, AI status and highest AI score, with sortable
 * columns, filters (modality, AI status, dates), free-text search and a triage order by AI score. The store does the
 * filtering on a background thread; double-click or Enter opens the study.
 */
final class WorklistView {
    private static final String ALL_MODALITIES = "All modalities";

    final TextField search = new TextField();
    final ComboBox<String> modality = new ComboBox<>();
    final ComboBox<AiStatus> status = new ComboBox<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final ToggleButton triage = new ToggleButton("Triage by AI score");
    final TableView<WorklistEntry> table = new TableView<>();
    final Label count = new Label();
    private final RecordsService service;
    private final BackgroundWork work;
    private final Set<String> modalitiesSeen = new TreeSet<>();
    private final VBox view;
    private int generation;

    WorklistView(RecordsService service, BackgroundWork work, Consumer<WorklistEntry> onOpen) {
        this.service = service;
        this.work = work;
        search.setId("worklistSearch");
        search.setPromptText("Search name, ID, description, accession");
        modality.setId("worklistModality");
        modality.getItems().add(ALL_MODALITIES);
        modality.setValue(ALL_MODALITIES);
        status.setId("worklistStatus");
        status.getItems().add(null);
        status.getItems().addAll(AiStatus.values());
        status.setButtonCell(statusCell());
        status.setCellFactory(v -> statusCell());
        from.setId("worklistFrom");
        from.setPromptText("From");
        from.setPrefWidth(130);
        to.setId("worklistTo");
        to.setPromptText("To");
        to.setPrefWidth(130);
        triage.setId("worklistTriage");
        count.setId("worklistCount");
        count.getStyleClass().add("muted");

        table.setId("worklistTable");
        table.setPlaceholder(new Label("No studies match"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Patient", 150, e -> PatientPanel.displayName(e.patientName())),
                column("Patient ID", 100, WorklistEntry::patientId),
                column("Modality", 70, e -> String.join("/", e.modalities())),
                column("Date", 90, WorklistEntry::date),
                column("Description", 180, WorklistEntry::description),
                column("AI status", 110, WorklistEntry::aiStatus),
                column("AI score", 70, WorklistEntry::aiScore)));
        TableColumn<WorklistEntry, AiStatus> statusColumn = cast(table.getColumns().get(5));
        statusColumn.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(AiStatus s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : describe(s));
            }
        });
        TableColumn<WorklistEntry, Double> scoreColumn = cast(table.getColumns().get(6));
        scoreColumn.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double score, boolean empty) {
                super.updateItem(score, empty);
                setText(empty || score == null ? null : String.format(Locale.ROOT, "%.2f", score));
            }
        });
        table.setRowFactory(t -> {
            TableRow<WorklistEntry> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    onOpen.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            WorklistEntry picked = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && picked != null) {
                onOpen.accept(picked);
            }
        });
        // Sorting by a column replaces the triage order.
        table.getSortOrder().addListener((javafx.collections.ListChangeListener<TableColumn<WorklistEntry, ?>>) c -> {
            if (!table.getSortOrder().isEmpty() && triage.isSelected()) {
                triage.setSelected(false);
            }
        });

        search.textProperty().addListener(obs -> refresh());
        modality.valueProperty().addListener(obs -> refresh());
        status.valueProperty().addListener(obs -> refresh());
        from.valueProperty().addListener(obs -> refresh());
        to.valueProperty().addListener(obs -> refresh());
        triage.selectedProperty().addListener((obs, was, on) -> {
            if (on) {
                table.getSortOrder().clear();
            }
            refresh();
        });

        FlowPane filters = new FlowPane(6, 6, modality, status, from, to, triage);
        VBox.setVgrow(table, Priority.ALWAYS);
        view = new VBox(6, search, filters, table, count);
        view.setPadding(new Insets(6));
        view.setId("worklistView");
        view.getStyleClass().add("side-panel");
    }

    VBox view() {
        return view;
    }

    /** What the controls select. */
    WorklistQuery query() {
        WorklistQuery q = WorklistQuery.all();
        String text = search.getText() == null ? "" : search.getText().strip();
        if (!text.isEmpty()) {
            q = q.withSearch(text);
        }
        if (modality.getValue() != null && !ALL_MODALITIES.equals(modality.getValue())) {
            q = q.withModality(modality.getValue());
        }
        if (status.getValue() != null) {
            q = q.withStatuses(Set.of(status.getValue()));
        }
        LocalDate start = from.getValue();
        LocalDate end = to.getValue();
        if (start != null || end != null) {
            q = q.withDates(start, end);
        }
        return q.withTriage(triage.isSelected());
    }

    /** Reloads from the store in the background; an answer overtaken by a newer request is dropped. */
    void refresh() {
        WorklistQuery q = query();
        int asked = ++generation;
        work.submit("Loading the worklist", (p, c) -> service.worklist(q), rows -> {
            if (asked != generation) {
                return;
            }
            WorklistEntry selected = table.getSelectionModel().getSelectedItem();
            table.getItems().setAll(rows);
            table.sort();
            if (selected != null) {
                rows.stream().filter(r -> r.studyUid().equals(selected.studyUid())).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
            rows.forEach(r -> modalitiesSeen.addAll(r.modalities()));
            if (modality.getItems().size() != modalitiesSeen.size() + 1) {
                String chosen = modality.getValue();
                modality.getItems().setAll(ALL_MODALITIES);
                modality.getItems().addAll(modalitiesSeen);
                modality.setValue(chosen);
            }
            count.setText(rows.size() + (rows.size() == 1 ? " study" : " studies")
                    + (triage.isSelected() ? ", highest AI score first" : ""));
        });
    }

    static String describe(AiStatus s) {
        return switch (s) {
            case NOT_RUN -> "Not run";
            case PENDING_REVIEW -> "Pending review";
            case REVIEWED -> "Reviewed";
            case REPORTED -> "Reported";
        };
    }

    private static ListCell<AiStatus> statusCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(AiStatus s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s == null ? "All AI states" : describe(s));
            }
        };
    }

    private static <T extends Comparable<? super T>> TableColumn<WorklistEntry, T> column(
            String title, double width, Function<WorklistEntry, T> value) {
        TableColumn<WorklistEntry, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        return column;
    }

    @SuppressWarnings("unchecked")
    private static <T> TableColumn<WorklistEntry, T> cast(TableColumn<WorklistEntry, ?> column) {
        return (TableColumn<WorklistEntry, T>) column;
    }
}
