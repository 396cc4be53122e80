package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.indoubt.InDoubtView.Row;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The in-doubt console's table columns: a global transaction per row, its branches as children. */
final class InDoubtColumns {

    private InDoubtColumns() {
    }

    /** Styles {@code table} and gives it the console's columns; ages are counted to {@code now}. */
    static void install(TreeTableView<Row> table, Supplier<Instant> now) {
        table.getStyleClass().add(InDoubtStyles.TABLE);
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        // What it is, what to do, how old, what is missing first: readable at 1280×800 with the details open; the
        // figures for a closer look follow and may need a sideways scroll.
        table.getColumns().setAll(List.of(
                column("Global id / node", 235, r -> r.isBranch() ? r.branch().node().label()
                        : r.transaction().transaction().globalId()),
                adviceColumn(),
                column("Age", 70, r -> r.isBranch() ? InDoubtText.age(r.branch().ageSeconds(now.get()))
                        : InDoubtText.age(InDoubtText.oldestAge(r.transaction(), now.get()))),
                column("Missing", 80, r -> r.isBranch() ? ""
                        : String.join(", ", r.transaction().transaction().missing())),
                column("Holding / owner", 150, r -> r.isBranch() ? r.branch().owner() : holding(r)),
                column("Branches / db", 125, r -> r.isBranch() ? r.branch().database()
                        : Integer.toString(r.transaction().transaction().branches().size())),
                column("Gid / pattern", 150, r -> r.isBranch() ? GidText.quoted(r.branch().gid())
                        : r.transaction().transaction().pattern()),
                column("Xid age (% freeze max)", 160, r -> r.isBranch() ? InDoubtText.xidAgeShort(r.branch()) : ""),
                column("Locks", 55, r -> Integer.toString(r.isBranch() ? r.branch().locks().size()
                        : r.transaction().transaction().branches().values().stream()
                        .mapToInt(b -> b.locks().size()).sum())),
                column("Blocked", 65, r -> Integer.toString(r.isBranch() ? r.branch().blocked().size()
                        : r.transaction().transaction().branches().values().stream()
                        .mapToInt(b -> b.blocked().size()).sum())),
                column("Oldest xmin", 85, r -> r.isBranch() ? (r.branch().oldestXmin() ? "yes" : "")
                        : r.transaction().transaction().branches().values().stream()
                        .anyMatch(PreparedBranch::oldestXmin) ? "yes" : "")));
        for (TreeTableColumn<Row, ?> c : table.getColumns().subList(0, 4)) {
            c.setMinWidth(c.getPrefWidth()); // the key columns are never squeezed into an ellipsis
        }
    }

    private static String holding(Row r) {
        return String.join(", ", r.transaction().transaction().branches().keySet());
    }

    private static TreeTableColumn<Row, String> column(String name, double width, Function<Row, String> value) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyStringWrapper(
                f.getValue().getValue() == null ? "" : value.apply(f.getValue().getValue())));
        return c;
    }

    private static TreeTableColumn<Row, String> adviceColumn() {
        TreeTableColumn<Row, String> c = column("Advice", 90, r -> r.isBranch() ? ""
                : InDoubtText.advice(r.transaction().advice().action()));
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                getStyleClass().remove(InDoubtStyles.ADVICE);
                for (Advice.Action a : Advice.Action.values()) {
                    pseudoClassStateChanged(InDoubtStyles.tone(a), false);
                }
                if (r != null && !r.isBranch() && item != null) {
                    getStyleClass().add(InDoubtStyles.ADVICE);
                    pseudoClassStateChanged(InDoubtStyles.tone(r.transaction().advice().action()), true);
                }
            }
        });
        return c;
    }
}
