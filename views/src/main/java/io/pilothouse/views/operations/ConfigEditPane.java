package io.pilothouse.views.operations;

import io.pilothouse.views.operations.ConfigEditModel.Page;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Editing Patroni's dynamic configuration, on screen: the current configuration (read-only), the changes as
 * {@code KEY=VALUE} lines, the preview (the side-by-side diff and what is wrong with the result), then the typed
 * confirmation, progress and result of an {@link OperationProgressPane}. The state and the work are in its
 * {@link ConfigEditModel}; Apply stays disabled while there is no preview of the text as it stands, nothing changes,
 * or the preview has problems. Ctrl+Enter previews; Escape closes.
 */
public final class ConfigEditPane {

    private final ConfigEditModel model;
    private final Executor fx;
    private final StackPane root = new StackPane();
    private final VBox editPage;
    private final TextArea current = new TextArea();
    private final TextArea changes = new TextArea();
    private final Button previewButton = new Button("Preview");
    private final ProgressIndicator previewing = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
    private final ConfigDiffView diff = new ConfigDiffView();
    private final Label problems = new Label();
    private final Button apply = new Button();
    private final Button close = new Button("Close");
    private Runnable onClose = () -> { };
    private OperationProgressPane operation;

    /** @param fx where the operation's lines and outcome are applied (the FX thread in the app) */
    public ConfigEditPane(ConfigEditModel model, Executor fx) {
        this.model = Objects.requireNonNull(model, "model");
        this.fx = Objects.requireNonNull(fx, "fx");
        String clusterName = model.clusterName();
        root.getStyleClass().add(OperationStyles.CONFIG_EDIT);

        Label currentLabel = new Label("Current dynamic configuration of " + clusterName);
        currentLabel.getStyleClass().add(OperationStyles.CONFIRM_SUMMARY);
        current.setId("config-current");
        current.setEditable(false);
        current.setWrapText(false);
        current.textProperty().bind(model.currentProperty());
        model.currentFailedProperty().subscribe(f -> current.pseudoClassStateChanged(OperationStyles.DANGER, f));
        current.getStyleClass().add(OperationStyles.CONFIG_TEXT);
        VBox.setVgrow(current, Priority.ALWAYS);
        VBox left = new VBox(6, currentLabel, current);
        HBox.setHgrow(left, Priority.ALWAYS);
        left.setPrefWidth(420);

        Label changesLabel = new Label("Changes, one KEY=VALUE per line");
        changesLabel.getStyleClass().add(OperationStyles.CONFIRM_SUMMARY);
        changesLabel.setLabelFor(changes);
        changes.setId("config-changes");
        changes.getStyleClass().add(OperationStyles.CONFIG_TEXT);
        changes.textProperty().bindBidirectional(model.changesProperty());
        changes.setPromptText("loop_wait=5\npostgresql.parameters.work_mem=16MB\nmaximum_lag_on_failover=null");
        Label hint = new Label("VALUE is JSON when it parses (5, true, {\u2026}), else text (16MB); "
                + "null removes the key. Ctrl+Enter previews.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add(OperationStyles.CONFIRM_PROMPT);
        VBox.setVgrow(changes, Priority.ALWAYS);
        previewButton.setId("config-preview");
        previewing.setPrefSize(18, 18);
        previewing.visibleProperty().bind(model.previewingProperty());
        previewButton.disableProperty().bind(model.previewingProperty());
        HBox previewRow = new HBox(8, previewButton, previewing);
        previewRow.setAlignment(Pos.CENTER_LEFT);
        VBox right = new VBox(6, changesLabel, changes, hint, previewRow);
        HBox.setHgrow(right, Priority.ALWAYS);
        right.setPrefWidth(420);
        HBox top = new HBox(12, left, right);
        top.setPrefHeight(300);
        // The current configuration is what the user reads most; it grows with the window as the diff does.
        VBox.setVgrow(top, Priority.ALWAYS);

        problems.setId("config-problems");
        problems.setWrapText(true);
        problems.setMinHeight(Region.USE_PREF_SIZE);
        problems.getStyleClass().add(OperationStyles.FIELD_ERROR);
        model.problemsProperty().subscribe(this::showProblems);
        model.problemsAreNoticeProperty().subscribe(n -> problems.pseudoClassStateChanged(OperationStyles.NOTICE, n));
        model.previewProperty().subscribe(p -> diff.setRows(p == null ? List.of() : p.rows()));
        ((Region) diff.root()).setPrefHeight(180);
        VBox.setVgrow(diff.root(), Priority.ALWAYS);

        apply.setId("config-apply");
        apply.setText("Change the configuration of " + clusterName + "\u2026");
        apply.disableProperty().bind(model.canApplyBinding().not());
        close.setId("config-close");
        ButtonBar.setButtonData(apply, ButtonBar.ButtonData.OK_DONE);
        ButtonBar.setButtonData(close, ButtonBar.ButtonData.CANCEL_CLOSE);
        // The apply label is long; a Close as wide as it would look like the main action.
        ButtonBar.setButtonUniformSize(close, false);
        ButtonBar bar = new ButtonBar();
        bar.getButtons().setAll(apply, close);

        editPage = new VBox(10, top, diff.root(), problems, bar);
        editPage.getStyleClass().add(OperationStyles.CONFIG_EDIT_PAGE);
        root.getChildren().setAll(editPage);

        previewButton.setOnAction(e -> model.preview());
        apply.setOnAction(e -> confirm());
        close.setOnAction(e -> onClose.run());
        KeyCombination previewKey = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        editPage.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (previewKey.match(e)) {
                e.consume();
                model.preview();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                onClose.run();
            }
        });
        editPage.sceneProperty().subscribe(s -> {
            if (s != null) {
                changes.requestFocus();
            }
        });
    }

    /** The editor's state and work. */
    public ConfigEditModel model() {
        return model;
    }

    /** Runs when the user closes (Close, Escape, or the operation page's Close/Cancel). */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /** Asks for a preview of the changes as they stand. */
    public void preview() {
        model.preview();
    }

    private void showProblems(List<String> list) {
        problems.setText(list.size() == 1 ? list.get(0)
                : list.stream().map(s -> "\u2022 " + s).collect(Collectors.joining("\n")));
        problems.setVisible(!list.isEmpty());
        problems.setManaged(!list.isEmpty());
    }

    private void confirm() {
        OperationActions applying = model.applyPreviewed();
        if (applying == null) {
            return;
        }
        String clusterName = model.clusterName();
        OperationProgressPane op = OperationProgressPane.typed("Change the configuration of " + clusterName,
                clusterName, model.impact(), "Changing the configuration of " + clusterName + " \u2026", fx);
        op.model().setActions(applying);
        op.setOnCancel(() -> {
            root.getChildren().setAll(editPage);
            model.showOperation(false);
            operation = null;
            changes.requestFocus();
        });
        op.setOnClose(() -> onClose.run());
        operation = op;
        root.getChildren().setAll(op.root());
        model.showOperation(true);
        // The name field takes focus when its scene is set; it already is, so ask again.
        op.typedConfirmation().nameField().requestFocus();
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return model.pageProperty();
    }

    /** The operation page once the user asked to apply, else null. */
    public OperationProgressPane operation() {
        return operation;
    }

    public ConfigDiffView diffView() {
        return diff;
    }

    public TextArea changesArea() {
        return changes;
    }

    public TextArea currentArea() {
        return current;
    }

    public Button previewButton() {
        return previewButton;
    }

    public Button applyButton() {
        return apply;
    }

    /** The problems (or "nothing changes") line under the diff. */
    public Label problemsLabel() {
        return problems;
    }

    public Parent root() {
        return root;
    }
}
