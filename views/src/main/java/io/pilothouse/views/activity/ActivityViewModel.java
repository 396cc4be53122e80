package io.pilothouse.views.activity;

import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import io.pilothouse.views.Tone;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The activity window's state: the node chosen, its last read (or why it could not be read), and the outcome of the
 * last cancel or terminate. Reads and signals run through {@link ActivityActions}; answers are applied on {@code fx},
 * a read answered after a newer one was asked for is dropped. FX thread (or {@code Runnable::run} in tests).
 */
public final class ActivityViewModel {

    private final ActivityActions actions;
    private final Tasks tasks;
    private final ObservableList<NodeRef> nodes = FXCollections.observableArrayList();
    private final ObjectProperty<NodeRef> node = new SimpleObjectProperty<>(this, "node");
    private final ReadOnlyObjectWrapper<NodeActivity> activity = new ReadOnlyObjectWrapper<>(this, "activity");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper unreadable = new ReadOnlyBooleanWrapper(this, "unreadable");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<Tone> resultTone = new ReadOnlyObjectWrapper<>(this, "resultTone",
            Tone.NEUTRAL);
    private final ReadOnlyBooleanWrapper signalling = new ReadOnlyBooleanWrapper(this, "signalling");
    private final StringProperty asUser = new SimpleStringProperty(this, "asUser", "");

    public ActivityViewModel(ActivityActions actions, Executor fx) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.tasks = new Tasks(fx);
        node.subscribe((before, now) -> {
            if (!Objects.equals(before, now)) {
                activity.set(null);
                unreadable.set(false);
                result.set("");
                refresh();
            }
        });
    }

    /** The nodes to choose from. */
    public ObservableList<NodeRef> nodes() {
        return nodes;
    }

    /** The node shown. */
    public ObjectProperty<NodeRef> nodeProperty() {
        return node;
    }

    /** The last read of the node shown (null before the first answer). */
    public ReadOnlyObjectProperty<NodeActivity> activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** What is shown, in words: "read 20:14:03", "could not read …", "reading…". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while the node shown could not be read: its last figures are not shown as current. */
    public ReadOnlyBooleanProperty unreadableProperty() {
        return unreadable.getReadOnlyProperty();
    }

    /** What the last cancel or terminate did, in words. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> resultToneProperty() {
        return resultTone.getReadOnlyProperty();
    }

    /** True while a signal is on its way. */
    public ReadOnlyBooleanProperty signallingProperty() {
        return signalling.getReadOnlyProperty();
    }

    /** The role to connect as for signals; blank = the workspace's. */
    public StringProperty asUserProperty() {
        return asUser;
    }

    /** True when signals will be refused. */
    public boolean readOnly() {
        return actions.readOnly();
    }

    /** Takes the node list from the live model; keeps the node shown, else picks {@code preferred} or the first. */
    public void refreshNodes(NodeRef preferred) {
        nodes.setAll(actions.nodes());
        NodeRef pick = preferred != null ? match(preferred) : node.get() != null ? match(node.get()) : null;
        node.set(pick != null ? pick : nodes.isEmpty() ? null : nodes.get(0));
        if (nodes.isEmpty()) {
            status.set("no node is known yet: no cluster was read");
        }
    }

    private NodeRef match(NodeRef wanted) {
        return nodes.stream().filter(n -> n.label().equals(wanted.label())).findFirst().orElse(null);
    }

    /** Reads the node shown again. */
    public void refresh() {
        NodeRef n = node.get();
        if (n == null) {
            return;
        }
        if (activity.get() == null) {
            status.set("reading " + n.label() + "…");
        }
        tasks.latest(actions.read(n), this::show, failure -> show(NodeActivity.failed(n, java.time.Instant.now(),
                Tasks.message(failure))));
    }

    private void show(NodeActivity a) {
        if (!a.node().equals(node.get())) {
            return;
        }
        unreadable.set(!a.readable());
        if (a.readable()) {
            activity.set(a);
            status.set("read " + ActivityFormat.time(a.readAt()));
        } else {
            // The last good figures would look current: clear them and say why.
            activity.set(a);
            status.set("NOT READ at " + ActivityFormat.time(a.readAt()) + ": " + a.error());
        }
    }

    /** Sends {@code signal} to {@code session}'s backend on the node shown. */
    public void signal(ActivitySession session, BackendSignal signal) {
        NodeRef n = node.get();
        if (n == null || session == null || signalling.get()) {
            return;
        }
        signalling.set(true);
        result.set((signal == BackendSignal.CANCEL ? "cancelling" : "terminating") + " pid " + session.pid() + "…");
        resultTone.set(Tone.NEUTRAL);
        String user = asUser.get() == null || asUser.get().isBlank() ? null : asUser.get().trim();
        tasks.deliver(actions.signal(n, session.pid(), signal, session.backendStart(), user), done -> {
            signalling.set(false);
            result.set(done);
            resultTone.set(Tone.OK);
            refresh();
        }, failure -> {
            signalling.set(false);
            result.set(Tasks.message(failure));
            resultTone.set(failure instanceof MutationRefusedException || failure instanceof ReadOnlyWorkspaceException
                    ? Tone.WARN : Tone.DANGER);
            refresh();
        });
    }

    /** Drops answers still on their way (the window closed). */
    public void dispose() {
        tasks.dropPending();
    }
}
