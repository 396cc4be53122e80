package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.Alert;
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
 * The alerts panel: one row per active alert with a severity chip (words and colour), since when, cluster, member
 * and the message with its figure and threshold. Rows come most severe first, then oldest first; the table takes
 * the keyboard (arrows, Home/End, Page keys) and columns can be re-sorted. Does no I/O.
 */
public final class AlertsView {

    private final AlertsViewModel vm;
    private final TableView<Alert> table = new TableView<>();
    private final Label summary = new Label();
    private final VBox root;
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
        table.getColumns().setAll(List.of(severityColumn(), sinceColumn(),
                text("Cluster", 130, Alert::cluster), text("Member", 115, AlertPresentation::member),
                messageColumn()));
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(12, header, table);
        root.getStyleClass().add(AlertStyles.ALERTS);
        subscription = vm.alertsProperty().subscribe(this::show)
                .and(vm.nowProperty().subscribe(t -> table.refresh()));
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** The table (tests, focus). */
    public TableView<Alert> table() {
        return table;
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscription.unsubscribe();
    }

    private void show(List<Alert> alerts) {
        Alert selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(alerts);
        table.getSortOrder().clear();
        if (selected != null) {
            // Keep the keyboard user's place across refreshes: the same condition keeps its id.
            alerts.stream().filter(a -> a.id().equals(selected.id())).findFirst()
                    .ifPresent(a -> table.getSelectionModel().select(a));
        }
        long critical = alerts.stream().filter(a -> a.severity() == AlertSeverity.CRITICAL).count();
        summary.setText(alerts.isEmpty() ? "none active"
                : alerts.size() + " active · " + critical + " critical · " + (alerts.size() - critical) + " warning");
    }

    private TableColumn<Alert, Alert> severityColumn() {
        TableColumn<Alert, Alert> c = new TableColumn<>("Severity");
        c.setPrefWidth(104);
        c.setMinWidth(104);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
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

    private TableColumn<Alert, Alert> sinceColumn() {
        TableColumn<Alert, Alert> c = new TableColumn<>("Since");
        c.setPrefWidth(175);
        c.setMinWidth(175);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(Comparator.comparing(Alert::since));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null
                        : AlertPresentation.since(a, vm.nowProperty().get(), vm.zone()));
            }
        });
        return c;
    }

    private TableColumn<Alert, Alert> messageColumn() {
        TableColumn<Alert, Alert> c = new TableColumn<>("What is wrong");
        c.setPrefWidth(420);
        c.setMinWidth(200);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
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

    private static TableColumn<Alert, String> text(String title, double width, Function<Alert, String> value) {
        TableColumn<Alert, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(90);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }
}
