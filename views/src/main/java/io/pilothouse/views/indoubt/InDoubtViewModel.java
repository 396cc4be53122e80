package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The in-doubt console's state. {@link #refresh()} asks the app's {@link InDoubtActions} to scan and applies the
 * answer on {@code fx} (an answer overtaken by a newer refresh is dropped); branches are resolved through the
 * {@link #resolverProperty() resolver} (the same actions unless replaced). FX thread only.
 */
public final class InDoubtViewModel {

    /** Resolves one branch (the app runs it off the FX thread); completes with what was done, in words. */
    @FunctionalInterface
    public interface BranchResolver {
        /**
         * @param asUser the role to connect as, or null for the branch's owner
         * @return completes with a sentence, or exceptionally: a
         * {@link io.pilothouse.services.policy.MutationRefusedException} cause means refused, anything else failed
         */
        CompletionStage<String> resolve(PreparedBranch branch, boolean commit, String asUser);

        /**
         * Why the branches of one global transaction must not be resolved now, checked for all of them before any
         * is touched (e.g. one is on a cluster a running operation holds); completes empty when they may.
         */
        default CompletionStage<java.util.Optional<String>> refusalForAll(java.util.List<PreparedBranch> branches) {
            return java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty());
        }
    }


    private final ZoneId zone;
    private final ObservableList<AdvisedTransaction> transactions = FXCollections.observableArrayList();
    private final ObservableList<String> nodeErrors = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<InDoubtScan> scan = new ReadOnlyObjectWrapper<>(this, "scan");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading…");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", "Reading…");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);
    private final StringProperty confirmWord = new SimpleStringProperty(this, "confirmWord");
    private final ObjectProperty<BranchResolver> resolver = new SimpleObjectProperty<>(this, "resolver");
    private final InDoubtActions actions;
    private final Tasks tasks;

    /** A model whose scans are pushed with {@link #setScan} (screenshots); Refresh reads nothing. */
    public InDoubtViewModel(ZoneId zone) {
        this(zone, InDoubtActions.NONE, Runnable::run);
        resolver.set(null);
    }

    /**
     * @param zone    the zone of the times shown
     * @param actions scans and resolves off the FX thread
     * @param fx      where answers are applied (the FX thread in the app)
     */
    public InDoubtViewModel(ZoneId zone, InDoubtActions actions, Executor fx) {
        this.zone = zone;
        this.actions = actions;
        this.tasks = new Tasks(fx);
        resolver.set(actions);
    }

    /** Shows a new scan and its analysis (grouped, advised). */
    public void setScan(InDoubtScan s, List<AdvisedTransaction> advised) {
        loading.set(false);
        List<AdvisedTransaction> sorted = new ArrayList<>(advised);
        sorted.sort(Comparator.comparing(a -> a.transaction().firstPrepared()));
        scan.set(s);
        transactions.setAll(sorted);
        List<String> errors = new ArrayList<>();
        s.errors().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(NodeRef::label)))
                .forEach(e -> errors.add(e.getKey().label() + ": " + e.getValue()));
        nodeErrors.setAll(errors);
        int branches = sorted.stream().mapToInt(a -> a.transaction().branches().size()).sum();
        int primaries = s.nodes().size();
        summary.set(InDoubtText.plural(sorted.size(), "global transaction") + ", "
                + InDoubtText.plural(branches, "branch") + " on " + InDoubtText.plural(primaries, "primary")
                + "; read at " + io.pilothouse.views.format.TimeFormat.absolute(s.at(), s.at(), zone));
        int read = primaries - s.errors().size();
        emptyText.set("No prepared transactions on the " + read + (read == 1 ? " primary" : " primaries") + " read");
    }

    /** The scan could not be made at all. */
    public void showError(String message) {
        loading.set(false);
        nodeErrors.setAll("Could not read the primaries: " + message);
        summary.set("Not read");
        emptyText.set("Not read: " + message);
    }

    /** Scans again (off the FX thread) and shows the answer, or says why there is none. */
    public void refresh() {
        loading.set(true);
        tasks.latest(actions.scan(), r -> setScan(r.scan(), r.advised()), failure -> showError(Tasks.message(failure)));
    }

    /** Drops the answer of a scan still running (the window closed). */
    public void dispose() {
        tasks.dropPending();
    }

    /** Where answers are applied. */
    Executor fx() {
        return tasks.fx();
    }

    public ObservableList<AdvisedTransaction> transactions() {
        return transactions;
    }

    /** Nodes that could not be read, one line each ({@code scope/member: why}). */
    public ObservableList<String> nodeErrors() {
        return nodeErrors;
    }

    public ReadOnlyObjectProperty<InDoubtScan> scanProperty() {
        return scan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** True in a read-only workspace: Resolve is disabled, with the reason. */
    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** The name typed to confirm a resolution; null = the cluster scope of the transaction's first branch. */
    public StringProperty confirmWordProperty() {
        return confirmWord;
    }

    public ObjectProperty<BranchResolver> resolverProperty() {
        return resolver;
    }

    public void setResolver(BranchResolver r) {
        resolver.set(r);
    }

    ZoneId zone() {
        return zone;
    }
}
