package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.app.wiring.LiveSession;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.MainView;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The cockpit's main window on the desktop. */
public final class DesktopWindow {

    private DesktopWindow() {
    }

    /** Opens the main window on a live session and blocks the calling (non-FX) thread until it is closed. */
    public static void showAndWait(LiveSession session, Theme theme, String title) throws InterruptedException {
        showAndWait(session, theme, title, null);
    }

    /**
     * As {@link #showAndWait(LiveSession, Theme, String)}, restoring the window's saved place and size and saving
     * them (with the theme) when it closes; {@code preferences} may be null for neither.
     */
    public static void showAndWait(LiveSession session, Theme theme, String title, StagePreferences preferences)
            throws InterruptedException {
        FxToolkit.startDesktop();
        CountDownLatch closed = new CountDownLatch(1);
        // The audit window reads its file here, off the FX thread; one thread is plenty for a local file. Shut
        // down below when the main window closes (its thread is not a daemon).
        ExecutorService auditIo = Executors.newSingleThreadExecutor();
        Platform.setImplicitExit(false);
        Platform.runLater(() -> {
            MainView view = MainViews.on(session);
            AuditWindow audit = new AuditWindow(AuditLogs::open, auditIo);
            // The theme goes on the scene before the view arrives: the view reads it to label its toggle.
            Scene scene = new Scene(new javafx.scene.Group(), 1440, 900);
            theme.applyTo(scene);
            scene.setRoot(view.root());
            Stage stage = new Stage();
            stage.setTitle(title);
            stage.setScene(scene);
            view.openAuditLogProperty().set(() -> audit.show(stage));
            InDoubtWindow inDoubt = new InDoubtWindow(session);
            view.openInDoubtProperty().set(() -> inDoubt.show(stage));
            ShardMapWindow shardMap = new ShardMapWindow(session);
            view.openShardMapProperty().set(() -> shardMap.show(stage));
            view.clusterActionsProperty().set(new ClusterActions(() -> stage, session));
            if (preferences != null) {
                preferences.restore(stage);
            }
            stage.setOnHidden(e -> {
                if (preferences != null) {
                    preferences.remember(stage);
                }
                view.dispose();
                closed.countDown();
            });
            stage.show();
        });
        closed.await();
        auditIo.shutdownNow();
        Platform.exit();
    }
}
