package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.workspace.Workspace;
import io.pilothouse.services.workspace.WorkspaceLoader;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.Styles;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paint first, fill in after: the main window is shown before its session reads anything (its etcd endpoint is a
 * closed port here), the session begins once the first frame is laid out, and the status bar is never green.
 */
class PaintFirstTest {

    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private LiveSession session;

    @AfterEach
    void close() throws Exception {
        FxToolkit.call(() -> {
            new ArrayList<>(Window.getWindows()).forEach(w -> ((Stage) w).close());
            return null;
        }, 10);
        if (session != null) {
            session.close();
        }
        io.shutdownNow();
    }

    @Test
    void theWindowIsShownBeforeTheSessionReadsAndTheSessionBeginsAfterTheFirstFrame() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Workspace workspace = new WorkspaceLoader().fromEtcd(List.of("http://127.0.0.1:" + closedPort), "/service");
        FxToolkit.startHeadless();
        session = LiveSession.prepare(workspace, LiveSettings.DEFAULTS, Notifier.NONE,
                e -> { }, SessionHistory.Mode.OFF);

        long t0 = System.nanoTime();
        boolean[] begunWhenShown = new boolean[1];
        Stage stage = FxToolkit.call(() -> {
            Stage s = DesktopWindow.open(session, Theme.LIGHT, "Pilothouse", null, io, () -> { });
            begunWhenShown[0] = session.begun();
            return s;
        }, 20);
        double shownAfter = (System.nanoTime() - t0) / 1e9;

        assertThat(FxToolkit.call(stage::isShowing, 5)).isTrue();
        assertThat(begunWhenShown[0]).as("the session must not read before the window is shown").isFalse();
        // Generous for 2 loaded cores: building the main view is all that stands between the call and the window.
        assertThat(shownAfter).as("seconds from open to a shown window").isLessThan(15);
        assertThat(statusTexts(stage)).contains("not connected yet", "not updated yet")
                .allSatisfy(t -> assertThat(t).isIn("not connected yet", "not updated yet", "No operation running"));

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, session::begun);
        // The closed port was tried and named as the gap; the window stays open and nothing turned green.
        List<String> unanswered = session.awaitAnswered(java.time.Duration.ofSeconds(3));
        assertThat(session.feed().latest().clusters()).isEmpty();
        assertThat(String.join("\n", unanswered)).contains("etcd");
        assertThat(FxToolkit.call(stage::isShowing, 5)).isTrue();
        assertThat(statusTexts(stage)).allSatisfy(t -> assertThat(t).doesNotContain("live"));
    }

    private static List<String> statusTexts(Stage stage) throws Exception {
        return FxToolkit.call(() -> {
            List<String> out = new ArrayList<>();
            for (Node n : stage.getScene().getRoot().lookupAll("." + Styles.STATUS_TEXT)) {
                if (n instanceof Labeled l && n.isVisible()) {
                    out.add(l.getText());
                }
            }
            return out;
        }, 5);
    }
}
