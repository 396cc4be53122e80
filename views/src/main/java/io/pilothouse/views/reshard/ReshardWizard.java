package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.EnumMap;
import java.util.Map;

/**
 * The resharding wizard: unfinished moves first (resume / roll back), then choose move or split, a partition and a
 * target server, plan, preview (notes, guard-rail refusals, every statement), confirm by typing the partition's name
 * on a button naming the move or split, watch progress, and read the result. One page at a time in one window; Escape closes outside the
 * confirmation and while nothing runs.
 */
public final class ReshardWizard {

    private final ReshardWizardModel model;
    private final VBox root = new VBox(12);
    private final Label error = new Label();
    private final StackPane pages = new StackPane();
    private final Map<ReshardPage, Node> byPage = new EnumMap<>(ReshardPage.class);
    private final VBox unfinishedRows = new VBox(8);
    private final VBox confirmPage = new VBox();
    private final Label planSummary = new Label();
    private final Label planSize = new Label();
    private final VBox notes = new VBox(4);
    private final VBox refusals = new VBox(4);
    private final TextArea statements = new TextArea();
    private final Button move = new Button("Move…");
    private final ReshardRunPages run;
    private Subscription subscriptions = Subscription.EMPTY;
    private Runnable onClose = () -> { };

    public ReshardWizard(ReshardWizardModel model) {
        this.model = model;
        this.run = new ReshardRunPages(model, () -> onClose.run());
        root.getStyleClass().add(ReshardStyles.WIZARD);
        root.getProperties().put(ReshardWizard.class, this);
        root.setPadding(new Insets(16));
        Label title = new Label("Move or split a partition \u2014 " + model.cluster());
        title.setId("reshard-title");
        title.getStyleClass().add(ReshardStyles.TITLE);
        Label subtitle = new Label("Online: the partition (for a split, the half that leaves) is copied and kept up "
                + "to date by logical replication, writes are blocked briefly for the cutover and both sides are "
                + "verified. A move keeps its source until you drop it; a split deletes the rows that left.");
        subtitle.getStyleClass().add("ph-muted");
        subtitle.setWrapText(true);
        error.setId("reshard-error");
        error.getStyleClass().add(ReshardStyles.ERROR);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        byPage.put(ReshardPage.UNFINISHED, unfinishedPage());
        byPage.put(ReshardPage.CHOOSE, new ReshardChoosePage(model, () -> onClose.run()).build(this::keep));
        byPage.put(ReshardPage.PREVIEW, previewPage());
        confirmPage.setAlignment(Pos.TOP_CENTER);
        confirmPage.setPadding(new Insets(30, 0, 0, 0));
        byPage.put(ReshardPage.CONFIRM, confirmPage);
        byPage.put(ReshardPage.PROGRESS, run.progressPage());
        byPage.put(ReshardPage.RESULT, run.resultPage());
        pages.getChildren().addAll(byPage.values());
        VBox.setVgrow(pages, Priority.ALWAYS);
        root.getChildren().addAll(new VBox(2, title, subtitle), error, pages);
        root.setPrefSize(1000, 680);

        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            ReshardPage p = model.pageProperty().get();
            if (e.getCode() == KeyCode.ESCAPE && p != ReshardPage.CONFIRM && p != ReshardPage.PROGRESS) {
                e.consume();
                onClose.run();
            }
        });
        subscriptions = subscriptions.and(model.pageProperty().subscribe(this::showPage))
                .and(model.reviewProperty().subscribe(this::showReview))
                .and(run.subscribe());
    }

    /** The node to put in a scene. */
    public Parent root() {
        return root;
    }

    /** The model (tests). */
    public ReshardWizardModel model() {
        return model;
    }

    /** What Close (and Escape) does: the app closes the window. */
    public void setOnClose(Runnable action) {
        onClose = action == null ? () -> { } : action;
    }

    private void keep(Subscription s) {
        subscriptions = subscriptions.and(s);
    }

    /** Removes listeners; call when the window closes. */
    public void dispose() {
        subscriptions.unsubscribe();
    }

    private Node unfinishedPage() {
        Label hint = new Label("A previous run left these moves unfinished. Take each to the end or undo it before "
                + "planning another move of the same partition.");
        hint.setWrapText(true);
        unfinishedRows.setId("reshard-unfinished");
        unfinishedRows.getStyleClass().add(ReshardStyles.UNFINISHED);
        subscriptions = subscriptions.and(model.unfinished().subscribe(() -> unfinishedRows.getChildren()
                .setAll(model.unfinished().stream().map(this::unfinishedRow).toList())));
        Button fresh = new Button("Plan a new move");
        fresh.setId("reshard-new-move");
        fresh.setOnAction(e -> model.chooseNew());
        Button close = new Button("Close");
        close.setOnAction(e -> onClose.run());
        return new VBox(12, hint, unfinishedRows, buttons(close, fresh));
    }

    private Node unfinishedRow(MoveRecord r) {
        Label text = new Label(ReshardText.unfinished(r));
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button resume = new Button("Resume");
        resume.setId("reshard-resume-" + r.id());
        resume.setOnAction(e -> model.resume(r));
        Button rollBack = new Button("Roll back");
        rollBack.setId("reshard-rollback-" + r.id());
        rollBack.setOnAction(e -> model.rollBack(r));
        rollBack.setDisable(model.isReadOnly() || r.state().pastCutover());
        resume.setDisable(model.isReadOnly());
        // The sentence wraps; the buttons keep their words.
        resume.setMinWidth(Region.USE_PREF_SIZE);
        rollBack.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(10, text, resume, rollBack);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node previewPage() {
        planSummary.setId("reshard-plan-summary");
        planSummary.getStyleClass().add(ReshardStyles.SUMMARY);
        planSummary.setWrapText(true);
        planSize.setId("reshard-plan-size");
        notes.setId("reshard-notes");
        notes.getStyleClass().add(ReshardStyles.NOTES);
        refusals.setId("reshard-refusals");
        refusals.getStyleClass().add(ReshardStyles.REFUSALS);
        statements.setId("reshard-statements");
        statements.getStyleClass().add(ReshardStyles.STATEMENTS);
        statements.setEditable(false);
        statements.setWrapText(false);
        VBox.setVgrow(statements, Priority.ALWAYS);
        Button back = new Button("Back");
        back.setId("reshard-back");
        back.setOnAction(e -> model.back());
        move.setId("reshard-move");
        move.setMnemonicParsing(false); // partition names have underscores
        // Not the default button: Enter must never lead into a move (issue 20); the move needs a click or Space and
        // then the typed partition name.
        move.setDefaultButton(false);
        move.disableProperty().bind(model.canMoveBinding().not());
        move.setOnAction(e -> model.askToMove());
        Label statementsTitle = new Label("Every statement, in order (passwords replaced):");
        return new VBox(8, planSummary, planSize, notes, refusals, statementsTitle, statements, buttons(back, move));
    }

    private void showReview(PlanReview r) {
        if (r == null) {
            return;
        }
        MovePlan p = r.plan();
        // A split's summary starts with "split"; a move's with the partition's name, left as it is.
        planSummary.setText("Plan " + p.id() + ": " + (p.split() != null ? capitalised(p.summary()) : p.summary()));
        planSize.setText(ReshardText.size(p) + " \u00b7 bound " + p.bound() + " \u00b7 parent " + p.parent()
                + " \u00b7 as role " + p.user());
        notes.getChildren().setAll(p.notes().stream().map(n -> wrapped("Note: " + n, null)).toList());
        java.util.List<Node> reasons = new java.util.ArrayList<>(r.refusals().stream()
                .map(x -> wrapped("\u2717 Refused: " + x, ReshardStyles.BAD)).toList());
        if (model.isReadOnly()) {
            reasons.add(wrapped("\u2717 The workspace is read-only: moves are refused. Open a workspace that is not "
                    + "read-only to make changes.", ReshardStyles.BAD));
        }
        refusals.getChildren().setAll(reasons);
        statements.setText(String.join("\n", r.statements()));
        move.setText(ReshardText.moveAction(p) + "\u2026");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Label wrapped(String text, javafx.css.PseudoClass state) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        if (state != null) {
            l.pseudoClassStateChanged(state, true);
        }
        return l;
    }

    private void showPage(ReshardPage page) {
        byPage.forEach((p, node) -> node.setVisible(p == page));
        if (page == ReshardPage.CONFIRM) {
            confirmPage.getChildren().setAll(confirmPane());
        } else {
            confirmPage.getChildren().clear();
        }
    }

    private ConfirmByNameDialogPane confirmPane() {
        boolean moving = model.confirmingProperty().get() == ReshardWizardModel.Confirming.MOVE;
        MovePlan p = moving ? model.reviewProperty().get().plan() : model.outcomeProperty().get().record().plan();
        String action = moving ? ReshardText.moveAction(p) : "Drop " + p.sourceTable().withName(p.keptName())
                + " on " + p.source().label();
        String impact = moving ? ReshardText.impact(p) : "The old copy of " + p.partition() + ", kept as "
                + p.sourceTable().withName(p.keptName()) + " on " + p.source().describe() + ", is dropped for good. "
                + "The coordinator already reads " + p.partition() + " from " + p.target().label() + ".";
        ConfirmByNameDialogPane confirm = new ConfirmByNameDialogPane(action, p.partition().toString(), impact,
                "partition name");
        // The action button names the split in full: it takes its own width, Cancel only what it needs.
        ButtonBar.setButtonUniformSize(confirm.cancelButton(), false);
        ButtonBar.setButtonUniformSize(confirm.confirmButton(), false);
        confirm.confirmButton().setMinWidth(Region.USE_PREF_SIZE);
        confirm.setOnConfirm(model::confirm);
        confirm.setOnCancel(model::back);
        confirm.setMaxWidth(620);
        return confirm;
    }

    static HBox buttons(Button left, Button right) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, spacer, left, right);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
