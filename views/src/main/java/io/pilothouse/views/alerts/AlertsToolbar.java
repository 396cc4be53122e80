package io.pilothouse.views.alerts;

import io.pilothouse.services.alerts.AlertRecord;
import io.pilothouse.services.alerts.AlertState;
import io.pilothouse.views.Styles;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The actions on the selected alert: acknowledge, silence for a chosen time or end the silence, and open the window
 * where it is fixed; a switch to list cleared alerts too; what came of the last action. Buttons are enabled only
 * when they apply to the selection.
 */
final class AlertsToolbar {

    /** The times a silence can be chosen for. */
    static final List<Duration> SILENCES = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(24));

    private final javafx.scene.layout.VBox actions;
    private final Label status = new Label();
    private final Button open = new Button(AlertTarget.TOPOLOGY.action());
    private Consumer<AlertTarget> onOpen = t -> { };

    AlertsToolbar(AlertsViewModel vm, ReadOnlyObjectProperty<AlertRecord> selected) {
        Button ack = new Button("Acknowledge");
        ack.setId("alert-acknowledge");
        ChoiceBox<Duration> length = new ChoiceBox<>();
        length.setId("alert-silence-length");
        length.getItems().setAll(SILENCES);
        length.setValue(SILENCES.get(1));
        length.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : "for " + AlertPresentation.duration(d);
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        Button silence = new Button("Silence");
        silence.setId("alert-silence");
        Button unsilence = new Button("End silence");
        unsilence.setId("alert-unsilence");
        open.setId("alert-open-target");
        CheckBox cleared = new CheckBox("Show cleared");
        cleared.setId("alert-show-cleared");
        cleared.selectedProperty().bindBidirectional(vm.showClearedProperty());
        status.setId("alert-action-status");
        status.getStyleClass().add(Styles.MUTED);
        status.textProperty().bind(vm.statusProperty());

        ack.setOnAction(e -> vm.acknowledge(selected.get()));
        silence.setOnAction(e -> vm.silence(selected.get(), length.getValue()));
        unsilence.setOnAction(e -> vm.unsilence(selected.get()));
        open.setOnAction(e -> {
            if (selected.get() != null) {
                onOpen.accept(AlertTarget.of(selected.get().alert().rule()));
            }
        });
        Runnable update = () -> {
            AlertRecord r = selected.get();
            AlertState s = r == null ? null : r.state(vm.nowProperty().get());
            boolean history = vm.keepsHistory();
            ack.setDisable(!history || s != AlertState.ACTIVE);
            silence.setDisable(!history || r == null);
            unsilence.setDisable(!history || s != AlertState.SILENCED);
            open.setDisable(r == null);
            open.setText((r == null ? AlertTarget.TOPOLOGY : AlertTarget.of(r.alert().rule())).action());
        };
        selected.subscribe(r -> update.run());
        vm.nowProperty().subscribe(t -> update.run());
        vm.recordsProperty().subscribe(l -> update.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (javafx.scene.control.Control c : List.of(ack, length, silence, unsilence, open, cleared)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row = new HBox(8, ack, length, silence, unsilence, open, spacer, cleared);
        row.setAlignment(Pos.CENTER_LEFT);
        status.setWrapText(true);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());
        actions = new javafx.scene.layout.VBox(6, row, status);
    }

    javafx.scene.layout.VBox root() {
        return actions;
    }

    void setOnOpen(Consumer<AlertTarget> action) {
        onOpen = action == null ? t -> { } : action;
    }
}
