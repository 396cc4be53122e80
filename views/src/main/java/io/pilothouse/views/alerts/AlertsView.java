package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertRecord;
import io.pilothouse.services.alerts.AlertState;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.views.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The alerts panel: one row per alert of the history with where it stands (active, acknowledged, silenced until,
 * cleared, with times), a severity chip (words and colour), since when, cluster, member and the message with its
 * figure and threshold. Open alerts come first, most severe then oldest, then cleared ones, newest first (muted).
 * Above the table: acknowledge, silence for a time, end a silence, and open the window that fixes the selected
 * alert. The table takes the keyboard (arrows, Home/End, Page keys) and columns can be re-sorted. Does no I/O.
 */
public final class AlertsView {

    private static final javafx.css.PseudoClass CLEARED = javafx.css.PseudoClass.getPseudoClass("cleared");
    private static final javafx.css.PseudoClass SILENCED = javafx.css.PseudoClass.getPseudoClass("silenced");

    private final AlertsViewModel vm;
    private final TableView<AlertRecord> table = new TableView<>();
    private final Label summary = new Label();
    private final VBox root;
    private final AlertsToolbar toolbar;
    private final Subscription subscription;

    public AlertsView(AlertsViewModel vm) {
        this.vm = vm;
        Label title = new Label("Alerts");
        title.getStyleClass().add(AlertStyles.TITLE);
        summary.getStyleClass().addAll(AlertStyles.SUMMARY, Styles.MUTED);
        summary.setId("alerts-summary");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, summary);
        header.setAlignment(Pos.BASELINE_LEFT);

        table.setId("alerts-table");
        table.getStyleClass().add(AlertStyles.TABLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // No fixed cell size: messages wrap, so a row is as tall as its message.
        Label empty = new Label("No active alerts. Every rule is within its threshold.");
        empty.getStyleClass().add(Styles.PLACEHOLDER);
        table.setPlaceholder(empty);
        table.getColumns().setAll(List.of(stateColumn(), severityColumn(), sinceColumn(),
                text("Cluster", 120, Alert::cluster), text("Member", 105, AlertPresentation::member),
                messageColumn()));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(AlertRecord r, boolean empty) {
                super.updateItem(r, empty);
                AlertState s = empty || r == null ? null : r.state(vm.nowProperty().get());
                pseudoClassStateChanged(CLEARED, s == AlertState.CLEARED);
                pseudoClassStateChanged(SILENCED, s == AlertState.SILENCED);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        toolbar = new AlertsToolbar(vm, table.getSelectionModel().selectedItemProperty());
        root = new VBox(12, header, toolbar.root(), table);
        root.getStyleClass().add(AlertStyles.ALERTS);
        subscription = vm.recordsProperty().subscribe(this::show)
                .and(vm.nowProperty().subscribe(t -> table.refresh()));
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** The table (tests, focus). */
    public TableView<AlertRecord> table() {
        return table;
    }

    /** What "Open Slots" and the like do: the app or the main view brings the window or pane up. */
    public void setOnOpen(java.util.function.Consumer<AlertTarget> action) {
        toolbar.setOnOpen(action);
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscription.unsubscribe();
    }

    private void show(List<AlertRecord> records) {
        AlertRecord selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(records);
        table.getSortOrder().clear();
        if (selected != null) {
            // Keep the keyboard user's place across refreshes: the same raise keeps its id and raise time.
            records.stream().filter(r -> r.id().equals(selected.id()) && r.raisedAt().equals(selected.raisedAt()))
                    .findFirst().ifPresent(r -> table.getSelectionModel().select(r));
        }
        List<AlertRecord> open = records.stream().filter(AlertRecord::open).toList();
        long critical = open.stream().filter(r -> r.alert().severity() == AlertSeverity.CRITICAL).count();
        long cleared = records.size() - open.size();
        summary.setText((open.isEmpty() ? "none active"
                : open.size() + " active · " + critical + " critical · " + (open.size() - critical) + " warning")
                + (cleared == 0 ? "" : " · " + cleared + " cleared"));
    }

    private TableColumn<AlertRecord, AlertRecord> stateColumn() {
        TableColumn<AlertRecord, AlertRecord> c = new TableColumn<>("State");
        c.setId("alerts-state");
        c.setPrefWidth(255);
        c.setMinWidth(170);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(java.util.Comparator.comparing(r -> r.state(vm.nowProperty().get())));
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = wrapping(this, col);
            // One per cell, its text changed: a tooltip is a popup window, and the table refreshes once a second.
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(AlertRecord r, boolean empty) {
                super.updateItem(r, empty);
                // Wrapped, never cut: "Acknowledged by dba at 14:32:10" lost its time at 1440×900.
                setText(empty || r == null ? null : AlertPresentation.state(r, vm.nowProperty().get(), vm.zone()));
                text.setText(getText());
                setGraphic(getText() == null ? null : text);
                tip.setText(getText());
                setTooltip(empty || r == null ? null : tip);
            }
        });
        return c;
    }

    private TableColumn<AlertRecord, Alert> severityColumn() {
        TableColumn<AlertRecord, Alert> c = new TableColumn<>("Severity");
        c.setPrefWidth(104);
        c.setMinWidth(104);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().alert()));
        c.setComparator(Comparator.comparing(Alert::severity, Comparator.reverseOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label chip = new Label();

            {
                chip.getStyleClass().addAll(Styles.CHIP, AlertStyles.SEVERITY_CHIP);
                chip.setMinWidth(Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                setText(null);
                if (empty || a == null) {
                    setGraphic(null);
                    return;
                }
                chip.setText(AlertPresentation.severity(a.severity()));
                Styles.setTone(chip, AlertPresentation.tone(a.severity()));
                setGraphic(chip);
            }
        });
        return c;
    }

    private TableColumn<AlertRecord, Alert> sinceColumn() {
        TableColumn<AlertRecord, Alert> c = new TableColumn<>("Since");
        c.setPrefWidth(160);
        c.setMinWidth(150);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().alert()));
        c.setComparator(Comparator.comparing(Alert::since));
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = wrapping(this, col);

            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null
                        : AlertPresentation.since(a, vm.nowProperty().get(), vm.zone()));
                text.setText(getText());
                setGraphic(getText() == null ? null : text);
            }
        });
        return c;
    }

    private TableColumn<AlertRecord, Alert> messageColumn() {
        TableColumn<AlertRecord, Alert> c = new TableColumn<>("What is wrong");
        c.setPrefWidth(400);
        c.setMinWidth(200);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().alert()));
        c.setComparator(Comparator.comparing(Alert::message));
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = new Text();

            {
                getStyleClass().add(AlertStyles.MESSAGE);
                text.getStyleClass().add(AlertStyles.MESSAGE_TEXT);
                // Wrap to the column: the figure and the threshold sit at the end of long messages.
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(18));
                setPrefHeight(Region.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                setText(null);
                if (empty || a == null) {
                    setGraphic(null);
                    return;
                }
                text.setText(a.message());
                setGraphic(text);
            }
        });
        return c;
    }

    /**
     * A text for {@code cell} that wraps to its column, shown instead of the cell's own text (which stays set, for
     * tooltips and tests): a row grows by a line rather than cutting a time off.
     */
    private static Text wrapping(TableCell<?, ?> cell, TableColumn<?, ?> col) {
        Text text = new Text();
        text.getStyleClass().add(AlertStyles.MESSAGE_TEXT);
        text.wrappingWidthProperty().bind(col.widthProperty().subtract(18));
        cell.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        cell.setPrefHeight(Region.USE_COMPUTED_SIZE);
        return text;
    }

    private static TableColumn<AlertRecord, String> text(String title, double width, Function<Alert, String> value) {
        TableColumn<AlertRecord, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(90);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue().alert())));
        return c;
    }
}
