package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.indoubt.InDoubtResolveModel.Choice;
import io.pilothouse.views.indoubt.InDoubtResolveModel.Result;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolving one global transaction, on screen: a choice box per branch, the role to connect as and the statements;
 * then a typed confirmation naming the count and the nodes; then what became of each branch. The state and the work
 * are in its {@link InDoubtResolveModel}; this pane only binds. FX thread only.
 */
public final class InDoubtResolvePane {

    private final InDoubtResolveModel model;
    private final BorderPane root = new BorderPane();
    private final Map<String, ComboBox<Choice>> choices = new LinkedHashMap<>();
    private final TextField asUser = new TextField();
    private final TextArea preview = new TextArea();
    private final Button next = new Button("Review and confirm…");
    private final Button cancel = new Button("Cancel");
    private final Map<String, Label> results = new LinkedHashMap<>();
    private final Label outcome = new Label();
    private final Node choosePage;
    private ConfirmByNameDialogPane confirm;
    private Runnable onClose = () -> { };

    public InDoubtResolvePane(InDoubtResolveModel model) {
        this.model = model;
        root.getStyleClass().addAll(InDoubtStyles.INDOUBT, InDoubtStyles.RESOLVE);
        root.getProperties().put(InDoubtResolvePane.class, this);
        root.setPadding(new Insets(16));
        choosePage = buildChoosePage();
        root.setCenter(choosePage);
        // Escape leaves from the first page and after the end; the confirmation handles it itself (back), and
        // nothing closes the window while branches are being resolved.
        root.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE
                    && (root.getCenter() == choosePage || model.finishedProperty().get())) {
                e.consume();
                onClose.run();
            }
        });
    }

    public Parent root() {
        return root;
    }

    public InDoubtResolveModel model() {
        return model;
    }

    /** Called when the user closes the pane (Cancel on the first page, Close at the end). */
    public void setOnClose(Runnable r) {
        onClose = r == null ? () -> { } : r;
    }

    /** The choice box of a participant's branch. */
    public ComboBox<Choice> choice(String participant) {
        return choices.get(participant);
    }

    /** The preview of the statements. */
    public String previewText() {
        return preview.getText();
    }

    public Button nextButton() {
        return next;
    }

    public TextField asUserField() {
        return asUser;
    }

    /** The confirmation, once Next was pressed (null before). */
    public ConfirmByNameDialogPane confirmation() {
        return confirm;
    }

    /** What became of a participant's branch, in words (null before it was tried). */
    public String result(String participant) {
        Label l = results.get(participant);
        return l == null ? null : l.getText();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return model.finishedProperty();
    }

    public String confirmWord() {
        return model.confirmWord();
    }

    private Node buildChoosePage() {
        AdvisedTransaction transaction = model.transaction();
        Advice advice = transaction.advice();
        Label title = new Label("Resolve " + transaction.transaction().globalId());
        title.getStyleClass().add(InDoubtStyles.DETAILS_TITLE);
        Label adviceLine = new Label("Advice: " + advice.summary());
        adviceLine.setId("resolve-advice");
        adviceLine.setWrapText(true);
        adviceLine.getStyleClass().add(InDoubtStyles.ADVICE);
        adviceLine.pseudoClassStateChanged(InDoubtStyles.tone(advice.action()), true);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.addRow(0, header("Participant"), header("Node"), header("Database"), header("Gid"), header("Action"));
        int row = 1;
        for (Map.Entry<String, PreparedBranch> e : transaction.transaction().branches().entrySet()) {
            PreparedBranch b = e.getValue();
            ComboBox<Choice> box = new ComboBox<>();
            box.getItems().setAll(Choice.values());
            box.valueProperty().bindBidirectional(model.choices().get(e.getKey()));
            box.setId("choice-" + e.getKey());
            choices.put(e.getKey(), box);
            Label gid = new Label(GidText.quoted(b.gid()));
            gid.setMnemonicParsing(false);
            grid.addRow(row++, new Label(e.getKey()), new Label(b.node().label()), new Label(b.database()), gid, box);
        }
        for (String missing : transaction.transaction().missing()) {
            Label l = new Label("no branch on " + missing + " (committed or rolled back there, or never prepared)");
            l.getStyleClass().add("ph-muted");
            grid.add(l, 0, row++, 5, 1);
        }
        Label note = new Label(model.mustDecide()
                ? "The advice cannot tell: choose Commit or Roll back for each branch yourself."
                : "Each choice defaults to the advice; Skip leaves a branch prepared.");
        note.setId("resolve-note");
        note.setWrapText(true);

        Label asLabel = new Label("Connect as (blank = each branch's owner):");
        asLabel.setLabelFor(asUser);
        asUser.setId("resolve-as");
        asUser.setPromptText("owner");
        asUser.textProperty().bindBidirectional(model.asUserProperty());
        HBox asRow = new HBox(8, asLabel, asUser);
        asRow.setAlignment(Pos.CENTER_LEFT);

        Label previewTitle = new Label("STATEMENTS (standard_conforming_strings on, autocommit)");
        previewTitle.getStyleClass().add(InDoubtStyles.SECTION_TITLE);
        preview.setId("resolve-preview");
        preview.setEditable(false);
        preview.setWrapText(false);
        preview.setPrefRowCount(8);
        preview.getStyleClass().add(InDoubtStyles.PREVIEW);
        preview.textProperty().bind(model.previewProperty());
        VBox.setVgrow(preview, Priority.ALWAYS);

        next.setId("resolve-next");
        // Not the default button: Enter in the role field or on a choice must not lead to a COMMIT confirmation.
        next.setOnAction(e -> showConfirm());
        next.disableProperty().bind(model.planEmptyProperty());
        cancel.setId("resolve-cancel");
        cancel.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, cancel, next);

        VBox page = new VBox(10, title, adviceLine, grid, note, asRow, previewTitle, preview, buttons);
        page.getStyleClass().add(InDoubtStyles.DETAILS);
        return page;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(InDoubtStyles.SECTION_TITLE);
        return l;
    }

    private void showConfirm() {
        if (model.planned().isEmpty()) {
            return;
        }
        confirm = new ConfirmByNameDialogPane(model.actionLabel(), model.confirmWord(), model.impact());
        Label statements = new Label(preview.getText().strip());
        statements.setWrapText(true);
        statements.setMnemonicParsing(false);
        statements.setMinHeight(Region.USE_PREF_SIZE);
        statements.getStyleClass().add(InDoubtStyles.PREVIEW);
        statements.setId("confirm-statements");
        ((Region) confirm.getContent()).setPrefWidth(760);
        // The button names every node: never an ellipsis.
        ButtonBar.setButtonUniformSize(confirm.confirmButton(), false);
        ButtonBar.setButtonUniformSize(confirm.cancelButton(), false);
        confirm.confirmButton().setMinWidth(Region.USE_PREF_SIZE);
        confirm.addDetails(statements);
        confirm.setOnCancel(() -> root.setCenter(choosePage));
        confirm.setOnConfirm(this::run);
        root.setCenter(confirm);
    }

    private void run() {
        VBox lines = new VBox(6);
        Label title = new Label(model.actionLabel());
        title.getStyleClass().add(InDoubtStyles.DETAILS_TITLE);
        lines.getChildren().add(title);
        for (String participant : model.planned()) {
            Label l = new Label(participant + ": waiting");
            l.setId("result-" + participant);
            l.setWrapText(true);
            l.setMnemonicParsing(false);
            l.getStyleClass().add(InDoubtStyles.RESULT);
            results.put(participant, l);
            lines.getChildren().add(l);
        }
        model.results().addListener((MapChangeListener<String, Result>) c -> {
            if (c.wasAdded()) {
                show(results.get(c.getKey()), c.getValueAdded());
            }
        });
        outcome.setId("resolve-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        Button close = new Button("Close");
        close.setId("resolve-close");
        close.setOnAction(e -> onClose.run());
        close.disableProperty().bind(model.finishedProperty().not());
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        lines.getChildren().addAll(outcome, spacer, buttons);
        lines.getStyleClass().add(InDoubtStyles.DETAILS);
        ScrollPane scroll = new ScrollPane(lines);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        root.setCenter(scroll);
        model.resolve();
    }

    private static void show(Label line, Result r) {
        if (line == null) {
            return;
        }
        line.setText(r.text());
        line.pseudoClassStateChanged(InDoubtStyles.OK, r.tone() == InDoubtResolveModel.Tone.OK);
        line.pseudoClassStateChanged(InDoubtStyles.WARN, r.tone() == InDoubtResolveModel.Tone.WARN);
        line.pseudoClassStateChanged(InDoubtStyles.DANGER, r.tone() == InDoubtResolveModel.Tone.DANGER);
    }
}
