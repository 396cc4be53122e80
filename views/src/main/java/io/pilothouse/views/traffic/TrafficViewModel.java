package io.pilothouse.views.traffic;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.ComponentStatus;
import io.pilothouse.services.trafficops.TrafficPreview;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Traffic tab's state: the selected cluster's traffic rows (replaced whole from each snapshot, on the FX
 * thread), the components' reachability, the problems, and the operation under way with its outcome.
 */
public final class TrafficViewModel {

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Traffic");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> components = FXCollections.observableArrayList();
    private final ObservableList<TrafficProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<TrafficRow> entryPoints = FXCollections.observableArrayList();
    private final ObservableList<TrafficRow> haproxy = FXCollections.observableArrayList();
    private final ObservableList<TrafficRow> pgbouncer = FXCollections.observableArrayList();
    private final ObservableList<TrafficRow> pgpool = FXCollections.observableArrayList();
    private TrafficActions actions;
    private Tasks tasks;
    private ClusterTraffic shown;

    /** Uses {@code actions} for operations, their answers delivered through {@code tasks}. */
    public void useActions(TrafficActions newActions, Tasks newTasks) {
        this.actions = newActions;
        this.tasks = newTasks;
    }

    /** Shows {@code traffic} (null: the cluster has no traffic layer in the workspace, or not read yet). FX thread. */
    public void setData(String scope, ClusterTraffic traffic, Instant readAt) {
        shown = traffic;
        List<String> comps = new ArrayList<>();
        if (traffic == null) {
            title.set(scope == null ? "Traffic" : "Traffic of " + scope + ": no load balancer or pooler named in "
                    + "the workspace for it (traffic: keys), or not read yet");
        } else {
            title.set("Traffic of " + (traffic.scope() == null ? traffic.source() : traffic.scope())
                    + (traffic.leader() == null ? "" : " (leader " + traffic.leader() + ")")
                    + (readAt == null ? "" : ", read " + readAt.toString().replace('T', ' ').substring(0, 19) + "Z"));
            if (traffic.haproxy() != null) {
                comps.add(component("HAProxy " + traffic.haproxy().statsUrl(), traffic.haproxy().status()));
            }
            if (traffic.pgbouncer() != null) {
                comps.add(component("PgBouncer " + traffic.pgbouncer().address(), traffic.pgbouncer().status()));
            }
            if (traffic.pgpool() != null) {
                comps.add(component("Pgpool-II " + traffic.pgpool().address(), traffic.pgpool().status()));
            }
        }
        components.setAll(comps);
        problems.setAll(traffic == null ? List.of() : TrafficRows.problems(traffic));
        entryPoints.setAll(traffic == null ? List.of() : TrafficRows.entryPoints(traffic));
        haproxy.setAll(traffic == null ? List.of() : TrafficRows.haproxy(traffic));
        pgbouncer.setAll(traffic == null ? List.of() : TrafficRows.pgbouncer(traffic));
        pgpool.setAll(traffic == null ? List.of() : TrafficRows.pgpool(traffic));
    }

    private static String component(String name, ComponentStatus s) {
        return name + ": " + switch (s.reachability()) {
            case REACHABLE -> "reachable";
            case NOT_READ_YET -> "not read yet";
            default -> "UNREACHABLE — " + s.error();
        };
    }

    /** An HAProxy operation on the row's {@code backend/server}, or null when the row is no server. */
    TrafficOperation haproxyOperation(TrafficRow row, io.pilothouse.services.trafficops.HaproxyServerState state) {
        if (shown == null || row == null || row.target() == null) {
            return null;
        }
        String[] bs = row.target().split("/", 2);
        return TrafficOperation.haproxy(shown.source(), shown.scope(), bs[0], bs[1], state);
    }

    /** A PgBouncer operation on the row's database, or null. */
    TrafficOperation pgbouncerOperation(TrafficRow row, io.pilothouse.services.trafficops.PgBouncerCommand command) {
        if (shown == null || row == null || row.target() == null) {
            return null;
        }
        return TrafficOperation.pgbouncer(shown.source(), shown.scope(), row.target(), command);
    }

    /** True when operations cannot run: no actions wired, or a read-only workspace. */
    boolean operationsDisabled() {
        return actions == null || actions.readOnly();
    }

    /** Reads the preview of {@code op}, then hands it to {@code confirm} on the FX thread. */
    void preview(TrafficOperation op, Consumer<TrafficPreview> confirm) {
        if (op == null || operationsDisabled()) {
            result.set(actions == null ? "Operations are not available here" : "Read-only workspace: nothing can "
                    + "be changed");
            return;
        }
        busy.set(true);
        result.set("Reading what " + (op.onHaproxy() ? op.backend() + "/" + op.server() : op.database())
                + " looks like now…");
        tasks.deliver(actions.preview(op), p -> {
            busy.set(false);
            result.set("");
            confirm.accept(p);
        }, e -> {
            busy.set(false);
            result.set("Nothing was done: " + Tasks.message(e));
        });
    }

    /** Runs {@code op} once confirmed; the outcome read back goes to {@link #resultProperty()}. */
    void run(TrafficOperation op) {
        busy.set(true);
        result.set("Running…");
        tasks.deliver(actions.run(op), r -> {
            busy.set(false);
            result.set(r);
        }, e -> {
            busy.set(false);
            result.set(Tasks.message(e));
        });
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The last operation's outcome, in words. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ObservableList<String> components() {
        return components;
    }

    ObservableList<TrafficProblem> problems() {
        return problems;
    }

    ObservableList<TrafficRow> entryPoints() {
        return entryPoints;
    }

    ObservableList<TrafficRow> haproxy() {
        return haproxy;
    }

    ObservableList<TrafficRow> pgbouncer() {
        return pgbouncer;
    }

    ObservableList<TrafficRow> pgpool() {
        return pgpool;
    }
}
