package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.shards.ShardMapActions;
import io.pilothouse.views.shards.ShardMapView;
import io.pilothouse.views.tasks.Tasks;
import io.pilothouse.views.shards.ShardMapViewModel;
import io.pilothouse.views.live.FramePulse;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The shard map in its own window, beside the main one (maps span clusters, so not a cluster tab). One window at a
 * time; opening it again brings it to the front and re-reads. The maps are read every {@link #PERIOD} and on Refresh on
 * the session's I/O executor, never on the FX thread, and published to the view model, which applies them (and the
 * live model, for each node's HA state) once per pulse. Closing the window stops the timer and the view model.
 */
public final class ShardMapWindow implements ShardMapActions {

    /** How often the maps are read while the window is open. */
    public static final Duration PERIOD = Duration.seconds(5);

    private final LiveSession session;
    private final Supplier<List<ShardMap>> reader;
    private final WindowFactory windows;
    private Stage stage;
    private ShardMapViewModel vm;
    private ShardMapView view;
    private FramePulse timer;

    public ShardMapWindow(LiveSession session) {
        this(session, new WindowFactory());
    }

    public ShardMapWindow(LiveSession session, WindowFactory windows) {
        this.session = session;
        this.windows = windows;
        this.reader = () -> session.shardMaps().read();
    }

    /** Shows the window (creating it on first use) and reads the maps. FX thread. */
    public void show(Window owner) {
        if (stage == null) {
            vm = new ShardMapViewModel(session.feed(), ZoneId.systemDefault(), this);
            view = new ShardMapView(vm);
            view.setOnMove(this::openWizard);
            stage = windows.tool(owner, "Pilothouse — shard map", view.root(), 1600, 900);
            ShardMapViewModel polled = vm;
            ShardMapViewModel shownVm = vm;
            ShardMapView shown = view;
            stage.setOnHidden(e -> {
                if (timer != null) {
                    timer.stop();
                }
                shownVm.stop();
                shown.dispose();
                stage = null;
                vm = null;
                view = null;
                timer = null;
            });
            vm.start();
            timer = FramePulse.every(java.time.Duration.ofMillis((long) PERIOD.toMillis()), polled::poll);
        }
        stage.show();
        stage.toFront();
        vm.refresh();
    }

    /** The view, while the window is open (tests). */
    public ShardMapView view() {
        return view;
    }

    /** The view model, while the window is open (tests). */
    public ShardMapViewModel viewModel() {
        return vm;
    }

    /** The stage, while the window is open (tests). */
    public Stage stage() {
        return stage;
    }

    /** Reads the maps on the session's I/O executor (the view model publishes the answer). */
    @Override
    public CompletableFuture<List<ShardMap>> read() {
        return Tasks.supply(session.ioExecutor(), reader::get);
    }

    /**
     * The resharding wizard on the map's coordinator (its first node, matched to a cluster of the live model), with
     * {@code shard} chosen.
     */
    private void openWizard(io.pilothouse.services.shards.map.ShardMap map,
                            io.pilothouse.services.shards.map.MapShard shard) {
        io.pilothouse.services.shards.map.MapNode coordinator = map.nodes().get(0);
        session.feed().latest().clusters().stream()
                .filter(c -> c.members().stream().anyMatch(m -> coordinator.host().equals(m.host())
                        && m.port() == coordinator.port()))
                .findFirst()
                .ifPresent(c -> ReshardWindow.open(stage, session, windows, c.source(), c.scope()).model()
                        .choice().partitionProperty().set(shard.name()));
    }
}
