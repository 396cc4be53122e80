package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.activity.ActivityService;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.BackendSignals;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.views.activity.ActivityActions;
import io.pilothouse.views.activity.ActivityView;
import io.pilothouse.views.activity.ActivityViewModel;
import io.pilothouse.views.tasks.Tasks;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The activity of one node in its own window, re-read every 2 s on the session's I/O executor. One window at a
 * time; opening it again (for another member, say from a member card's menu) brings it to the front on that node.
 */
public final class ActivityWindow implements ActivityActions {

    /** How often the window reads its node. */
    public static final Duration REFRESH = Duration.seconds(2);

    private final LiveSession session;
    private final ActivityService activity;
    private final BackendSignals signals;
    private final WindowFactory windows;
    private Stage stage;
    private ActivityViewModel vm;
    private ActivityView view;

    public ActivityWindow(LiveSession session, WindowFactory windows) {
        this.session = session;
        this.activity = session.activity();
        this.signals = session.backendSignals();
        this.windows = windows;
    }

    /** Shows the window on the first node (or the one already shown). FX thread. */
    public void show(Window owner) {
        show(owner, null);
    }

    /**
     * Shows the window on member {@code member} of cluster {@code scope} of source {@code source} (the entry point
     * for a member card's "Activity…" menu item; member null for the cluster's leader, all null for the first node);
     * an unknown member leaves the picker on the node shown, or the first. FX thread.
     */
    public void show(Window owner, String source, String scope, String member) {
        // Member null: the cluster's leader, which nodes() lists first of its cluster.
        NodeRef wanted = activity.nodes().stream().filter(n -> n.source().equals(source) && n.scope().equals(scope)
                && (member == null || n.member().equals(member))).findFirst().orElse(null);
        show(owner, wanted);
    }

    private void show(Window owner, NodeRef preferred) {
        if (stage == null) {
            vm = new ActivityViewModel(this, FxToolkit.fx());
            view = new ActivityView(vm, windows);
            stage = windows.tool(owner, "Pilothouse — activity", view.root(), 1280, 760);
            ActivityView shown = view;
            stage.setOnHidden(e -> {
                shown.dispose();
                stage = null;
                vm = null;
                view = null;
            });
            view.startAutoRefresh(REFRESH);
        }
        vm.refreshNodes(preferred);
        stage.show();
        stage.toFront();
        vm.refresh();
    }

    /** The view, while the window is open (tests). */
    public ActivityView view() {
        return view;
    }

    @Override
    public List<NodeRef> nodes() {
        return activity.nodes();
    }

    @Override
    public CompletableFuture<NodeActivity> read(NodeRef node) {
        return Tasks.supply(session.ioExecutor(), () -> activity.read(node));
    }

    @Override
    public CompletableFuture<String> signal(NodeRef node, int pid, BackendSignal signal, Instant started,
                                            String asUser) {
        return Tasks.supply(session.ioExecutor(), () -> signals.signal(node, pid, signal, started, asUser));
    }

    @Override
    public boolean readOnly() {
        return signals.isReadOnly();
    }
}
