package io.pilothouse.views.operations;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * A configuration change side by side: one row per setting with its current and new value, changed rows highlighted
 * (and counted above the table, so the colour is never the only signal). A value that is not set shows as a dash.
 */
public final class ConfigDiffView {

    /** Shown for a setting that has no value on that side. */
    public static final String UNSET = "\u2014";

    private final TableView<DiffRow> table = new TableView<>();
    private final Label summary = new Label();
    private final VBox root;

    public ConfigDiffView() {
        summary.setId("config-diff-summary");
        summary.getStyleClass().add(OperationStyles.CONFIG_DIFF_SUMMARY);
        table.setId("config-diff-table");
        table.getStyleClass().add(OperationStyles.CONFIG_DIFF_TABLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No settings to compare."));
        table.getColumns().setAll(List.of(column("Setting", DiffRow::key, null, 290),
                column("Current", DiffRow::before, null, 140),
                column("New", DiffRow::after, OperationStyles.CONFIG_DIFF_AFTER, 140),
                column("In effect on the leader", DiffRow::effective, null, 170),
                column("Change applies", DiffRow::applies, null, 160)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DiffRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(OperationStyles.CHANGED, !empty && row != null && row.changed());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, summary, table);
        root.getStyleClass().add(OperationStyles.CONFIG_DIFF);
        setRows(List.of());
    }

    /** Shows {@code rows} in the given order. */
    public void setRows(List<DiffRow> rows) {
        table.getItems().setAll(rows);
        long changed = rows.stream().filter(DiffRow::changed).count();
        long restart = rows.stream().filter(r -> r.changed() && r.needsRestart()).count();
        summary.setText((changed == 0 ? "No changes (" + rows.size() + " settings)"
                : changed + " of " + rows.size() + " settings change")
                + (restart == 0 ? "" : " \u00b7 " + restart + " need" + (restart == 1 ? "s" : "") + " a restart of "
                + "every member"));
    }

    /** The node to put in a page or dialog. */
    public Parent root() {
        return root;
    }

    /** The table (tests, focus). */
    public TableView<DiffRow> table() {
        return table;
    }

    private static TableColumn<DiffRow, String> column(String title, Function<DiffRow, String> value,
                                                       String styleClass, double width) {
        TableColumn<DiffRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            {
                if (styleClass != null) {
                    getStyleClass().add(styleClass);
                }
            }

            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? UNSET : v);
                setTooltip(empty || v == null ? null : new javafx.scene.control.Tooltip(v));
            }
        });
        return c;
    }
}
