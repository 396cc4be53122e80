package io.pilothouse.views.notify;

import io.pilothouse.services.history.Notification;
import io.pilothouse.styles.Theme;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows a {@link Notification} as a desktop pop-up in the screen corner (ControlsFX), so a DBA looking at another
 * window still sees a failover. Call on the FX thread. A pop-up needs a showing window to belong to: what arrives
 * before the first window shows (a session's first events) waits and pops up once one shows, the newest
 * {@value #MAX_WAITING} of them.
 */
public final class DesktopNotifications {

    static final int MAX_WAITING = 20;

    private static final Deque<Notification> WAITING = new ArrayDeque<>();
    private static boolean listening;

    private DesktopNotifications() {
    }

    /** ControlsFX sizes the pop-up to one line of text; long lines would run off the screen's edge. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > width) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    /** Pops {@code n} up; critical ones stay until dismissed, the others fade after a while. */
    public static void show(Notification n) {
        // ControlsFX needs a window to pop up over (it threw "Owner window must not be null" when there was none
        // yet, at start), and takes its look from its own light stylesheet unless told: in the dark theme that was a
        // white-framed, unreadable box.
        Optional<Window> owner = owner();
        if (owner.isEmpty()) {
            waitForAWindow(n);
            return;
        }
        popUp(n, owner.get());
    }

    /** How many notifications wait for a window to show. */
    static int waiting() {
        return WAITING.size();
    }

    private static Optional<Window> owner() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage && w.isShowing()).findFirst();
    }

    private static void waitForAWindow(Notification n) {
        if (WAITING.size() == MAX_WAITING) {
            WAITING.removeFirst();
        }
        WAITING.addLast(n);
        if (!listening) {
            listening = true;
            // Window.getWindows() lists the showing windows: the first stage to show takes the waiting pop-ups.
            // Shown on a later pulse, once that window is done showing (not while the list is being changed).
            Window.getWindows().addListener((ListChangeListener<Window>) change -> {
                PauseTransition later = new PauseTransition(Duration.millis(1));
                later.setOnFinished(e -> showWaiting());
                later.play();
            });
        }
    }

    private static void showWaiting() {
        for (Optional<Window> owner = owner(); !WAITING.isEmpty() && owner.isPresent(); owner = owner()) {
            popUp(WAITING.removeFirst(), owner.get());
        }
    }

    private static void popUp(Notification n, Window owner) {
        Notifications popup = Notifications.create()
                .owner(owner)
                .title(n.title())
                .text(wrap(n.message(), 60))
                .hideAfter(switch (n.severity()) {
                    case CRITICAL -> Duration.INDEFINITE;
                    case WARNING -> Duration.seconds(30);
                    default -> Duration.seconds(10);
                });
        if (owner.getScene() != null && Theme.of(owner.getScene()) == Theme.DARK) {
            popup.darkStyle();
        }
        switch (n.severity()) {
            case CRITICAL -> popup.showError();
            case WARNING -> popup.showWarning();
            default -> popup.showInformation();
        }
    }
}
