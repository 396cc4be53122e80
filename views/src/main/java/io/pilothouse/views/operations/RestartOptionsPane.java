package io.pilothouse.views.operations;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The options of a restart, shown in its confirmation: restart only if PostgreSQL has a restart pending, and an
 * optional time to schedule it at (ISO-8601 with its zone, as Patroni wants it). An unparsable time is said in
 * words next to the field and keeps the confirmation disabled ({@link #validProperty()}).
 */
public final class RestartOptionsPane {

    /** Shown as the field's prompt and in the error: the one format Patroni accepts. */
    public static final String EXAMPLE = "2030-01-31T22:00+01:00";

    private final CheckBox pendingOnly = new CheckBox("Only if a restart is pending (a changed setting needs it)");
    private final TextField schedule = new TextField();
    private final Label error = new Label();
    private final BooleanBinding valid;
    private final VBox root;

    public RestartOptionsPane() {
        pendingOnly.setId("restart-pending-only");
        schedule.setId("restart-schedule");
        schedule.setPromptText("now \u2014 or a time, e.g. " + EXAMPLE);
        Label label = new Label("Schedule (leave empty to restart now):");
        label.setLabelFor(schedule);
        label.getStyleClass().add(OperationStyles.CONFIRM_PROMPT);
        error.setId("restart-schedule-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.getStyleClass().add(OperationStyles.FIELD_ERROR);
        valid = Bindings.createBooleanBinding(() -> parse(schedule.getText()) != Parsed.INVALID,
                schedule.textProperty());
        schedule.textProperty().subscribe(t -> {
            boolean bad = parse(t) == Parsed.INVALID;
            error.setText(bad ? "Not a time Patroni understands: write it with date, time and zone, e.g. "
                    + EXAMPLE : "");
            error.setVisible(bad);
            error.setManaged(bad);
            schedule.pseudoClassStateChanged(OperationStyles.MISMATCH, bad);
        });
        root = new VBox(6, pendingOnly, label, schedule, error);
        root.getStyleClass().add(OperationStyles.RESTART_OPTIONS);
    }

    private enum Parsed { EMPTY, VALID, INVALID }

    private static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.EMPTY;
        }
        try {
            OffsetDateTime.parse(text.strip());
            return Parsed.VALID;
        } catch (DateTimeParseException e) {
            return Parsed.INVALID;
        }
    }

    /** True when the schedule is empty or a valid time. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** True when only a pending restart should be done. */
    public boolean pendingOnly() {
        return pendingOnly.isSelected();
    }

    /** The scheduled time, or null for now (also when the text does not parse: check {@link #validProperty()}). */
    public OffsetDateTime schedule() {
        return parse(schedule.getText()) == Parsed.VALID ? OffsetDateTime.parse(schedule.getText().strip()) : null;
    }

    public CheckBox pendingOnlyBox() {
        return pendingOnly;
    }

    public TextField scheduleField() {
        return schedule;
    }

    public Parent root() {
        return root;
    }
}
