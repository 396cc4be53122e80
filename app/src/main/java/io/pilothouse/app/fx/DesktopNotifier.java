package io.pilothouse.app.fx;

import io.pilothouse.services.history.Notification;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.views.notify.DesktopNotifications;

import java.util.concurrent.Executor;

/**
 * The window's {@link Notifier}: hands each notification to the FX thread. Notifications are rare (leader changes,
 * lost members), so one hand-over each is fine — unlike snapshots, which the view pulls once per frame.
 */
public final class DesktopNotifier implements Notifier {

    private final Executor fx;

    /** Shows notifications on the FX thread. */
    public DesktopNotifier() {
        this(FxToolkit.fx());
    }

    /** @param fx where notifications are shown (the FX thread in the app) */
    public DesktopNotifier(Executor fx) {
        this.fx = fx;
    }

    @Override
    public void notify(Notification n) {
        fx.execute(() -> DesktopNotifications.show(n));
    }
}
