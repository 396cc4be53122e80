package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LastKnownKeeper;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.alerts.AlertThresholds;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.wall.WallOptions;
import io.pilothouse.views.wall.WallView;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The NOC wall's window: full screen, undecorated, no exit hint, no dialog (no password prompt either: a missing
 * password shows on the cluster's tile as missing data). Opened by {@code pilothouse wall} on a wall session, whose
 * services refuse every change, or by the main window's View › Wall mode on the window's own session.
 */
public final class WallWindow {

    private WallWindow() {
    }

    /** The wall on {@code session}'s live model and alerts. FX thread. */
    public static WallView view(LiveSession session, WallOptions options) {
        return view(session, session.feed(), options);
    }

    private static WallView view(LiveSession session, EstateFeed feed, WallOptions options) {
        return new WallView(feed, session.alerts(), AlertThresholds.of(session.workspace().alertsOrDefaults()),
                options, Clock.systemDefaultZone());
    }

    /**
     * Shows the wall full screen over {@code owner}'s screen (or the primary one) and starts it; {@code onClosed} runs
     * when it is closed (Escape, Ctrl+Q). FX thread.
     */
    public static Stage open(LiveSession session, Theme theme, WallOptions options, Window owner, Runnable onClosed) {
        return open(session, session.feed(), theme, options, owner, onClosed);
    }

    private static Stage open(LiveSession session, EstateFeed feed, Theme theme, WallOptions options, Window owner,
                              Runnable onClosed) {
        WallView wall = view(session, feed, options);
        Scene scene = new Scene(new javafx.scene.Group(), 1920, 1080);
        theme.applyTo(scene);
        scene.setRoot(wall.root());
        Theme.setWallMode(scene, true);
        Stage stage = new Stage(StageStyle.UNDECORATED);
        stage.setTitle("Pilothouse wall");
        if (owner != null) {
            stage.setX(owner.getX());
            stage.setY(owner.getY());
        }
        stage.setScene(scene);
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        wall.onExitProperty().set(stage::close);
        stage.setOnHidden(e -> {
            wall.dispose();
            onClosed.run();
        });
        wall.start();
        stage.show();
        return stage;
    }

    /**
     * {@code pilothouse wall}: opens the wall, begins the session after the first frame, blocks until closed. Its
     * tiles start from the estate last seen in this workspace, greyed with the age of their data, until a source
     * answers: a wall that just started is never blank, and never green before it has heard anything.
     */
    public static void showAndWait(LiveSession session, Theme theme, WallOptions options) throws InterruptedException {
        FxToolkit.startDesktop();
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        ExecutorService io = Executors.newSingleThreadExecutor();
        LastKnownKeeper lastKnown = new LastKnownKeeper(session.workspace().name(), session.feed(), io);
        FxToolkit.fx().execute(() -> {
            Stage stage = open(session, lastKnown.feed(), theme, options, null, closed::countDown);
            FirstFrame.then(stage.getScene(), session::beginInBackground);
        });
        closed.await();
        lastKnown.close();
        io.shutdownNow();
        Platform.exit();
    }

    /** {@code screenshot --view wall}: the wall offscreen at {@code width}×{@code height}. */
    public static void render(LiveSession session, Theme theme, WallOptions options, int width, int height, Path out)
            throws Exception {
        OffscreenRenderer.render(() -> {
            WallView wall = view(session, options);
            wall.refreshNow();
            return wall;
        }, WallView::root, WallView::dispose, width, height, theme::applyTo, out);
    }
}
