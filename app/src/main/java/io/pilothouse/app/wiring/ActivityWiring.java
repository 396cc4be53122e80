package io.pilothouse.app.wiring;

import io.pilothouse.services.activity.ActivityReader;
import io.pilothouse.services.activity.ActivityService;
import io.pilothouse.services.activity.BackendSignals;
import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.policy.OperationGuard;
import io.pilothouse.services.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;

/** The activity of a session's nodes, and cancelling or terminating their backends inside its guard. */
final class ActivityWiring {

    private final Workspace workspace;
    private final EstateMonitor monitor;
    private final OperationGuard guard;
    private ActivityService activity;

    ActivityWiring(Workspace workspace, EstateMonitor monitor, OperationGuard guard) {
        this.workspace = workspace;
        this.monitor = monitor;
        this.guard = guard;
    }

    synchronized ActivityService activity() {
        // One per session, so that each node's transactions and WAL per second build up over reads.
        if (activity == null) {
            activity = new ActivityService(monitor.feed()::latest, monitor::open,
                    new ActivityReader(Duration.ofSeconds(2)), Clock.systemUTC());
        }
        return activity;
    }

    BackendSignals backendSignals() {
        return new BackendSignals(guard, (node, user) -> user == null
                ? monitor.open(node.host(), node.port())
                : monitor.openAs(node.source(), node.host(), node.port(), workspace.sources().stream()
                        .filter(s -> s.name().equals(node.source())).findFirst()
                        .map(s -> s.postgres() == null ? "postgres" : s.postgres().database()).orElse("postgres"),
                        user), monitor.feed()::latest);
    }
}
