package io.pilothouse.views.notify;

import io.pilothouse.styles.Theme;
import javafx.stage.Stage;
import javafx.stage.Window;
import io.pilothouse.services.history.Notification;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows a {@link Notification} as a desktop pop-up in the screen corner (ControlsFX), so a DBA looking at another
 * window still sees a failover. Call on the FX thread.
 */
public final class DesktopNotifications {

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
        // ControlsFX needs a window to pop up over (it threw when there was none yet, at start), and takes its look
        // from its own light stylesheet unless told: in the dark theme that was a white-framed, unreadable box.
        Window owner = Window.getWindows().stream().filter(w -> w instanceof Stage && w.isShowing()).findFirst()
                .orElse(null);
        if (owner == null) {
            return;
        }
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
