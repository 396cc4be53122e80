package io.pilothouse.app.wiring;

import io.pilothouse.services.alerts.AlertMonitor;
import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.history.PatroniHistoryClient;
import io.pilothouse.services.history.TimelineRefresher;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.locks.OtherOperators;
import io.pilothouse.services.locks.WorkspaceLocks;
import io.pilothouse.services.workspace.Workspace;

import java.time.Duration;

/**
 * What a long-running session starts beside the live model when it begins, and stops first when it closes: the
 * timeline refresher, alerts that leave the app (outbound targets, desktop notifications), and the listing of other
 * operators' running operations.
 */
final class SessionReaders implements AutoCloseable {

    private final TimelineRefresher timelines;
    private final OutboundWiring outbound;
    private final AutoCloseable osNotifications;
    private final OtherOperators otherOperators;

    private SessionReaders(TimelineRefresher timelines, OutboundWiring outbound, AutoCloseable osNotifications,
                           OtherOperators otherOperators) {
        this.timelines = timelines;
        this.outbound = outbound;
        this.osNotifications = osNotifications;
        this.otherOperators = otherOperators;
    }

    /**
     * @param outbound        whether alerts go to the workspace's outbound targets: only from the sessions that record
     *                        history (window, watch, wall); an operation command's few seconds would only add noise
     * @param osNotifications whether raised alerts also go to the desktop's notifications (when it offers them)
     */
    static SessionReaders start(Workspace workspace, EstateMonitor monitor, EstateHistory history, AlertMonitor alerts,
                                LiveExecutors executors, WorkspaceLocks locks, OperationRegistry registry,
                                boolean outbound, boolean osNotifications) {
        // The pollers' REST client: the refresher's callbacks share the bounded polling pool.
        TimelineRefresher timelines = new TimelineRefresher(monitor.feed(),
                new PatroniHistoryClient(monitor.pollingRest()), history, executors.scheduler(), Duration.ofSeconds(30));
        OutboundWiring targets = outbound ? OutboundWiring.start(workspace, alerts, executors) : null;
        AutoCloseable desktop = osNotifications
                ? DesktopAlertNotifications.ifAvailable().map(alerts::onEvent).orElse(null) : null;
        OtherOperators others = OtherOperators.start(locks::held, registry, executors.scheduler(), executors.io(),
                Duration.ofSeconds(5));
        return new SessionReaders(timelines, targets, desktop, others);
    }

    /** The outbound alert targets' state now (Alertmanager, webhook); empty without any. */
    java.util.List<io.pilothouse.services.alerts.outbound.DeliveryStatus> outboundStatuses() {
        return outbound == null ? java.util.List.of() : outbound.statuses();
    }

    @Override
    public void close() {
        if (osNotifications != null) {
            try {
                osNotifications.close();
            } catch (Exception e) {
                // a listener removal cannot fail
            }
        }
        if (outbound != null) {
            outbound.close();
        }
        otherOperators.close();
        timelines.close();
    }
}
