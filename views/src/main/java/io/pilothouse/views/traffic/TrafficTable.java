package io.pilothouse.views.traffic;

import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.Function;

/** A Traffic table: text columns from a row's cells, rows tinted by tone, sized to its rows, an optional menu. */
final class TrafficTable {

    static final double ROW_HEIGHT = 28;
    private static final double HEADER_HEIGHT = 40;
    /** Columns whose values are longer than their titles. */
    private static final java.util.Set<String> WIDE = java.util.Set.of("Status", "Node", "Reached", "Server target");

    private TrafficTable() {
    }

    static TableView<TrafficRow> create(String id, List<String> columns, ObservableList<TrafficRow> rows, String empty,
                                        Function<TrafficRow, ContextMenu> menu) {
        TableView<TrafficRow> table = new TableView<>(rows);
        table.setId(id);
        table.getStyleClass().add(TrafficStyles.TABLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(ROW_HEIGHT);
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add(Styles.PLACEHOLDER);
        table.setPlaceholder(placeholder);
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            TableColumn<TrafficRow, String> c = new TableColumn<>(columns.get(i));
            c.setCellValueFactory(f -> new ReadOnlyStringWrapper(index < f.getValue().cells().size()
                    ? f.getValue().cells().get(index) : "").getReadOnlyProperty());
            c.setPrefWidth(i == columns.size() - 1 ? 260 : WIDE.contains(columns.get(i)) ? 200
                    : Math.max(90, columns.get(i).length() * 9 + 20));
            c.setMinWidth(70);
            table.getColumns().add(c);
        }
        table.setRowFactory(t -> {
            TableRow<TrafficRow> row = new TableRow<>() {
                @Override
                protected void updateItem(TrafficRow item, boolean isEmpty) {
                    super.updateItem(item, isEmpty);
                    for (Tone tone : Tone.values()) {
                        if (tone.pseudoClass() != null) {
                            pseudoClassStateChanged(tone.pseudoClass(), !isEmpty && item != null
                                    && item.tone() == tone);
                        }
                    }
                    setContextMenu(isEmpty || item == null || menu == null ? null : menu.apply(item));
                }
            };
            return row;
        });
        Runnable size = () -> {
            table.setPrefHeight(HEADER_HEIGHT + ROW_HEIGHT * Math.max(1, rows.size()) + 4);
            table.setMinHeight(table.getPrefHeight());
        };
        size.run();
        rows.addListener((javafx.collections.ListChangeListener<TrafficRow>) c -> size.run());
        return table;
    }
}
