package io.pilothouse.views.operations;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ObjectProperty;
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

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Editing Patroni's dynamic configuration: the current configuration (read-only), the changes as {@code KEY=VALUE}
 * lines, a preview asked of the app (the side-by-side diff and what is wrong with the result), then the typed
 * confirmation, progress and result of an {@link OperationProgressPane}. Apply stays disabled while there is no
 * preview of the text as it stands, nothing changes, or the preview has problems. Ctrl+Enter previews; Escape
 * closes.
 */
public final class ConfigEditPane {

    /** Which page is shown. */
    public enum Page {
        /** The current configuration, the changes and their preview. */
        EDIT,
        /** Confirmation, progress and result of applying the previewed changes. */
        OPERATION
    }

    /**
     * What the changes would do.
     *
     * @param rows     the settings that change (before/after)
     * @param problems what is wrong with the result, in words; apply is disabled unless empty
     */
    public record Preview(List<DiffRow> rows, List<String> problems) {

        public Preview {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }

        /** True when at least one setting changes. */
        public boolean hasChanges() {
            return rows.stream().anyMatch(DiffRow::changed);
        }
    }

    private final String clusterName;
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page", Page.EDIT);
    private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>(this, "preview");
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
    private Function<List<String>, CompletionStage<Preview>> previewer;
    private BiConsumer<List<String>, OperationProgressPane> onApply = (l, p) -> { };
    private Runnable onClose = () -> { };
    private List<String> previewedLines = List.of();
    private OperationProgressPane operation;
    private long previewSeq;

    /** @param clusterName the cluster whose configuration is edited (typed to confirm) */
    public ConfigEditPane(String clusterName) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        root.getStyleClass().add(OperationStyles.CONFIG_EDIT);

        Label currentLabel = new Label("Current dynamic configuration of " + clusterName);
        currentLabel.getStyleClass().add(OperationStyles.CONFIRM_SUMMARY);
        current.setId("config-current");
        current.setEditable(false);
        current.setWrapText(false);
        current.setText("Reading the configuration \u2026");
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
        changes.setPromptText("loop_wait=5\npostgresql.parameters.work_mem=16MB\nmaximum_lag_on_failover=null");
        Label hint = new Label("VALUE is JSON when it parses (5, true, {\u2026}), else text (16MB); "
                + "null removes the key. Ctrl+Enter previews.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add(OperationStyles.CONFIRM_PROMPT);
        VBox.setVgrow(changes, Priority.ALWAYS);
        previewButton.setId("config-preview");
        previewing.setPrefSize(18, 18);
        previewing.setVisible(false);
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
        problems.setVisible(false);
        problems.setManaged(false);
        ((Region) diff.root()).setPrefHeight(180);
        VBox.setVgrow(diff.root(), Priority.ALWAYS);

        apply.setId("config-apply");
        apply.setText("Change the configuration of " + clusterName + "\u2026");
        apply.disableProperty().bind(preview.map(p -> !p.hasChanges() || !p.problems().isEmpty()).orElse(true));
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

        previewButton.setOnAction(e -> preview());
        apply.setOnAction(e -> confirm());
        close.setOnAction(e -> onClose.run());
        // A preview is of the text as it was: any edit makes it stale, and apply waits for a new one.
        changes.textProperty().subscribe(t -> {
            if (preview.get() != null && !lines(t).equals(previewedLines)) {
                preview.set(null);
                diff.setRows(List.of());
                showProblems(List.of());
            }
        });
        KeyCombination previewKey = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        editPage.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (previewKey.match(e)) {
                e.consume();
                preview();
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

    /** The non-blank lines that are not comments ({@code #}), stripped: what is previewed and applied. */
    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableList());
    }

    /** Shows the configuration as read (FX thread). */
    public void setCurrentConfiguration(String text) {
        current.setText(text);
        current.pseudoClassStateChanged(OperationStyles.DANGER, false);
    }

    /** Says the configuration could not be read, and what to do (FX thread). */
    public void showConfigurationError(String message) {
        current.setText("Could not read the configuration: " + message);
        current.pseudoClassStateChanged(OperationStyles.DANGER, true);
    }

    /**
     * How a preview is obtained: the app parses the lines and asks Patroni (off the FX thread). The stage may
     * complete on any thread; a failed stage is shown as a problem.
     */
    public void setPreviewer(Function<List<String>, CompletionStage<Preview>> previewer) {
        this.previewer = previewer;
    }

    /**
     * Runs when the user confirmed the previewed changes: the app applies exactly {@code lines} and pushes progress
     * and the outcome into the pane (FX thread).
     */
    public void setOnApply(BiConsumer<List<String>, OperationProgressPane> action) {
        onApply = action == null ? (l, p) -> { } : action;
    }

    /** Runs when the user closes (Close, Escape, or the operation page's Close/Cancel). */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    /** Asks for a preview of the changes as they stand. */
    public void preview() {
        if (previewer == null || page.get() != Page.EDIT) {
            return;
        }
        List<String> asked = lines(changes.getText());
        if (asked.isEmpty()) {
            preview.set(null);
            diff.setRows(List.of());
            showProblems(List.of("Write at least one change, e.g. loop_wait=5."));
            return;
        }
        long seq = ++previewSeq;
        previewing.setVisible(true);
        previewButton.setDisable(true);
        previewer.apply(asked).whenComplete((p, failure) -> Platform.runLater(() -> {
            if (seq != previewSeq) {
                return; // an older answer
            }
            previewing.setVisible(false);
            previewButton.setDisable(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                        ? failure.getCause() : failure;
                preview.set(null);
                diff.setRows(List.of());
                showProblems(List.of(cause.getMessage() == null ? cause.toString() : cause.getMessage()));
                return;
            }
            if (!asked.equals(lines(changes.getText()))) {
                return; // edited while the preview was read: the user previews again
            }
            previewedLines = asked;
            diff.setRows(p.rows());
            List<String> shown = p.problems().isEmpty() && !p.hasChanges()
                    ? List.of("Nothing changes: every key already has this value.") : p.problems();
            showProblems(shown);
            problems.pseudoClassStateChanged(OperationStyles.NOTICE, p.problems().isEmpty());
            preview.set(p);
        }));
    }

    private void showProblems(List<String> list) {
        problems.pseudoClassStateChanged(OperationStyles.NOTICE, false);
        problems.setText(list.size() == 1 ? list.get(0)
                : list.stream().map(s -> "\u2022 " + s).collect(Collectors.joining("\n")));
        problems.setVisible(!list.isEmpty());
        problems.setManaged(!list.isEmpty());
    }

    private void confirm() {
        Preview p = preview.get();
        if (p == null || !p.hasChanges() || !p.problems().isEmpty()) {
            return;
        }
        List<DiffRow> changed = p.rows().stream().filter(DiffRow::changed).toList();
        String what = changed.stream().map(r -> r.key() + ": " + shown(r.before()) + " \u2192 " + shown(r.after()))
                .collect(Collectors.joining("; "));
        String impact = changed.size() + (changed.size() == 1 ? " setting" : " settings") + " of " + clusterName
                + " change on every member (" + what + "). Patroni applies them on its next loop; a PostgreSQL "
                + "parameter that needs a restart leaves a restart pending on each member until you restart it.";
        OperationProgressPane op = OperationProgressPane.typed("Change the configuration of " + clusterName,
                clusterName, impact, "Changing the configuration of " + clusterName + " \u2026");
        List<String> toApply = previewedLines;
        op.setOnCancel(() -> {
            root.getChildren().setAll(editPage);
            page.set(Page.EDIT);
            operation = null;
            changes.requestFocus();
        });
        op.setOnClose(() -> onClose.run());
        op.setOnConfirm(() -> onApply.accept(toApply, op));
        operation = op;
        root.getChildren().setAll(op.root());
        page.set(Page.OPERATION);
        // The name field takes focus when its scene is set; it already is, so ask again.
        op.typedConfirmation().nameField().requestFocus();
    }

    private static String shown(String v) {
        return v == null ? ConfigDiffView.UNSET : v;
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
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
