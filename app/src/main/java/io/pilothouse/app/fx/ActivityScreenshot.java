package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.activity.ActivityService;
import io.pilothouse.services.activity.BackendSignal;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.activity.ActivityActions;
import io.pilothouse.views.activity.ActivityView;
import io.pilothouse.views.activity.ActivityViewModel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Renders one node's activity window offscreen, after a few reads a second apart so its sparklines have a shape. */
public final class ActivityScreenshot {

    /** Reads taken before rendering. */
    static final int READS = 5;

    private ActivityScreenshot() {
    }

    /**
     * Reads {@code node} ({@code CLUSTER/MEMBER}, a member, a cluster for its leader; null for the first node) on the
     * calling thread, then renders on the FX thread.
     *
     * @throws IllegalArgumentException when the node is unknown
     * @throws IllegalStateException    when no node is known at all
     */
    public static void render(LiveSession session, String node, Theme theme, int width, int height, Path out)
            throws Exception {
        ActivityService activity = session.activity();
        List<NodeRef> nodes = activity.nodes();
        if (nodes.isEmpty() && node == null) {
            throw new IllegalStateException("no node of the workspace is known yet (no cluster was read); check the "
                    + "sources or wait longer (--timeout)");
        }
        NodeRef chosen = node == null ? nodes.get(0) : activity.find(node);
        NodeActivity last = null;
        for (int i = 0; i < READS; i++) {
            if (i > 0) {
                Thread.sleep(1000);
            }
            last = activity.read(chosen);
        }
        NodeActivity shown = last;
        boolean readOnly = session.backendSignals().isReadOnly();
        ActivityActions recorded = new ActivityActions() {
            @Override
            public List<NodeRef> nodes() {
                return nodes;
            }

            @Override
            public CompletableFuture<NodeActivity> read(NodeRef n) {
                return CompletableFuture.completedFuture(shown);
            }

            @Override
            public CompletableFuture<String> signal(NodeRef n, int pid, BackendSignal s, Instant started, String as) {
                return CompletableFuture.failedFuture(new IllegalStateException("nothing is signalled here"));
            }

            @Override
            public boolean readOnly() {
                return readOnly;
            }
        };
        OffscreenRenderer.render(() -> {
            ActivityViewModel vm = new ActivityViewModel(recorded, Runnable::run);
            ActivityView view = new ActivityView(vm, new WindowFactory());
            vm.refreshNodes(chosen);
            return view;
        }, ActivityView::root, ActivityView::dispose, width, height, theme::applyTo, out);
    }
}
