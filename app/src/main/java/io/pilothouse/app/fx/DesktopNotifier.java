package io.pilothouse.app.fx;

import io.pilothouse.services.history.Notification;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.views.notify.DesktopNotifications;
import javafx.application.Platform;

/**
 * The window's {@link Notifier}: hands each notification to the FX thread. Notifications are rare (leader changes,
 * lost members), so one hand-over each is fine — unlike snapshots, which the view pulls once per frame.
 */
public final class DesktopNotifier implements Notifier {

    @Override
    public void notify(Notification n) {
        Platform.runLater(() -> DesktopNotifications.show(n));
    }
}
