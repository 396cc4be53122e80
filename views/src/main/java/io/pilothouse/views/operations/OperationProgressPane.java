package io.pilothouse.views.operations;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.Control;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Objects;

/**
 * One Patroni operation from confirmation to verified outcome, as three named steps in one pane: the confirmation
 * (typed cluster name for risky operations, one click for harmless ones), the progress (lines as the app pushes
 * them, an indeterminate indicator) and the result (the verified outcome with its figures, or the refusal/failure
 * in the danger tone with what to do). Pure JavaFX: the app starts the operation from {@link #setOnConfirm} and
 * pushes lines and the outcome in, on the FX thread.
 */
public final class OperationProgressPane {

    /** Where the pane is. */
    public enum Step {
        /** Asking the user to confirm; nothing sent yet. */
        CONFIRM,
        /** Confirmed; the app runs the operation and pushes progress lines. */
        RUNNING,
        /** The outcome is shown. */
        DONE
    }

    /** How the operation ended. */
    public enum Outcome {
        /** Done and its outcome verified. */
        SUCCEEDED,
        /** Refused before anything was sent (read-only, pre-check, invalid input). */
        REFUSED,
        /** Sent, and failed or its outcome was not seen in time. */
        FAILED
    }

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.CONFIRM);
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final StackPane root = new StackPane();
    private final Node confirmPage;
    private final ConfirmByNameDialogPane typed;
    private final Button oneClickConfirm;
    private final String runningText;

    private final VBox runPage;
    private final Label status = new Label();
    private final ProgressIndicator spinner = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
    private final ListView<String> lines = new ListView<>();
    private final Label note = new Label();
    private final VBox resultBox = new VBox(6);
    private final Label resultTitle = new Label();
    private final Label resultMessage = new Label();
    private final VBox resultFigures = new VBox(2);
    private final Button close = new Button("Cancel");

    private Runnable onConfirm = () -> { };
    private Runnable onCancel = () -> { };
    private Runnable onClose = () -> { };

    private OperationProgressPane(ConfirmByNameDialogPane typed, Node oneClickPage, Button oneClickConfirm,
                                  String runningText) {
        this.typed = typed;
        this.oneClickConfirm = oneClickConfirm;
        this.runningText = Objects.requireNonNull(runningText, "runningText");
        this.confirmPage = typed != null ? typed : oneClickPage;
        if (typed != null) {
            typed.setOnConfirm(this::confirmed);
            typed.setOnCancel(() -> onCancel.run());
        }
        root.getStyleClass().add(OperationStyles.OPERATION);
        root.setPrefWidth(560);
        // Sized for the progress page: a window sized to the (shorter) confirmation would squeeze the lines away.
        root.setPrefHeight(460);
        runPage = buildRunPage();
        root.getChildren().setAll(confirmPage);
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && step.get() != Step.CONFIRM) {
                e.consume();
                close.fire();
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
        return new OperationProgressPane(new ConfirmByNameDialogPane(actionLabel, clusterName, impact), null, null,
                runningText);
    }

    /** A harmless operation (reload): one click, Enter confirms, Escape cancels. */
    public static OperationProgressPane oneClick(String actionLabel, String impact, String runningText) {
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
        OperationProgressPane pane = new OperationProgressPane(null, page, confirm, runningText);
        confirm.setOnAction(e -> pane.confirmed());
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

    private VBox buildRunPage() {
        status.setId("operation-status");
        status.getStyleClass().add(OperationStyles.OPERATION_STATUS);
        spinner.setId("operation-spinner");
        spinner.setPrefSize(22, 22);
        HBox head = new HBox(10, spinner, status);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        lines.setId("operation-lines");
        lines.getStyleClass().add(OperationStyles.OPERATION_LINES);
        lines.setFocusTraversable(false);
        lines.setPrefHeight(180);
        lines.setMinWidth(120); // long lines wrap in their cells; they must not widen the window past its edge
        lines.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
                setMaxWidth(Control.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
            }
        });
        lines.setPlaceholder(new Label("Waiting for the first answer …"));
        VBox.setVgrow(lines, Priority.ALWAYS);
        note.setId("operation-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add(OperationStyles.OPERATION_NOTE);
        note.setText("Cancel closes this window only: the operation continues on the server, and its outcome is "
                + "recorded in the audit log.");
        resultTitle.setId("operation-result-title");
        resultTitle.getStyleClass().add(OperationStyles.RESULT_TITLE);
        resultMessage.setId("operation-result");
        resultMessage.setWrapText(true);
        resultMessage.setMinHeight(Region.USE_PREF_SIZE);
        resultMessage.getStyleClass().add(OperationStyles.RESULT_MESSAGE);
        resultFigures.setId("operation-figures");
        resultBox.getChildren().setAll(resultTitle, resultMessage, resultFigures);
        resultBox.getStyleClass().add(OperationStyles.RESULT);
        resultBox.setVisible(false);
        resultBox.setManaged(false);
        close.setId("operation-close");
        close.setOnAction(e -> onClose.run());
        ButtonBar.setButtonData(close, ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonBar bar = new ButtonBar();
        bar.getButtons().setAll(close);
        VBox page = new VBox(10, head, lines, note, resultBox, bar);
        page.getStyleClass().add(OperationStyles.OPERATION_RUN);
        return page;
    }

    private void confirmed() {
        if (step.get() != Step.CONFIRM) {
            return; // a second Enter must not start it twice
        }
        status.setText(runningText);
        root.getChildren().setAll(runPage);
        step.set(Step.RUNNING);
        close.requestFocus();
        onConfirm.run();
    }

    /** Appends a progress line (FX thread). Ignored once the outcome is shown. */
    public void appendProgress(String line) {
        if (step.get() == Step.DONE) {
            return;
        }
        lines.getItems().add(line);
        lines.scrollTo(lines.getItems().size() - 1);
    }

    /**
     * Shows the verified outcome.
     *
     * @param verified what was seen afterwards, in words
     * @param figures  timings and Patroni's answers, one line each
     */
    public void showSucceeded(String verified, List<String> figures) {
        finish(Outcome.SUCCEEDED, "Done \u2014 verified", verified, figures, null);
    }

    /** Shows a refusal: nothing was sent. {@code message} says why and what to do. */
    public void showRefused(String message) {
        finish(Outcome.REFUSED, "Refused \u2014 nothing was sent", message, List.of(),
                "Nothing changed on the cluster; fix what the message says and try again.");
    }

    /** Shows a failure: the command was sent and failed, or its outcome was not seen in time. */
    public void showFailed(String message) {
        finish(Outcome.FAILED, "Failed", message, List.of(),
                "The command may have been applied in part: look at the cluster (topology, audit log) before "
                        + "trying again.");
    }

    private void finish(Outcome how, String title, String message, List<String> figures, String advice) {
        if (step.get() == Step.CONFIRM) {
            root.getChildren().setAll(runPage);
        }
        spinner.setVisible(false);
        spinner.setManaged(false);
        status.setText(switch (how) {
            case SUCCEEDED -> "Finished";
            case REFUSED -> "Refused";
            case FAILED -> "Stopped without the expected outcome";
        });
        lines.setPlaceholder(new Label("No progress was reported."));
        resultTitle.setText(title);
        resultMessage.setText(message);
        resultFigures.getChildren().clear();
        for (String f : figures) {
            Label l = new Label(f);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add(OperationStyles.RESULT_FIGURE);
            resultFigures.getChildren().add(l);
        }
        if (advice != null) {
            Label l = new Label(advice);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add(OperationStyles.RESULT_FIGURE);
            resultFigures.getChildren().add(l);
        }
        resultBox.pseudoClassStateChanged(OperationStyles.DANGER, how != Outcome.SUCCEEDED);
        resultBox.pseudoClassStateChanged(OperationStyles.SUCCESS, how == Outcome.SUCCEEDED);
        resultBox.setVisible(true);
        resultBox.setManaged(true);
        note.setVisible(false);
        note.setManaged(false);
        close.setText("Close");
        close.setDefaultButton(true);
        outcome.set(how);
        step.set(Step.DONE);
        close.requestFocus();
    }

    /** Runs when the user confirms: start the operation (off the FX thread). */
    public void setOnConfirm(Runnable action) {
        onConfirm = action == null ? () -> { } : action;
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
        return close;
    }

    /** The progress lines shown so far. */
    public List<String> progressLines() {
        return List.copyOf(lines.getItems());
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Null until {@link Step#DONE}. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }
}
