package io.pilothouse.app.cli;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import io.pilothouse.services.alerts.outbound.DeliveryStatus;
import io.pilothouse.services.alerts.outbound.DeliveryStatusFile;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code pilothouse alerts} prints, from a state file written and read back as a session and the CLI do. */
class AlertsReportTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:10:00Z");

    @TempDir
    Path dir;

    private final Workspace workspace = Workspace.builder("ops").outbound(new OutboundConfig(
            new OutboundConfig.Target("http://127.0.0.1:9093", null, null, null, null, null, null),
            new OutboundConfig.Target("http://127.0.0.1:9000/hook", null, null, null, null, null, null))).build();

    private final ActiveAlerts open = new ActiveAlerts(List.of(new Alert("leader-missing/s/demo",
            AlertSeverity.CRITICAL, AlertRule.LEADER_MISSING, "s", "demo", null, "no leader for 12 s",
            Instant.parse("2026-12-07T03:09:00Z"))), 1, NOW);

    @Test
    void showsTheLastResultCountsAndThatTheWriterIsGone() throws Exception {
        Path file = DeliveryStatusFile.of(dir, "ops");
        DeliveryStatusFile.write(file, NOW.minusSeconds(30), List.of(new DeliveryStatus("alertmanager",
                "http://127.0.0.1:9093/api/v2/alerts", NOW.minusSeconds(31), "HTTP 500: boom (attempt 6)",
                NOW.minusSeconds(300), 12, 1, 3, 0)));
        // A pid that does not run: the state is old news, and the text says so.
        Optional<DeliveryStatusFile.Stored> stored = DeliveryStatusFile.read(file)
                .map(s -> new DeliveryStatusFile.Stored(s.writtenAt(), Long.MAX_VALUE, s.targets()));
        String text = AlertsReport.of(workspace, open, stored, NOW).text();
        assertThat(text).contains("1 open alert(s)", "critical", "s/demo", "leader-missing: no leader for 12 s")
                .contains("alertmanager http://127.0.0.1:9093/api/v2/alerts")
                .contains("last: HTTP 500: boom (attempt 6) at 2026-12-07 03:09:29Z (31 s ago)")
                .contains("delivered 12, failed 1, dropped 3, queued 0; last delivered 2026-12-07 03:05:00Z")
                .contains("no longer running: nothing is delivering now")
                .contains("webhook      http://127.0.0.1:9000/hook\n      no delivery recorded on this machine yet");
    }

    @Test
    void withoutTargetsSaysHowToAddOne() {
        String text = AlertsReport.of(Workspace.builder("ops").build(), ActiveAlerts.NONE, Optional.empty(), NOW)
                .text();
        assertThat(text).startsWith("No open alerts").contains("Outbound: none (add outbound.alertmanager");
    }
}
