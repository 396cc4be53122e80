package io.pilothouse.views.notify;

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

    /** Pops {@code n} up; critical ones stay until dismissed, the others fade after a while. */
    public static void show(Notification n) {
        Notifications popup = Notifications.create()
                .title(n.title())
                .text(n.message())
                .hideAfter(switch (n.severity()) {
                    case CRITICAL -> Duration.INDEFINITE;
                    case WARNING -> Duration.seconds(30);
                    default -> Duration.seconds(10);
                });
        switch (n.severity()) {
            case CRITICAL -> popup.showError();
            case WARNING -> popup.showWarning();
            default -> popup.showInformation();
        }
    }
}
