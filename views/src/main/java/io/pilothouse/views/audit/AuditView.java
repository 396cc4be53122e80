package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.views.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The audit log: a banner with the state of the hash chain, filters (text, outcome, period), a table of records
 * newest first (those from the first bad line of a broken chain marked untrusted), and the selected record's
 * evidence on the right. Ctrl+F goes to the filter, F5 reloads; the table
 * takes arrows and Page keys. Does no I/O.
 */
public final class AuditView {

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final AuditViewModel vm;
    private final TableView<AuditEntry> table = new TableView<>();
    private final TextField filter = new TextField();
    private final Label banner = new Label();
    private final AuditDetails details;
    private final VBox root;
    private final Subscription subscription;

    public AuditView(AuditViewModel vm) {
        this.vm = vm;
        details = new AuditDetails(vm.zone());

        Label title = new Label("Audit log");
        title.getStyleClass().add(AuditStyles.TITLE);
        Label summary = new Label();
        summary.setId("audit-summary");
        summary.getStyleClass().addAll(AuditStyles.SUMMARY, Styles.MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        Button refresh = new Button("Reload", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("audit-refresh");
        refresh.setTooltip(new Tooltip("Read the audit log again and re-check its chain (F5)"));
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, summary, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        banner.setId("audit-banner");
        banner.getStyleClass().add(AuditStyles.BANNER);
        banner.setGraphic(new FontIcon(MaterialDesignS.SHIELD_CHECK_OUTLINE));
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(vm.bannerProperty());

        root = new VBox(12, header, banner, filters(), body());
        root.getStyleClass().add(AuditStyles.AUDIT);
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                filter.requestFocus();
                filter.selectAll();
                e.consume();
            } else if (e.getCode() == KeyCode.F5) {
                vm.refresh();
                e.consume();
            }
        });

        subscription = vm.rowsProperty().subscribe(this::show)
                .and(vm.selectedProperty().subscribe(details::show))
                .and(vm.firstBadLineProperty().subscribe(n -> table.refresh()))
                .and(vm.bannerToneProperty().subscribe(t -> {
                    Styles.setTone(banner, t);
                    banner.setGraphic(new FontIcon(t == io.pilothouse.views.Tone.DANGER
                            ? MaterialDesignS.SHIELD_ALERT_OUTLINE : MaterialDesignS.SHIELD_CHECK_OUTLINE));
                }))
                .and(table.getSelectionModel().selectedItemProperty().subscribe(vm::select));
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** The table (tests, focus). */
    public TableView<AuditEntry> table() {
        return table;
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscription.unsubscribe();
        banner.textProperty().unbind();
    }

    private HBox filters() {
        filter.setId("audit-filter");
        filter.setPromptText("Filter by cluster, action, user or target (Ctrl+F)");
        filter.setPrefColumnCount(34);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        ChoiceBox<AuditViewModel.OutcomeChoice> outcome = new ChoiceBox<>();
        outcome.setId("audit-outcome");
        outcome.getItems().setAll(AuditViewModel.OutcomeChoice.values());
        outcome.valueProperty().bindBidirectional(vm.outcomeProperty());
        ChoiceBox<AuditViewModel.Period> period = new ChoiceBox<>();
        period.setId("audit-period");
        period.getItems().setAll(AuditViewModel.Period.values());
        period.valueProperty().bindBidirectional(vm.periodProperty());
        Label filterLabel = new Label("_Filter");
        filterLabel.setMnemonicParsing(true);
        filterLabel.setLabelFor(filter);
        HBox box = new HBox(8, filterLabel, filter, outcome, period);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add(AuditStyles.FILTERS);
        return box;
    }

    private SplitPane body() {
        table.setId("audit-table");
        table.getStyleClass().add(AuditStyles.TABLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No audited changes match. Changes made through Pilothouse are recorded here.");
        empty.getStyleClass().add(Styles.PLACEHOLDER);
        table.setPlaceholder(empty);
        TableColumn<AuditEntry, String> time = text("Time", 170,
                e -> AuditPresentation.time(e.record().time(), vm.zone()));
        time.setMinWidth(170); // a cut-off time is no time at all
        TableColumn<AuditEntry, String> message = text("Message", 220, e -> e.record().message());
        message.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            {
                tip.setWrapText(true);
                tip.setMaxWidth(520);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                tip.setText(text);
                // Long messages are cut by the column; the whole text is in the tooltip and the details pane.
                setTooltip(empty || text == null || text.isEmpty() ? null : tip);
            }
        });
        TableColumn<AuditEntry, String> cluster = text("Cluster", 140, e -> e.record().cluster());
        cluster.setMinWidth(130);
        table.getColumns().setAll(List.of(time, text("User", 80, e -> e.record().user()), cluster,
                text("Action", 100, e -> e.record().action()), text("Target", 90, e -> e.record().target()),
                outcomeColumn(), durationColumn(), message));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AuditEntry e, boolean empty) {
                super.updateItem(e, empty);
                pseudoClassStateChanged(AuditStyles.UNTRUSTED, !empty && e != null && vm.isUntrusted(e));
            }
        });
        // The evidence pane takes room only while a record is selected: an empty pane cut the table's columns.
        SplitPane split = new io.pilothouse.views.SidePanes(null, 0, table, (Region) details.root(), 420,
                table.getSelectionModel().selectedItemProperty().isNotNull()).root();
        VBox.setVgrow(split, Priority.ALWAYS);
        return split;
    }

    private void show(List<AuditEntry> rows) {
        AuditEntry selected = vm.selectedProperty().get();
        table.getItems().setAll(rows);
        if (selected != null) {
            // Keep the reader's place across reloads: a record keeps its seq and hash.
            rows.stream().filter(e -> e.seq() == selected.seq() && e.hash().equals(selected.hash())).findFirst()
                    .ifPresent(e -> table.getSelectionModel().select(e));
        }
    }

    private TableColumn<AuditEntry, AuditEntry> outcomeColumn() {
        TableColumn<AuditEntry, AuditEntry> c = new TableColumn<>("Outcome");
        c.setPrefWidth(90);
        c.setMinWidth(90);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(Comparator.comparing(e -> e.record().outcome()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label chip = new Label();

            {
                chip.getStyleClass().addAll(Styles.CHIP, AuditStyles.OUTCOME_CHIP);
                chip.setMinWidth(Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(AuditEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(null);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                chip.setText(AuditPresentation.outcome(e.record().outcome()));
                Styles.setTone(chip, AuditPresentation.tone(e.record().outcome()));
                setGraphic(chip);
            }
        });
        return c;
    }

    private TableColumn<AuditEntry, AuditEntry> durationColumn() {
        TableColumn<AuditEntry, AuditEntry> c = new TableColumn<>("Duration");
        c.setPrefWidth(85);
        c.setMinWidth(85);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(Comparator.comparingLong(e -> e.record().durationMs()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(AuditEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : AuditPresentation.duration(e.record().durationMs()));
            }
        });
        return c;
    }

    private static TableColumn<AuditEntry, String> text(String title, double width,
                                                        Function<AuditEntry, String> value) {
        TableColumn<AuditEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 110));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }
}
