package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.services.switchover.VerificationItem;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;

/** The verification report: one row per item, verdict in words and colour, what was found. */
final class VerificationTable {

    private final TableView<VerificationItem> table = new TableView<>();

    VerificationTable() {
        table.getStyleClass().add(SwitchoverStyles.VERIFICATION);
        table.setId("verification");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<VerificationItem, Verdict> verdict = new TableColumn<>("");
        verdict.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdict.setCellFactory(c -> new TableCell<>() {
            {
                getStyleClass().add(SwitchoverStyles.CELL);
            }

            @Override
            protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                for (Verdict each : Verdict.values()) {
                    pseudoClassStateChanged(SwitchoverStyles.of(each), !empty && v == each);
                }
                setText(empty || v == null ? null : SwitchoverStyles.mark(v));
            }
        });
        verdict.setPrefWidth(80);
        verdict.setMinWidth(80);
        TableColumn<VerificationItem, String> title = new TableColumn<>("Check");
        title.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        title.setPrefWidth(270);
        TableColumn<VerificationItem, String> detail = new TableColumn<>("Found");
        detail.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        detail.setPrefWidth(420);
        table.getColumns().add(verdict);
        table.getColumns().add(title);
        table.getColumns().add(detail);
        table.setFixedCellSize(28);
    }

    TableView<VerificationItem> table() {
        return table;
    }

    void show(List<VerificationItem> items) {
        table.getItems().setAll(items);
        table.setPrefHeight(40 + 28 * Math.max(3, items.size()) + 4);
    }
}
