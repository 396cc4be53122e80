package io.pilothouse.views.operations;

import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.util.Subscription;

/**
 * A compact "running operations" label for a status bar: the summary, the details as a tooltip, subtle when
 * nothing runs, a warning tone while a step waits.
 */
public final class RunningOperationsIndicator {

    /** Style class of the indicator (themes and tests find it by this). */
    public static final String STYLE_CLASS = "ph-running-operations";

    private final Label label = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final RunningOperationsModel model;
    private final Subscription subscriptions;

    public RunningOperationsIndicator(RunningOperationsModel model) {
        this.model = model;
        label.getStyleClass().addAll(STYLE_CLASS, Styles.STATUS_TEXT);
        label.setTextOverrun(OverrunStyle.ELLIPSIS);
        label.setMinWidth(60);
        label.setMaxWidth(560);
        label.setTooltip(tooltip);
        label.setAccessibleHelp("Operations running now");
        subscriptions = model.summaryProperty().subscribe(label::setText)
                .and(model.detailsProperty().subscribe(tooltip::setText))
                .and(model.countProperty().subscribe(n -> restyle()))
                .and(model.waitingProperty().subscribe(w -> restyle()));
    }

    public Node root() {
        return label;
    }

    /** The text shown (tests). */
    public String text() {
        return label.getText();
    }

    public void dispose() {
        subscriptions.unsubscribe();
        model.dispose();
    }

    private void restyle() {
        boolean idle = model.countProperty().get() == 0;
        label.getStyleClass().remove(Styles.SUBTLE);
        if (idle) {
            label.getStyleClass().add(Styles.SUBTLE);
        }
        Styles.setTone(label, model.waitingProperty().get() ? Tone.WARN : idle ? null : Tone.INFO);
    }
}
