package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidLiteral;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Resolving one global transaction: a choice per branch (Commit / Roll back / Skip, defaulting to the advice; a
 * DECIDE advice defaults to Skip so the user must choose), an optional role to connect as, the exact statements per
 * node and database; then a typed confirmation naming the count and the nodes; then each branch resolved one by one
 * through the app's {@link InDoubtViewModel.BranchResolver}, and what became of each, in words. FX thread only.
 */
public final class InDoubtResolvePane {

    /** What to do with one branch. */
    public enum Choice {
        COMMIT("Commit"), ROLLBACK("Roll back"), SKIP("Skip");

        private final String text;

        Choice(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One branch to resolve. */
    record Planned(String participant, PreparedBranch branch, boolean commit) {
    }

    private final AdvisedTransaction transaction;
    private final InDoubtViewModel.BranchResolver resolver;
    private final String confirmWord;
    private final BorderPane root = new BorderPane();
    private final Map<String, ComboBox<Choice>> choices = new LinkedHashMap<>();
    private final TextField asUser = new TextField();
    private final TextArea preview = new TextArea();
    private final Button next = new Button("Review and confirm…");
    private final Button cancel = new Button("Cancel");
    private final Map<String, Label> results = new LinkedHashMap<>();
    private final Label outcome = new Label();
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
    private final Node choosePage;
    private ConfirmByNameDialogPane confirm;
    private Runnable onClose = () -> { };
    private Runnable onResolved = () -> { };

    /**
     * @param confirmWord the name to type; null = the cluster scope of the transaction's first branch
     */
    public InDoubtResolvePane(AdvisedTransaction transaction, InDoubtViewModel.BranchResolver resolver,
                              String confirmWord) {
        this.transaction = transaction;
        this.resolver = resolver;
        this.confirmWord = confirmWord != null && !confirmWord.isBlank() ? confirmWord
                : transaction.transaction().branches().values().iterator().next().node().scope();
        root.getStyleClass().addAll(InDoubtStyles.INDOUBT, InDoubtStyles.RESOLVE);
        root.getProperties().put(InDoubtResolvePane.class, this);
        root.setPadding(new Insets(16));
        choosePage = buildChoosePage();
        root.setCenter(choosePage);
        updatePreview();
    }

    public Parent root() {
        return root;
    }

    /** Called when the user closes the pane (Cancel on the first page, Close at the end). */
    public void setOnClose(Runnable r) {
        onClose = r == null ? () -> { } : r;
    }

    /** Called once every chosen branch has been tried (the app rescans). */
    public void setOnResolved(Runnable r) {
        onResolved = r == null ? () -> { } : r;
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
        return finished.getReadOnlyProperty();
    }

    public String confirmWord() {
        return confirmWord;
    }

    private Node buildChoosePage() {
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
        Choice def = switch (advice.action()) {
            case COMMIT -> Choice.COMMIT;
            case ROLLBACK -> Choice.ROLLBACK;
            case DECIDE -> Choice.SKIP;
        };
        for (Map.Entry<String, PreparedBranch> e : transaction.transaction().branches().entrySet()) {
            PreparedBranch b = e.getValue();
            ComboBox<Choice> box = new ComboBox<>();
            box.getItems().setAll(Choice.values());
            box.setValue(def);
            box.setId("choice-" + e.getKey());
            box.valueProperty().subscribe(v -> updatePreview());
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
        Label note = new Label(advice.action() == Advice.Action.DECIDE
                ? "The advice cannot tell: choose Commit or Roll back for each branch yourself."
                : "Each choice defaults to the advice; Skip leaves a branch prepared.");
        note.setId("resolve-note");
        note.setWrapText(true);

        Label asLabel = new Label("Connect as (blank = each branch's owner):");
        asLabel.setLabelFor(asUser);
        asUser.setId("resolve-as");
        asUser.setPromptText("owner");
        asUser.textProperty().subscribe(t -> updatePreview());
        HBox asRow = new HBox(8, asLabel, asUser);
        asRow.setAlignment(Pos.CENTER_LEFT);

        Label previewTitle = new Label("STATEMENTS (standard_conforming_strings on, autocommit)");
        previewTitle.getStyleClass().add(InDoubtStyles.SECTION_TITLE);
        preview.setId("resolve-preview");
        preview.setEditable(false);
        preview.setWrapText(false);
        preview.setPrefRowCount(8);
        preview.getStyleClass().add(InDoubtStyles.PREVIEW);
        VBox.setVgrow(preview, Priority.ALWAYS);

        next.setId("resolve-next");
        next.setDefaultButton(true);
        next.setOnAction(e -> showConfirm());
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

    private String user() {
        String u = asUser.getText();
        return u == null || u.isBlank() ? null : u.trim();
    }

    List<Planned> plan() {
        List<Planned> plan = new ArrayList<>();
        choices.forEach((participant, box) -> {
            if (box.getValue() != Choice.SKIP) {
                plan.add(new Planned(participant, transaction.transaction().branches().get(participant),
                        box.getValue() == Choice.COMMIT));
            }
        });
        return plan;
    }

    private void updatePreview() {
        if (choices.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        choices.forEach((participant, box) -> {
            PreparedBranch branch = transaction.transaction().branches().get(participant);
            String address = branch.node().host() + ":" + branch.node().port();
            b.append("-- ").append(participant).append(": ").append(branch.node().label())
                    .append(branch.node().label().contains(address) ? "" : " (" + address + ")")
                    .append(", database ").append(branch.database()).append(", as ")
                    .append(user() == null ? branch.owner() + " (owner)" : user()).append('\n');
            switch (box.getValue()) {
                case COMMIT -> b.append(GidLiteral.commit(branch.gid(), true)).append(";\n");
                case ROLLBACK -> b.append(GidLiteral.rollback(branch.gid(), true)).append(";\n");
                case SKIP -> b.append("-- skipped: stays prepared\n");
            }
        });
        preview.setText(b.toString());
        next.setDisable(plan().isEmpty());
    }

    /** "Commit 2 branches on shard1, shard2", or both verbs when mixed. */
    String actionLabel() {
        List<Planned> plan = plan();
        List<String> commits = plan.stream().filter(Planned::commit).map(Planned::participant).toList();
        List<String> rollbacks = plan.stream().filter(p -> !p.commit()).map(Planned::participant).toList();
        String c = commits.isEmpty() ? null
                : "ommit " + InDoubtText.plural(commits.size(), "branch") + " on " + String.join(", ", commits);
        String r = rollbacks.isEmpty() ? null
                : "oll back " + InDoubtText.plural(rollbacks.size(), "branch") + " on " + String.join(", ", rollbacks);
        if (c != null && r != null) {
            return "C" + c + " and r" + r;
        }
        return c != null ? "C" + c : "R" + r;
    }

    private void showConfirm() {
        if (plan().isEmpty()) {
            return;
        }
        confirm = new ConfirmByNameDialogPane(actionLabel(), confirmWord,
                "Global transaction " + transaction.transaction().globalId() + ". These statements run one by one, "
                        + "each checked afterwards; Pilothouse does not undo them:");
        Label statements = new Label(preview.getText().strip());
        statements.setWrapText(true);
        statements.setMnemonicParsing(false);
        statements.setMinHeight(Region.USE_PREF_SIZE);
        statements.getStyleClass().add(InDoubtStyles.PREVIEW);
        statements.setId("confirm-statements");
        ((Region) confirm.getContent()).setPrefWidth(760);
        // The button names every node: never an ellipsis.
        javafx.scene.control.ButtonBar.setButtonUniformSize(confirm.confirmButton(), false);
        javafx.scene.control.ButtonBar.setButtonUniformSize(confirm.cancelButton(), false);
        confirm.confirmButton().setMinWidth(Region.USE_PREF_SIZE);
        confirm.addDetails(statements);
        confirm.setOnCancel(() -> root.setCenter(choosePage));
        confirm.setOnConfirm(this::run);
        root.setCenter(confirm);
    }

    private void run() {
        List<Planned> plan = plan();
        String user = user();
        VBox lines = new VBox(6);
        Label title = new Label(actionLabel());
        title.getStyleClass().add(InDoubtStyles.DETAILS_TITLE);
        lines.getChildren().add(title);
        for (Planned p : plan) {
            Label l = new Label(p.participant() + ": waiting");
            l.setId("result-" + p.participant());
            l.setWrapText(true);
            l.setMnemonicParsing(false);
            l.getStyleClass().add(InDoubtStyles.RESULT);
            results.put(p.participant(), l);
            lines.getChildren().add(l);
        }
        outcome.setId("resolve-outcome");
        outcome.setWrapText(true);
        Button close = new Button("Close");
        close.setId("resolve-close");
        close.setOnAction(e -> onClose.run());
        close.disableProperty().bind(finished.not());
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
        step(plan, 0, user, new int[3]);
    }

    private void step(List<Planned> plan, int i, String user, int[] counts) {
        if (i >= plan.size()) {
            outcome.setText(counts[0] + " done, " + counts[1] + " refused, " + counts[2] + " failed. "
                    + "The list is read again.");
            finished.set(true);
            onResolved.run();
            return;
        }
        Planned p = plan.get(i);
        Label line = results.get(p.participant());
        line.setText(p.participant() + ": " + (p.commit() ? "committing" : "rolling back") + " "
                + GidText.quoted(p.branch().gid()) + " on " + p.branch().node().label() + "…");
        CompletionStage<String> stage;
        try {
            stage = resolver.resolve(p.branch(), p.commit(), user);
        } catch (RuntimeException e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((sentence, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                counts[0]++;
                line.setText(p.participant() + ": done — " + sentence);
                line.pseudoClassStateChanged(InDoubtStyles.OK, true);
            } else {
                Throwable cause = failure;
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                boolean refused = false;
                for (Throwable t = cause; t != null; t = t.getCause()) {
                    refused |= t instanceof MutationRefusedException;
                }
                String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                if (refused) {
                    counts[1]++;
                    line.setText(p.participant() + ": refused — " + message);
                    line.pseudoClassStateChanged(InDoubtStyles.WARN, true);
                } else {
                    counts[2]++;
                    line.setText(p.participant() + ": failed — " + message);
                    line.pseudoClassStateChanged(InDoubtStyles.DANGER, true);
                }
            }
            step(plan, i + 1, user, counts);
        }));
    }
}
