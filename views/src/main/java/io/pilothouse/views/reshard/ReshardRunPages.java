package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.Verification;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/** The wizard's progress and result pages. */
final class ReshardRunPages {

    private final ReshardWizardModel model;
    private final Runnable close;
    private final Label running = new Label();
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label step = new Label();
    private final Label figures = new Label();
    private final Button stop = new Button("Stop before cutover");
    private final Label headline = new Label();
    private final Label cutover = new Label();
    private final Label verification = new Label();
    private final Label source = new Label();
    private final Label failure = new Label();
    private final ListView<String> log = new ListView<>();
    private final Button dropSource = new Button("Drop kept source\u2026");
    private final Button resume = new Button("Resume");
    private final Button rollBack = new Button("Roll back");

    ReshardRunPages(ReshardWizardModel model, Runnable close) {
        this.model = model;
        this.close = close;
    }

    Subscription subscribe() {
        return model.runState().progressProperty().subscribe(this::showProgress)
                .and(model.outcomeProperty().subscribe(this::showOutcome))
                .and(model.runState().runningProperty().subscribe(running::setText));
    }

    Node progressPage() {
        running.setId("reshard-running");
        running.getStyleClass().add(ReshardStyles.SUMMARY);
        running.setWrapText(true);
        bar.setId("reshard-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        step.setId("reshard-step");
        step.getStyleClass().add(ReshardStyles.STEP);
        step.setWrapText(true);
        figures.setId("reshard-figures");
        figures.getStyleClass().add(ReshardStyles.FIGURES);
        stop.setId("reshard-stop");
        stop.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() ->
                model.runState().stopRequestedProperty().get() || model.runState().progressProperty().get() != null
                        && model.runState().progressProperty().get().state().pastCutover(),
                model.runState().stopRequestedProperty(), model.runState().progressProperty()));
        stop.setOnAction(e -> model.runState().stopBeforeCutover());
        stop.visibleProperty().bind(model.runState().stoppableProperty());
        Label hint = new Label("The copy and the catch-up run on the servers. Stopping before the cutover leaves the "
                + "move resumable; a cutover under way always finishes. Closing this window does not stop the move.");
        hint.setWrapText(true);
        hint.getStyleClass().add("ph-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, spacer, stop);
        return new VBox(12, running, bar, step, figures, hint, buttons);
    }

    Node resultPage() {
        headline.setId("reshard-result-headline");
        headline.getStyleClass().add(ReshardStyles.SUMMARY);
        headline.setWrapText(true);
        headline.setMaxWidth(Double.MAX_VALUE);
        cutover.setId("reshard-result-cutover");
        cutover.getStyleClass().add(ReshardStyles.FIGURES);
        verification.setId("reshard-result-verification");
        verification.getStyleClass().add(ReshardStyles.VERIFICATION);
        verification.setWrapText(true);
        source.setId("reshard-result-source");
        source.setWrapText(true);
        failure.setId("reshard-result-error");
        failure.getStyleClass().add(ReshardStyles.ERROR);
        failure.setWrapText(true);
        failure.setMinHeight(Region.USE_PREF_SIZE);
        log.setId("reshard-result-log");
        log.setPrefHeight(180);
        log.setMaxHeight(Double.MAX_VALUE);
        TitledPane logPane = new TitledPane("Steps, as journaled", log);
        logPane.setMaxHeight(Double.MAX_VALUE);
        VBox.setVgrow(logPane, Priority.ALWAYS);
        dropSource.setId("reshard-drop-source");
        dropSource.setOnAction(e -> model.askToDropSource());
        resume.setId("reshard-result-resume");
        resume.setOnAction(e -> model.resume(model.outcomeProperty().get().record()));
        rollBack.setId("reshard-result-rollback");
        rollBack.setOnAction(e -> model.rollBack(model.outcomeProperty().get().record()));
        Button closeButton = new Button("Close");
        closeButton.setId("reshard-close");
        closeButton.setDefaultButton(true);
        closeButton.setOnAction(e -> close.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, dropSource, resume, rollBack, spacer, closeButton);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[]{dropSource, resume, rollBack}) {
            b.managedProperty().bind(b.visibleProperty());
        }
        return new VBox(10, headline, failure, cutover, verification, source, logPane, buttons);
    }

    private void showProgress(MoveProgress p) {
        if (p == null) {
            bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
            step.setText("Starting\u2026");
            figures.setText("");
            return;
        }
        double f = p.fraction();
        bar.setProgress(f < 0 ? ProgressBar.INDETERMINATE_PROGRESS : f);
        step.setText(p.state() + ": " + p.step());
        figures.setText(ReshardText.figures(p));
    }

    private void showOutcome(MoveOutcome o) {
        if (o == null || o.record() == null) {
            return;
        }
        MoveRecord r = o.record();
        String error = o.error() != null ? o.error() : r.lastError();
        boolean stopped = o.failed();
        headline.setText(ReshardText.headline(r, stopped ? error : null));
        Verification v = r.verification();
        boolean bad = stopped || v != null && !v.matched();
        headline.pseudoClassStateChanged(ReshardStyles.BAD, bad);
        headline.pseudoClassStateChanged(ReshardStyles.OK, !bad);
        failure.setText(stopped ? error : null);
        failure.setVisible(stopped);
        failure.setManaged(stopped);
        show(cutover, ReshardText.cutover(r.cutover()));
        show(verification, ReshardText.verification(v, r.plan().split() != null));
        verification.pseudoClassStateChanged(ReshardStyles.OK, v != null && v.matched());
        verification.pseudoClassStateChanged(ReshardStyles.BAD, v != null && !v.matched());
        source.setText(ReshardText.source(r));
        log.getItems().setAll(r.log());
        dropSource.setVisible(model.canDropSource());
        resume.setVisible(model.canResume());
        rollBack.setVisible(model.canRollBack());
    }

    private static void show(Label label, String text) {
        label.setText(text);
        label.setVisible(text != null);
        label.setManaged(text != null);
    }
}
