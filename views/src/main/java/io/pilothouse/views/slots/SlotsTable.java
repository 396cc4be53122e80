package io.pilothouse.views.slots;

import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node's slots: sortable columns (sizes sort by bytes, not by text), flagged rows carry the {@code :warn} or
 * {@code :danger} pseudo-class and say the problem in the last column.
 */
final class SlotsTable {

    static final double ROW_HEIGHT = 30;
    /** Column header height in both themes at the default font size, measured on the rendered table. */
    private static final double HEADER_HEIGHT = 40;

    private SlotsTable() {
    }

    static TableView<ReplicationSlot> create(String node, List<ReplicationSlot> slots, Supplier<Instant> now,
                                             ZoneId zone) {
        TableView<ReplicationSlot> table = new TableView<>();
        table.getStyleClass().add(SlotStyles.TABLE);
        table.setId("slots-" + node);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(ROW_HEIGHT);
        Label empty = new Label("No replication slots on " + node);
        empty.getStyleClass().add(Styles.PLACEHOLDER);
        table.setPlaceholder(empty);
        table.getColumns().setAll(List.of(
                // The key columns first: what the slot is and whether it needs attention stay in sight when the
                // table is narrower than its columns (a TableView has no frozen columns).
                text("Slot", 130, ReplicationSlot::name),
                attention(),
                text("Type", 75, ReplicationSlot::type),
                text("Plugin", 70, s -> SlotPresentation.orNone(s.plugin())),
                text("Active", 115, SlotPresentation::active),
                text("WAL status", 100, s -> SlotPresentation.orNone(s.walStatus())),
                bytes("Safe WAL size", 120, ReplicationSlot::safeWalSize, SlotPresentation::safeWalSize),
                bytes("WAL retained", 115, ReplicationSlot::retainedBytes, SlotPresentation::retained),
                inactiveSince(now, zone)));
        table.setRowFactory(t -> new ToneRow());
        table.getItems().setAll(slots);
        // Sized to its rows: the view stacks one table per node and scrolls as a whole.
        table.setPrefHeight(HEADER_HEIGHT + ROW_HEIGHT * Math.max(1, slots.size()) + 4);
        table.setMinHeight(table.getPrefHeight());
        return table;
    }

    /** What needs doing about a slot: never squeezed below readable, whatever the window's width. */
    private static TableColumn<ReplicationSlot, String> attention() {
        TableColumn<ReplicationSlot, String> c = text("Attention", 190, SlotPresentation::attention);
        c.setMinWidth(170);
        return c;
    }

    private static TableColumn<ReplicationSlot, String> text(String title, double width,
                                                             Function<ReplicationSlot, String> value) {
        TableColumn<ReplicationSlot, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        // Headers must stay readable: columns do not shrink below their width; the last column flexes.
        c.setMinWidth(Math.min(width, 120));
        c.setCellValueFactory(f -> constant(value.apply(f.getValue())));
        return c;
    }

    /** Sorts by the number, shows the formatted text; unknown values sort first. */
    private static TableColumn<ReplicationSlot, ReplicationSlot> bytes(String title, double width,
                                                                       Function<ReplicationSlot, Long> number,
                                                                       Function<ReplicationSlot, String> shown) {
        TableColumn<ReplicationSlot, ReplicationSlot> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setCellValueFactory(f -> constant(f.getValue()));
        c.setComparator(Comparator.comparing(number, Comparator.nullsFirst(Comparator.naturalOrder())));
        c.setCellFactory(formatted(shown, true));
        return c;
    }

    private static TableColumn<ReplicationSlot, ReplicationSlot> inactiveSince(Supplier<Instant> now, ZoneId zone) {
        TableColumn<ReplicationSlot, ReplicationSlot> c = new TableColumn<>("Inactive since");
        c.setPrefWidth(220);
        c.setMinWidth(200);
        c.setCellValueFactory(f -> constant(f.getValue()));
        // Longest inactive first when sorted ascending is what a DBA hunts for: oldest time first, active last.
        c.setComparator(Comparator.comparing(ReplicationSlot::inactiveSince,
                Comparator.nullsLast(Comparator.naturalOrder())));
        c.setCellFactory(formatted(s -> SlotPresentation.inactiveSince(s, now.get(), zone), false));
        return c;
    }

    private static Callback<TableColumn<ReplicationSlot, ReplicationSlot>, TableCell<ReplicationSlot, ReplicationSlot>>
            formatted(Function<ReplicationSlot, String> shown, boolean numeric) {
        return col -> new TableCell<>() {
            {
                if (numeric) {
                    getStyleClass().add(SlotStyles.NUMERIC);
                }
            }

            @Override
            protected void updateItem(ReplicationSlot item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : shown.apply(item));
            }
        };
    }

    private static <T> ObservableValue<T> constant(T value) {
        return new ReadOnlyObjectWrapper<>(value);
    }

    /** Colours a flagged row and explains it in a tooltip. */
    private static final class ToneRow extends TableRow<ReplicationSlot> {
        @Override
        protected void updateItem(ReplicationSlot item, boolean empty) {
            super.updateItem(item, empty);
            Tone tone = empty || item == null ? Tone.NEUTRAL : SlotPresentation.tone(item);
            Styles.setTone(this, tone == Tone.NEUTRAL ? null : tone);
            String why = empty || item == null ? "" : SlotPresentation.attention(item);
            setTooltip(why.isEmpty() ? null : new Tooltip(why));
        }
    }
}
