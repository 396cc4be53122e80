package io.pilothouse.views.traffic;

import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.TrafficSnapshot;
import io.pilothouse.views.tasks.Tasks;
import javafx.scene.Node;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Traffic tab wired to a feed: each snapshot is applied on the FX thread, at most one pending at a time (a
 * burst of snapshots becomes one update with the latest), for the cluster selected now.
 */
public final class TrafficPane {

    private final TrafficViewModel vm = new TrafficViewModel();
    private final TrafficView view = new TrafficView(vm);
    private final TrafficInputs inputs;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AutoCloseable subscription;
    private String source;
    private String scope;
    /** False while the tab is not on screen: snapshots are then skipped, and the latest applied when it shows. */
    private boolean shown = true;

    public TrafficPane(TrafficInputs inputs) {
        this.inputs = inputs;
        if (inputs.actions() != null) {
            vm.useActions(inputs.actions(), new Tasks(inputs.fx()));
        }
        view.useWindows(inputs.windows());
        subscription = inputs.feed().subscribe(s -> {
            if (pending.compareAndSet(false, true)) {
                inputs.fx().execute(() -> {
                    pending.set(false);
                    if (shown) {
                        refresh();
                    }
                });
            }
        });
    }

    /** Shows the cluster {@code source/scope} (nulls: none selected). FX thread. */
    public void select(String newSource, String newScope) {
        this.source = newSource;
        this.scope = newScope;
        if (shown) {
            refresh();
        }
    }

    /**
     * Whether the tab is on screen. A hidden pane does nothing per snapshot (its table would be rebuilt for no
     * one); showing it applies the latest. FX thread.
     */
    public void setShown(boolean onScreen) {
        boolean was = shown;
        shown = onScreen;
        if (onScreen && !was) {
            refresh();
        }
    }

    /** Applies the feed's latest snapshot now. FX thread. */
    public void refresh() {
        TrafficSnapshot s = inputs.feed().latest();
        ClusterTraffic t = source == null ? null : s.ofSource(source)
                .filter(c -> c.scope() == null || c.scope().equals(scope)).orElse(null);
        vm.setData(scope, t, s.at());
    }

    public Node root() {
        return view.root();
    }

    public void dispose() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // the feed is closing too
        }
    }
}
