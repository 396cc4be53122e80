package io.pilothouse.views.history;

import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One timeline row: date and time, a dot on the rail, the kind chip and the detail. Nodes built once per cell. */
final class HistoryCell extends ListCell<HistoryEntry> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ZoneId zone;
    private final Label date = new Label();
    private final Label time = new Label();
    private final Region dot = new Region();
    private final Label chip = new Label();
    private final Label detail = new Label();
    private final HBox row;

    HistoryCell(ZoneId zone) {
        this.zone = zone;
        date.getStyleClass().addAll(HistoryStyles.DATE, Styles.MUTED);
        time.getStyleClass().addAll(HistoryStyles.TIME, Styles.MONO);
        VBox when = new VBox(1, time, date);
        when.setMinWidth(Region.USE_PREF_SIZE);
        when.setPrefWidth(92);
        when.setAlignment(Pos.CENTER_RIGHT);
        dot.getStyleClass().add(Styles.DOT);
        VBox rail = new VBox(dot);
        rail.getStyleClass().add(HistoryStyles.RAIL);
        rail.setAlignment(Pos.CENTER);
        rail.setMinWidth(Region.USE_PREF_SIZE);
        chip.getStyleClass().addAll(Styles.CHIP, HistoryStyles.KIND_CHIP);
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.setPrefWidth(120);
        chip.setAlignment(Pos.CENTER);
        detail.getStyleClass().add(HistoryStyles.DETAIL);
        detail.setWrapText(true);
        detail.setMinWidth(0);
        HBox.setHgrow(detail, Priority.ALWAYS);
        row = new HBox(14, when, rail, chip, detail);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add(HistoryStyles.ENTRY);
        setText(null);
    }

    @Override
    protected void updateItem(HistoryEntry e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        if (e.time() == null) {
            time.setText("—");
            date.setText("time not recorded");
        } else {
            time.setText(TIME.format(e.time().atZone(zone)));
            date.setText(DATE.format(e.time().atZone(zone)));
        }
        chip.setText(HistoryPresentation.chip(e.kind()));
        Tone tone = HistoryPresentation.tone(e.kind());
        Styles.setTone(chip, tone == Tone.NEUTRAL ? null : tone);
        Styles.setTone(dot, tone == Tone.NEUTRAL ? null : tone);
        detail.setText(e.detail());
        setAccessibleText(chip.getText() + ", " + time.getText() + ": " + e.detail());
        setGraphic(row);
    }
}
