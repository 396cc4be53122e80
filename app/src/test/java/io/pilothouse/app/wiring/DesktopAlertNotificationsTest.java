package io.pilothouse.app.wiring;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertRule;
import io.pilothouse.services.alerts.AlertSeverity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The notify-send command line for an alert: only raised alerts, urgency from the severity, text after "--". */
class DesktopAlertNotificationsTest {

    private final DesktopAlertNotifications notifications =
            new DesktopAlertNotifications(Path.of("/usr/bin/notify-send"));

    private static Alert alert(AlertSeverity severity, String message) {
        return new Alert("x", severity, AlertRule.REPLICA_NOT_STREAMING, "s", "demo", "node2", message,
                Instant.EPOCH);
    }

    @Test
    void aRaisedCriticalAlertIsACriticalNotificationWithItsMessage() {
        assertThat(notifications.command(new AlertEvent(AlertEvent.Type.ALERT_RAISED,
                alert(AlertSeverity.CRITICAL, "--node2 is not streaming"), Instant.EPOCH)))
                .containsExactly("/usr/bin/notify-send", "--app-name=Pilothouse", "--urgency=critical", "--",
                        "Pilothouse: replica not streaming on demo/node2", "--node2 is not streaming");
    }

    @Test
    void aClearedAlertShowsNothing() {
        assertThat(notifications.command(new AlertEvent(AlertEvent.Type.ALERT_CLEARED,
                alert(AlertSeverity.WARNING, "m"), Instant.EPOCH))).isEmpty();
    }
}
