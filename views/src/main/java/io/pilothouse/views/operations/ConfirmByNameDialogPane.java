package io.pilothouse.views.operations;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Objects;

/**
 * Confirmation of a risky operation by typing the cluster's name: says exactly what will be touched, and the
 * confirm button (named after the action, e.g. "Switch over demo to node2") stays disabled until the typed name
 * matches exactly. Enter confirms only when enabled; Escape cancels. Usable inside a {@link Dialog} (see
 * {@link #dialog}) or embedded in a wizard page, where {@link #setOnConfirm}/{@link #setOnCancel} report the choice.
 */
public final class ConfirmByNameDialogPane extends DialogPane {

    private final String clusterName;
    private final ButtonType confirmType;
    private final TextField nameField = new TextField();
    private final BooleanBinding matches;
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready", true);
    private final BooleanBinding canConfirm;
    private final VBox content;
    private final Label prompt;
    private Runnable onConfirm = () -> { };
    private Runnable onCancel = () -> { };

    /**
     * @param actionLabel the confirm button's label, naming the action and the thing at risk
     * @param clusterName the name the user must type
     * @param impact      what will be touched, in words (members, downtime, connections dropped…)
     */
    public ConfirmByNameDialogPane(String actionLabel, String clusterName, String impact) {
        this(actionLabel, clusterName, impact, "cluster name");
    }

    /**
     * @param whatToType what the typed name is, for the prompt ("partition name"); the other parameters as above
     */
    public ConfirmByNameDialogPane(String actionLabel, String clusterName, String impact, String whatToType) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(actionLabel, "actionLabel");
        getStyleClass().add(OperationStyles.CONFIRM);
        setHeaderText(null);

        Label summary = new Label(actionLabel + "?");
        summary.getStyleClass().add(OperationStyles.CONFIRM_SUMMARY);
        Label what = new Label(impact);
        what.setId("confirm-impact");
        what.setWrapText(true);
        what.setMinHeight(Region.USE_PREF_SIZE); // the whole impact, never an ellipsis
        what.getStyleClass().add(OperationStyles.CONFIRM_IMPACT);
        prompt = new Label("Type the " + whatToType + " \u201c" + clusterName + "\u201d to confirm:");
        prompt.setMnemonicParsing(false);
        prompt.setLabelFor(nameField);
        prompt.getStyleClass().add(OperationStyles.CONFIRM_PROMPT);
        nameField.setId("confirm-name");
        nameField.getStyleClass().add(OperationStyles.CONFIRM_NAME_FIELD);
        nameField.setPromptText(clusterName);
        content = new VBox(10, summary, what, prompt, nameField);
        content.setPrefWidth(460);
        setContent(content);

        confirmType = new ButtonType(actionLabel, ButtonBar.ButtonData.OK_DONE);
        getButtonTypes().setAll(confirmType, ButtonType.CANCEL);
        matches = Bindings.createBooleanBinding(() -> clusterName.equals(nameField.getText()),
                nameField.textProperty());
        canConfirm = matches.and(ready);
        nameField.textProperty().subscribe(t -> nameField.pseudoClassStateChanged(OperationStyles.MISMATCH,
                !t.isEmpty() && !matches.get()));

        Button confirm = confirmButton();
        confirm.setId("confirm-action");
        // The label names the thing at risk; an underscore in it (demo.orders_p3, a scope) is text, not a mnemonic.
        confirm.setMnemonicParsing(false);
        confirm.getStyleClass().add(OperationStyles.CONFIRM_BUTTON);
        // Never the default button (OK_DONE would make it one): Enter with the focus anywhere else, on Cancel
        // included, must not run a destructive action. Enter in the name field still confirms, once it matches.
        confirm.setDefaultButton(false);
        confirm.disableProperty().bind(canConfirm.not());
        // A disabled button does not fire, but a programmatic fire() must not slip through either.
        confirm.addEventFilter(ActionEvent.ACTION, e -> {
            if (!canConfirm.get()) {
                e.consume();
            }
        });
        confirm.addEventHandler(ActionEvent.ACTION, e -> onConfirm.run());
        Button cancel = cancelButton();
        cancel.setId("confirm-cancel");
        cancel.addEventHandler(ActionEvent.ACTION, e -> onCancel.run());

        // Enter in the field confirms only when the name matches; otherwise it does nothing (no default button).
        nameField.setOnAction(e -> {
            e.consume();
            if (canConfirm.get()) {
                confirm.fire();
            }
        });
        // Escape cancels also when the pane is embedded outside a Dialog (no cancel accelerator there).
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                cancel.fire();
            }
        });
        // The field is where the user has to go first; the confirm button must never start focused.
        sceneProperty().subscribe(s -> {
            if (s != null) {
                nameField.requestFocus();
            }
        });
    }

    /** The confirm button (its label names the action). */
    public Button confirmButton() {
        return (Button) lookupButton(confirmType);
    }

    /** The cancel button. */
    public Button cancelButton() {
        return (Button) lookupButton(ButtonType.CANCEL);
    }

    /** The field the cluster name is typed into. */
    public TextField nameField() {
        return nameField;
    }

    /** The name that must be typed. */
    public String clusterName() {
        return clusterName;
    }

    /** True while the typed name matches the cluster's name exactly. */
    public BooleanBinding matchesProperty() {
        return matches;
    }

    /**
     * A further condition of confirming, besides the name (e.g. "the schedule time parses"); true unless bound.
     */
    public BooleanProperty readyProperty() {
        return ready;
    }

    /** Adds {@code node} (options of the operation) below the impact, above the name prompt. */
    public void addDetails(Node node) {
        content.getChildren().add(content.getChildren().indexOf(prompt), node);
    }

    /** Runs when the user confirms (after the name matched). */
    public void setOnConfirm(Runnable action) {
        onConfirm = action == null ? () -> { } : action;
    }

    /** Runs when the user cancels (button or Escape). */
    public void setOnCancel(Runnable action) {
        onCancel = action == null ? () -> { } : action;
    }

    /**
     * A modal dialog around this pane whose result is true only when the user confirmed.
     *
     * @param owner the window it belongs to (may be null)
     * @param title the window title
     */
    public Dialog<Boolean> dialog(Window owner, String title) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setDialogPane(this);
        dialog.setResultConverter(type -> type == confirmType && canConfirm.get());
        return dialog;
    }
}
