package io.pilothouse.app.cli;

import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.OutboundWiring;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.outbound.DeliveryStatusFile;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pilothouse alerts}: the open alerts, read once, and the outbound targets' last delivery result as the
 * workspace's long-running sessions on this machine (window, watch, wall) last wrote it. This command sends nothing.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "List the open alerts and the outbound targets' (Alertmanager, webhook) last delivery result. "
                + "Exit 4 when some alert is open.")
public final class AlertsCommand implements Callable<Integer> {

    /** Some alert is open. */
    static final int OPEN_ALERTS = 4;

    @Mixin
    SourceOptions source;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    SettleTimeout timeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = source.workspace();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ActiveAlerts alerts;
        List<String> unanswered;
        try (LiveSession session = LiveSession.prepare(workspace, LiveSettings.ONE_SHOT, Notifier.NONE, e -> { },
                SessionHistory.Mode.OFF)) {
            session.beginOneShot();
            unanswered = session.awaitAnswered(timeout.duration());
            alerts = session.alerts().latest();
        }
        Optional<DeliveryStatusFile.Stored> stored = workspace.outbound() == null ? Optional.empty()
                : readStored(workspace, err);
        AlertsReport report = AlertsReport.of(workspace, alerts, stored, Clock.systemUTC().instant());
        if (json) {
            out.println(Json.pretty(Json.mapper().valueToTree(report.json(unanswered))));
        } else {
            out.print(report.text());
        }
        out.flush();
        if (!unanswered.isEmpty()) {
            err.println("pilothouse: partial state (exit " + UserErrors.FAILED + "): some sources did not answer "
                    + "within " + timeout.seconds + " s, so their alerts are not listed:");
            unanswered.forEach(g -> err.println("  " + g));
            return UserErrors.FAILED;
        }
        return alerts.alerts().isEmpty() ? 0 : OPEN_ALERTS;
    }

    private static Optional<DeliveryStatusFile.Stored> readStored(Workspace workspace, PrintWriter err) {
        try {
            return DeliveryStatusFile.read(OutboundWiring.statusFile(workspace));
        } catch (Exception e) {
            err.println("pilothouse: could not read the outbound state in " + OutboundWiring.statusFile(workspace)
                    + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
