package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.shards.ShardMapView;
import io.pilothouse.views.shards.ShardMapViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The shard map in its own window, beside the main one (maps span clusters, so not a cluster tab). One window at a
 * time; opening it again brings it to the front and re-reads. The maps are read every {@link #PERIOD} and on Refresh on
 * the session's I/O executor, never on the FX thread, and published to the view model, which applies them (and the
 * live model, for each node's HA state) once per pulse. Closing the window stops the timer and the view model.
 */
public final class ShardMapWindow {

    /** How often the maps are read while the window is open. */
    public static final Duration PERIOD = Duration.seconds(5);

    private final LiveSession session;
    private final Supplier<List<ShardMap>> reader;
    private final AtomicBoolean reading = new AtomicBoolean();
    private Stage stage;
    private ShardMapViewModel vm;
    private ShardMapView view;
    private Timeline timer;

    public ShardMapWindow(LiveSession session) {
        this.session = session;
        this.reader = () -> session.shardMaps().read();
    }

    /** Shows the window (creating it on first use) and reads the maps. FX thread. */
    public void show(Window owner) {
        if (stage == null) {
            vm = new ShardMapViewModel(session.feed(), ZoneId.systemDefault());
            vm.setOnRefresh(this::reload);
            view = new ShardMapView(vm);
            view.setOnMove(this::openWizard);
            Scene scene = new Scene(new Group(), 1600, 900);
            Theme theme = owner == null || owner.getScene() == null ? null : Theme.of(owner.getScene());
            (theme == null ? Theme.LIGHT : theme).applyTo(scene);
            scene.setRoot(view.root());
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setTitle("Pilothouse — shard map");
            stage.setScene(scene);
            timer = new Timeline(new KeyFrame(PERIOD, e -> reload()));
            timer.setCycleCount(Timeline.INDEFINITE);
            ShardMapViewModel shownVm = vm;
            ShardMapView shown = view;
            Timeline shownTimer = timer;
            stage.setOnHidden(e -> {
                shownTimer.stop();
                shownVm.stop();
                shown.dispose();
                stage = null;
                vm = null;
                view = null;
                timer = null;
            });
            vm.start();
            timer.play();
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

    /**
     * Reads the maps off the FX thread and publishes them (or the error, in words) to the view model it was asked
     * for; a read still running is not doubled up by the timer or by Refresh.
     */
    private void reload() {
        ShardMapViewModel target = vm;
        if (target == null || !reading.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture.supplyAsync(reader, session.ioExecutor()).whenComplete((maps, failure) -> {
            reading.set(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                target.publishError(cause.getMessage() == null ? cause.toString() : cause.getMessage());
            } else {
                target.publish(maps);
            }
        });
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
                .ifPresent(c -> ReshardWindow.open(stage, session, c.source(), c.scope()).model()
                        .partitionProperty().set(shard.name()));
    }
}
