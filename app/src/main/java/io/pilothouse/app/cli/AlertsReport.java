package io.pilothouse.app.cli;

import io.pilothouse.app.json.EstateJson;
import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.outbound.DeliveryStatus;
import io.pilothouse.services.alerts.outbound.DeliveryStatusFile;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code pilothouse alerts} prints: the open alerts, then each configured target with the state a session last
 * wrote (its age, and whether the writing process still runs), or that none has been written.
 */
record AlertsReport(List<Alert> alerts, List<Target> targets, Instant now) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Sessions write every 5 s: older than this, the writer stopped or hangs. */
    private static final Duration FRESH = Duration.ofSeconds(15);

    /**
     * One configured target.
     *
     * @param target        {@code alertmanager} or {@code webhook}
     * @param url           its URL as configured
     * @param state         what a session last wrote, or null when none has
     * @param writtenAt     when it was written, or null
     * @param writerPid     the process that wrote it, or 0
     * @param writerRunning whether that process still runs
     */
    record Target(String target, String url, DeliveryStatus state, Instant writtenAt, long writerPid,
                  boolean writerRunning) {}

    /** The JSON document: {@code {"alerts":[…], "outbound":[…], "gaps":[…]}}. */
    record Document(List<AlertLine> alerts, List<Target> outbound, List<String> gaps) {}

    /** An open alert with its cluster (the fields of {@code snapshot --json}'s alerts, plus source and cluster). */
    record AlertLine(String source, String cluster, EstateJson.AlertJson alert) {}

    static AlertsReport of(Workspace workspace, ActiveAlerts active, Optional<DeliveryStatusFile.Stored> stored,
                           Instant now) {
        List<Target> targets = new ArrayList<>();
        OutboundConfig config = workspace.outbound();
        if (config != null) {
            add(targets, "alertmanager", config.alertmanager(), stored);
            add(targets, "webhook", config.webhook(), stored);
        }
        return new AlertsReport(active.alerts(), targets, now);
    }

    private static void add(List<Target> out, String name, OutboundConfig.Target config,
                            Optional<DeliveryStatusFile.Stored> stored) {
        if (config == null) {
            return;
        }
        DeliveryStatus state = stored.flatMap(s -> s.targets().stream().filter(t -> t.target().equals(name))
                .findFirst()).orElse(null);
        long pid = stored.map(DeliveryStatusFile.Stored::pid).orElse(0L);
        boolean running = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        out.add(new Target(name, state != null ? state.url() : config.url(), state,
                state == null ? null : stored.get().writtenAt(), state == null ? 0 : pid, state != null && running));
    }

    Document json(List<String> gaps) {
        return new Document(alerts.stream().map(a -> new AlertLine(a.source(), a.cluster(),
                EstateJson.AlertJson.of(a))).toList(), targets, gaps);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(alerts.isEmpty() ? "No open alerts" : alerts.size() + " open alert(s)")
                .append(" (read once now: alerts with a grace period show once it has passed)\n");
        for (Alert a : alerts) {
            out.append(String.format("  %-8s since %s  %s/%s%s  %s: %s%n", a.severity().label(),
                    TIME.format(a.since()), a.source(), a.cluster(), a.member() == null ? "" : "/" + a.member(),
                    a.rule().key(), a.message()));
        }
        if (targets.isEmpty()) {
            out.append("Outbound: none (add outbound.alertmanager or outbound.webhook to the workspace)\n");
            return out.toString();
        }
        out.append("Outbound (as the window, watch or a wall of this workspace last wrote it; this command sends "
                + "nothing):\n");
        for (Target t : targets) {
            out.append("  ").append(String.format("%-12s", t.target())).append(' ').append(t.url()).append('\n');
            DeliveryStatus s = t.state();
            if (s == null) {
                out.append("      no delivery recorded on this machine yet\n");
                continue;
            }
            out.append("      last: ").append(s.lastAttempt() == null ? "no attempt yet"
                    : s.lastResult() + " at " + TIME.format(s.lastAttempt()) + " (" + ago(s.lastAttempt()) + ")")
                    .append('\n');
            out.append(String.format("      delivered %d, failed %d, dropped %d, queued %d%s%n", s.delivered(),
                    s.failed(), s.dropped(), s.queued(), s.lastDelivered() == null ? ""
                            : "; last delivered " + TIME.format(s.lastDelivered())));
            boolean fresh = t.writtenAt() != null && Duration.between(t.writtenAt(), now).compareTo(FRESH) <= 0;
            out.append("      state written ").append(ago(t.writtenAt())).append(" by pid ").append(t.writerPid())
                    .append(t.writerRunning() ? fresh ? " (running)" : " (running, but not writing: stuck?)"
                            : " (no longer running: nothing is delivering now)").append('\n');
        }
        return out.toString();
    }

    private String ago(Instant t) {
        long s = Math.max(0, Duration.between(t, now).toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
