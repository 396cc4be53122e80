package io.pilothouse.views.operations;

import io.pilothouse.views.operations.OperationProgressModel.Outcome;
import io.pilothouse.views.operations.OperationProgressModel.Step;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * One Patroni operation from confirmation to verified outcome, as three named steps in one pane: the confirmation
 * (typed cluster name for risky operations, one click for harmless ones), the progress (lines as they come, an
 * indeterminate indicator) and the result (the verified outcome with its figures, or the refusal/failure in the
 * danger tone with what to do). The state and the work are in its {@link OperationProgressModel}: the app sets the
 * model's {@link OperationActions}, which confirming runs; this pane only binds.
 */
public final class OperationProgressPane {

    private final OperationProgressModel model;
    private final StackPane root = new StackPane();
    private final Node confirmPage;
    private final ConfirmByNameDialogPane typed;
    private final Button oneClickConfirm;
    private final OperationRunPage runPage;
    private Runnable onCancel = () -> { };
    private Runnable onClose = () -> { };

    private OperationProgressPane(ConfirmByNameDialogPane typed, Node oneClickPage, Button oneClickConfirm,
                                  OperationProgressModel model) {
        this.model = model;
        this.typed = typed;
        this.oneClickConfirm = oneClickConfirm;
        this.confirmPage = typed != null ? typed : oneClickPage;
        if (typed != null) {
            typed.setOnConfirm(model::confirm);
            typed.setOnCancel(() -> onCancel.run());
        }
        root.getStyleClass().add(OperationStyles.OPERATION);
        root.setPrefWidth(560);
        // Sized for the progress page: a window sized to the (shorter) confirmation would squeeze the lines away.
        root.setPrefHeight(460);
        runPage = new OperationRunPage(model, () -> onClose.run());
        root.getChildren().setAll(confirmPage);
        model.stepProperty().subscribe(s -> {
            if (s != Step.CONFIRM && root.getChildren().get(0) != runPage.root()) {
                root.getChildren().setAll(runPage.root());
                runPage.closeButton().requestFocus();
            }
        });
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.stepProperty().get() != Step.CONFIRM) {
                e.consume();
                runPage.closeButton().fire();
            }
        });
    }

    /**
     * A risky operation: confirmed by typing the cluster's name.
     *
     * @param actionLabel the confirm button, naming the action and the thing at risk ("Restart node2")
     * @param clusterName the name to type
     * @param impact      what will be touched, in words
     * @param runningText the status while it runs ("Restarting node2 …")
     */
    public static OperationProgressPane typed(String actionLabel, String clusterName, String impact,
                                              String runningText) {
        return typed(actionLabel, clusterName, impact, runningText, Runnable::run);
    }

    /** As {@link #typed(String, String, String, String)}, its lines and outcome applied on {@code fx}. */
    public static OperationProgressPane typed(String actionLabel, String clusterName, String impact,
                                              String runningText, Executor fx) {
        return new OperationProgressPane(new ConfirmByNameDialogPane(actionLabel, clusterName, impact), null, null,
                new OperationProgressModel(runningText, fx));
    }

    /** A harmless operation (reload): one click, Enter confirms, Escape cancels. */
    public static OperationProgressPane oneClick(String actionLabel, String impact, String runningText) {
        return oneClick(actionLabel, impact, runningText, Runnable::run);
    }

    /** As {@link #oneClick(String, String, String)}, its lines and outcome applied on {@code fx}. */
    public static OperationProgressPane oneClick(String actionLabel, String impact, String runningText, Executor fx) {
        Label summary = new Label(actionLabel + "?");
        summary.getStyleClass().add(OperationStyles.CONFIRM_SUMMARY);
        Label what = new Label(impact);
        what.setId("confirm-impact");
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE);
        what.getStyleClass().add(OperationStyles.CONFIRM_IMPACT);
        Button confirm = new Button(actionLabel);
        confirm.setId("confirm-action");
        confirm.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setId("confirm-cancel");
        cancel.setCancelButton(true);
        ButtonBar.setButtonData(confirm, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonBar bar = new ButtonBar();
        bar.getButtons().setAll(confirm, cancel);
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        VBox page = new VBox(10, summary, what, spacer, bar);
        page.getStyleClass().add(OperationStyles.ONE_CLICK);
        OperationProgressPane pane = new OperationProgressPane(null, page, confirm,
                new OperationProgressModel(runningText, fx));
        confirm.setOnAction(e -> pane.model.confirm());
        cancel.setOnAction(e -> pane.onCancel.run());
        // Escape also without a Dialog around the page (cancelButton needs the button in a scene: it is).
        page.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                cancel.fire();
            }
        });
        page.sceneProperty().subscribe(s -> {
            if (s != null) {
                confirm.requestFocus();
            }
        });
        return pane;
    }

    /** The operation's state; the app sets its actions. */
    public OperationProgressModel model() {
        return model;
    }

    /** Runs when the user confirms, before the model's actions start. */
    public void setOnConfirm(Runnable action) {
        model.setOnConfirm(action);
    }

    /** Appends a progress line (FX thread). Ignored once the outcome is shown. */
    public void appendProgress(String line) {
        model.appendProgress(line);
    }

    /** Shows the verified outcome: {@code verified} in words, the figures one line each. */
    public void showSucceeded(String verified, List<String> figures) {
        model.showSucceeded(verified, figures);
    }

    /** Shows a refusal: nothing was sent. {@code message} says why and what to do. */
    public void showRefused(String message) {
        model.showRefused(message);
    }

    /** Shows a failure: the command was sent and failed, or its outcome was not seen in time. */
    public void showFailed(String message) {
        model.showFailed(message);
    }

    /** Runs when the user declines at the confirmation (nothing was sent). */
    public void setOnCancel(Runnable action) {
        onCancel = action == null ? () -> { } : action;
    }

    /** Runs when the user closes the pane while it runs (it goes on on the server) or after the outcome. */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /**
     * Adds options below the impact on the confirmation page (restart's pending-only and schedule). Typed
     * confirmations only.
     */
    public void addConfirmationDetails(Node details) {
        if (typed == null) {
            throw new IllegalStateException("options need a typed confirmation");
        }
        typed.addDetails(details);
    }

    /** A further condition of confirming (e.g. a valid schedule time); typed confirmations only. */
    public BooleanProperty confirmReadyProperty() {
        if (typed == null) {
            throw new IllegalStateException("only a typed confirmation has further conditions");
        }
        return typed.readyProperty();
    }

    /** The confirm button (its label names the action). */
    public Button confirmButton() {
        return typed != null ? typed.confirmButton() : oneClickConfirm;
    }

    /** The typed confirmation, or null for a one-click one. */
    public ConfirmByNameDialogPane typedConfirmation() {
        return typed;
    }

    /** The Cancel (while running) / Close (when done) button. */
    public Button closeButton() {
        return runPage.closeButton();
    }

    /** The progress lines shown so far. */
    public List<String> progressLines() {
        return List.copyOf(model.lines());
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return model.stepProperty();
    }

    /** Null until {@link Step#DONE}. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return model.outcomeProperty();
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }
}
