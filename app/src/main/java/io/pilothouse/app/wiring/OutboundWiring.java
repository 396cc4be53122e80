package io.pilothouse.app.wiring;

import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.alerts.outbound.Backoff;
import io.pilothouse.services.alerts.outbound.DeliveryStatusFile;
import io.pilothouse.services.alerts.outbound.OutboundAlerts;
import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A long-running session's outbound alerts (the workspace's {@code outbound:} targets), and their state written every
 * 5 s to {@link #statusFile(Workspace)} for {@code pilothouse alerts}. Nothing when the workspace names no target.
 */
public final class OutboundWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundWiring.class);

    private final OutboundAlerts outbound;
    private final ScheduledExecutorService ticks;
    private final Path file;

    private OutboundWiring(OutboundAlerts outbound, ScheduledExecutorService ticks, Path file) {
        this.outbound = outbound;
        this.ticks = ticks;
        this.file = file;
    }

    /** Where the sessions of {@code workspace} on this machine leave their targets' state: next to the audit log. */
    public static Path statusFile(Workspace workspace) {
        return DeliveryStatusFile.of(AuditLogs.path().toAbsolutePath().getParent().resolve("outbound"),
                workspace.name());
    }

    static OutboundWiring start(Workspace workspace, AlertsFeed alerts, LiveExecutors executors) {
        if (workspace.outbound() == null) {
            return new OutboundWiring(OutboundAlerts.none(), null, null);
        }
        // Its own tick thread: the resend and the state file must not wait behind the live model's ticks.
        ScheduledExecutorService ticks = LiveExecutors.single("outbound");
        PasswordLookup passwords = Passwords.standardChain();
        OutboundAlerts outbound;
        try {
            outbound = OutboundAlerts.start(workspace, alerts, (host, port, database, user) ->
                            passwords.find(host, port, new PostgresConfig(user, database, null, null)),
                    executors.io(), ticks, Clock.systemUTC(), Backoff.DEFAULTS);
        } catch (IllegalArgumentException e) {
            ticks.shutdownNow();
            System.err.println("pilothouse: alerts will not leave the app: " + e.getMessage());
            return new OutboundWiring(OutboundAlerts.none(), null, null);
        }
        OutboundWiring wiring = new OutboundWiring(outbound, ticks, statusFile(workspace));
        ticks.scheduleWithFixedDelay(wiring::writeState, 0, 5, TimeUnit.SECONDS);
        return wiring;
    }

    private void writeState() {
        try {
            DeliveryStatusFile.write(file, Clock.systemUTC().instant(), outbound.statuses());
        } catch (Exception | Error e) {
            LOG.warn("could not write {}: {}", file, e.toString());
        }
    }

    /** The targets' state now (empty without targets). */
    public java.util.List<io.pilothouse.services.alerts.outbound.DeliveryStatus> statuses() {
        return outbound.statuses();
    }

    @Override
    public void close() {
        outbound.close();
        if (ticks != null) {
            ticks.shutdownNow();
            // The last state, so that `pilothouse alerts` shows what this session had delivered when it stopped.
            writeState();
        }
    }
}
