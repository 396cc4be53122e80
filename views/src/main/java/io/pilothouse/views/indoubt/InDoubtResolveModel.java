package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Resolving one global transaction, with no controls: a choice per branch (defaulting to the advice; a DECIDE advice
 * defaults to Skip so the user must choose), an optional role to connect as, the exact statements, then each chosen
 * branch resolved one by one through the app's {@link InDoubtViewModel.BranchResolver} and what became of each, in
 * words. Answers are applied on {@code fx}; the pane ({@link InDoubtResolvePane}) only binds.
 */
public final class InDoubtResolveModel {

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

    /** How a branch's resolution stands. */
    public enum Tone {
        /** Not answered yet. */
        PENDING,
        /** Done. */
        OK,
        /** Refused before anything was sent. */
        WARN,
        /** Failed. */
        DANGER
    }

    /** What became of one branch so far, in words. */
    public record Result(String text, Tone tone) {
    }

    /** One branch to resolve. */
    record Planned(String participant, PreparedBranch branch, boolean commit) {
    }

    private final AdvisedTransaction transaction;
    private final InDoubtViewModel.BranchResolver resolver;
    private final Executor fx;
    private final String confirmWord;
    private final Map<String, ObjectProperty<Choice>> choices = new LinkedHashMap<>();
    private final StringProperty asUser = new SimpleStringProperty(this, "asUser", "");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyBooleanWrapper planEmpty = new ReadOnlyBooleanWrapper(this, "planEmpty");
    private final ObservableMap<String, Result> results = FXCollections.observableMap(new LinkedHashMap<>());
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
    private Runnable onResolved = () -> { };

    /**
     * @param confirmWord the name to type; null = the cluster scope of the transaction's first branch
     * @param fx          where answers are applied (the FX thread in the app)
     */
    public InDoubtResolveModel(AdvisedTransaction transaction, InDoubtViewModel.BranchResolver resolver,
                               String confirmWord, Executor fx) {
        this.transaction = transaction;
        this.resolver = resolver;
        this.fx = fx;
        this.confirmWord = confirmWord != null && !confirmWord.isBlank() ? confirmWord
                : transaction.transaction().branches().values().iterator().next().node().scope();
        Choice def = switch (transaction.advice().action()) {
            case COMMIT -> Choice.COMMIT;
            case ROLLBACK -> Choice.ROLLBACK;
            case DECIDE -> Choice.SKIP;
        };
        transaction.transaction().branches().keySet().forEach(p -> {
            ObjectProperty<Choice> c = new SimpleObjectProperty<>(this, "choice-" + p, def);
            c.subscribe(v -> updatePreview());
            choices.put(p, c);
        });
        asUser.subscribe(t -> updatePreview());
        updatePreview();
    }

    public AdvisedTransaction transaction() {
        return transaction;
    }

    /** The choice for each participant's branch, in the transaction's order. */
    public Map<String, ObjectProperty<Choice>> choices() {
        return Collections.unmodifiableMap(choices);
    }

    /** The role to connect as; blank = each branch's owner. */
    public StringProperty asUserProperty() {
        return asUser;
    }

    /** The statements, per node and database. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** True when every branch is skipped: nothing to confirm. */
    public ReadOnlyBooleanProperty planEmptyProperty() {
        return planEmpty.getReadOnlyProperty();
    }

    /** What became of each chosen branch, once {@link #resolve()} started. */
    public ObservableMap<String, Result> results() {
        return results;
    }

    /** The counts in words, once every chosen branch was tried. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public String confirmWord() {
        return confirmWord;
    }

    /** Called once every chosen branch has been tried (the app rescans). */
    public void setOnResolved(Runnable r) {
        onResolved = r == null ? () -> { } : r;
    }

    private String user() {
        String u = asUser.get();
        return u == null || u.isBlank() ? null : u.trim();
    }

    List<Planned> plan() {
        List<Planned> plan = new ArrayList<>();
        choices.forEach((participant, choice) -> {
            if (choice.get() != Choice.SKIP) {
                plan.add(new Planned(participant, transaction.transaction().branches().get(participant),
                        choice.get() == Choice.COMMIT));
            }
        });
        return plan;
    }

    /** The participants about to be resolved, in order. */
    public List<String> planned() {
        return plan().stream().map(Planned::participant).toList();
    }

    private void updatePreview() {
        if (choices.size() < transaction.transaction().branches().size()) {
            return; // still building
        }
        preview.set(ResolvePreview.render(transaction, choices, user()));
        planEmpty.set(plan().isEmpty());
    }

    /** "Commit 2 branches on shard1, shard2", or both verbs when mixed. */
    public String actionLabel() {
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

    /** The impact line of the typed confirmation. */
    public String impact() {
        return "Global transaction " + transaction.transaction().globalId() + ". These statements run one by one, "
                + "each checked afterwards; Pilothouse does not undo them:";
    }

    /** True when the advice cannot tell and the user must choose. */
    public boolean mustDecide() {
        return transaction.advice().action() == Advice.Action.DECIDE;
    }

    /** Resolves the chosen branches one by one (confirmed); each answer is applied on {@code fx}. */
    public void resolve() {
        List<Planned> plan = plan();
        if (plan.isEmpty() || !results.isEmpty()) {
            return;
        }
        plan.forEach(p -> results.put(p.participant(), new Result(p.participant() + ": waiting", Tone.PENDING)));
        // All or nothing up front: a branch that would be refused must not leave the others resolved.
        CompletionStage<java.util.Optional<String>> check;
        try {
            check = resolver.refusalForAll(plan.stream().map(Planned::branch).toList());
        } catch (RuntimeException e) {
            check = CompletableFuture.failedFuture(e);
        }
        new Tasks(fx).deliver(check, refusal -> refusal.ifPresentOrElse(r -> refuseAll(plan, r),
                () -> step(plan, 0, user(), new int[3])), cause -> refuseAll(plan, "the check before resolving "
                + "failed: " + Tasks.message(cause)));
    }

    private void refuseAll(List<Planned> plan, String reason) {
        plan.forEach(p -> results.put(p.participant(), new Result(p.participant() + ": not resolved — " + reason,
                Tone.WARN)));
        outcome.set("0 done: " + reason);
        finished.set(true);
        onResolved.run();
    }

    private void step(List<Planned> plan, int i, String user, int[] counts) {
        if (i >= plan.size()) {
            outcome.set(counts[0] + " done, " + counts[1] + " refused, " + counts[2] + " failed. "
                    + "The list is read again.");
            finished.set(true);
            onResolved.run();
            return;
        }
        Planned p = plan.get(i);
        results.put(p.participant(), new Result(p.participant() + ": " + (p.commit() ? "committing" : "rolling back")
                + " " + GidText.quoted(p.branch().gid()) + " on " + p.branch().node().label() + "…", Tone.PENDING));
        CompletionStage<String> stage;
        try {
            stage = resolver.resolve(p.branch(), p.commit(), user);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        new Tasks(fx).deliver(stage, sentence -> {
            counts[0]++;
            results.put(p.participant(), new Result(p.participant() + ": done — " + sentence, Tone.OK));
            step(plan, i + 1, user, counts);
        }, cause -> {
            boolean refused = false;
            for (Throwable t = cause; t != null; t = t.getCause()) {
                refused |= t instanceof MutationRefusedException;
            }
            String message = Tasks.message(cause);
            if (refused) {
                counts[1]++;
                results.put(p.participant(), new Result(p.participant() + ": refused — " + message, Tone.WARN));
            } else {
                counts[2]++;
                results.put(p.participant(), new Result(p.participant() + ": failed — " + message, Tone.DANGER));
            }
            step(plan, i + 1, user, counts);
        });
    }
}
