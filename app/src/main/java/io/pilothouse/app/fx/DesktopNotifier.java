package io.pilothouse.app.fx;

import io.pilothouse.services.history.Notification;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.views.notify.DesktopNotifications;

import java.util.concurrent.Executor;

/**
 * The window's {@link Notifier}: hands each notification to the FX thread. Notifications are rare on a few clusters
 * (leader changes, lost members), so one hand-over each is fine; on an estate of hundreds they come in bursts, which
 * {@link io.pilothouse.services.history.AggregatingNotifier} folds into a summary.
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
        this.aggregated = new io.pilothouse.services.history.AggregatingNotifier(
                n -> fx.execute(() -> DesktopNotifications.show(n)), SUMMARIES,
                io.pilothouse.services.history.AggregatingNotifier.WINDOW,
                io.pilothouse.services.history.AggregatingNotifier.BURST);
    }

    /** Sends the summaries of bursts (one daemon thread for the whole app, idle between bursts). */
    private static final java.util.concurrent.ScheduledExecutorService SUMMARIES =
            io.pilothouse.services.live.LiveExecutors.single("notification-summaries");

    /** A burst (many clusters changing at once) becomes a few pop-ups and one summary, never a pile. */
    private final Notifier aggregated;

    @Override
    public void notify(Notification n) {
        aggregated.notify(n);
    }
}
