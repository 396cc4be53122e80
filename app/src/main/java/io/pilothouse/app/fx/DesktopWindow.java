package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.app.wiring.LastKnownKeeper;
import io.pilothouse.app.wiring.LiveSession;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.MainView;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cockpit's main window on the desktop. Paint first, fill in after: the window is shown on a session that need
 * not read anything yet, and the session begins reading its sources only once the first frame is laid out
 * ({@link FirstFrame}); the view fills as sources answer.
 */
public final class DesktopWindow {

    private DesktopWindow() {
    }

    /** Opens the main window on a live session and blocks the calling (non-FX) thread until it is closed. */
    public static void showAndWait(LiveSession session, Theme theme, String title) throws InterruptedException {
        showAndWait(session, theme, title, null);
    }

    /**
     * As {@link #showAndWait(LiveSession, Theme, String)}, restoring the window's saved place and size and saving
     * them (with the theme) when it closes; {@code preferences} may be null for neither. A session made with
     * {@link LiveSession#prepare} begins after the first frame.
     */
    public static void showAndWait(LiveSession session, Theme theme, String title, StagePreferences preferences)
            throws InterruptedException {
        FxToolkit.startDesktop();
        CountDownLatch closed = new CountDownLatch(1);
        // The audit window reads its file here, off the FX thread; one thread is plenty for a local file. Shut
        // down below when the main window closes (its thread is not a daemon).
        ExecutorService auditIo = Executors.newSingleThreadExecutor();
        Platform.setImplicitExit(false);
        FxToolkit.fx().execute(() -> open(session, theme, title, preferences, auditIo, closed::countDown));
        closed.await();
        auditIo.shutdownNow();
        Platform.exit();
    }

    /**
     * Shows the main window on {@code session} and begins the session (on a thread of its own) once the first frame
     * is laid out; {@code onClosed} runs when the window is hidden. Call on the FX thread.
     */
    public static Stage open(LiveSession session, Theme theme, String title, StagePreferences preferences,
                             ExecutorService auditIo, Runnable onClosed) {
        WindowFactory windows = new WindowFactory();
        // The estate last seen paints at once (every source marked stale, saying so) until a source answers.
        LastKnownKeeper lastKnown = new LastKnownKeeper(session.workspace().name(), session.feed(), auditIo);
        MainView view = MainViews.on(session, lastKnown.feed());
        AuditWindow audit = new AuditWindow(AuditLogs::open, auditIo, windows);
        Stage stage = windows.main(title, view.root(), theme, 1440, 900);
        // A missing password is asked in a dialog over this window (from the monitor's thread, never this one).
        io.pilothouse.app.wiring.Passwords.askWith(new WindowPasswordPrompt(FxToolkit.fx(), () -> stage,
                new io.pilothouse.services.credentials.OsKeyring()));
        view.openAuditLogProperty().set(() -> audit.show(stage));
        InDoubtWindow inDoubt = new InDoubtWindow(session, windows);
        view.openInDoubtProperty().set(() -> inDoubt.show(stage));
        ShardMapWindow shardMap = new ShardMapWindow(session, windows);
        view.openShardMapProperty().set(() -> shardMap.show(stage));
        ActivityWindow activity = new ActivityWindow(session, windows);
        view.openActivityProperty().set((source, scope, member) -> activity.show(stage, source, scope, member));
        view.memberActivityProperty().set((cluster, member) -> activity.show(stage, cluster.source(),
                cluster.scope(), member));
        view.clusterActionsProperty().set(new ClusterActions(() -> stage, session, windows));
        if (preferences != null) {
            preferences.restore(stage);
            preferences.followLagRange(view.lagRangeProperty());
            preferences.panes(view.workspacePaneShownProperty(), view.detailsPaneShownProperty());
        }
        stage.setOnHidden(e -> {
            lastKnown.close();
            if (preferences != null) {
                preferences.remember(stage);
            }
            view.dispose();
            onClosed.run();
        });
        FirstFrame.then(stage.getScene(), session::beginInBackground);
        StartupTrace.follow(stage.getScene(), session.feed());
        LeftPausesAtStart.resume(session, new DesktopNotifier());
        stage.show();
        return stage;
    }
}
