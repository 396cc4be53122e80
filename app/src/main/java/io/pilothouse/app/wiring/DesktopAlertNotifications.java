package io.pilothouse.app.wiring;

import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Raised alerts as OS notifications through libnotify's {@code notify-send} when it is on the PATH (else nothing):
 * one process per raised alert, started and not waited for. Off unless a session turns it on (the window does; a
 * wall does not: nobody sits at a wall to read a popup, and popups would cover the tiles).
 */
final class DesktopAlertNotifications implements Consumer<AlertEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopAlertNotifications.class);

    private final Path notifySend;

    DesktopAlertNotifications(Path notifySend) {
        this.notifySend = notifySend;
    }

    /** Notifications through {@code notify-send}, or empty when this desktop has none. */
    static Optional<DesktopAlertNotifications> ifAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "notify-send");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new DesktopAlertNotifications(candidate));
            }
        }
        return Optional.empty();
    }

    /** The command for {@code event} (only raised alerts are shown), or empty. */
    List<String> command(AlertEvent event) {
        if (event.type() != AlertEvent.Type.ALERT_RAISED) {
            return List.of();
        }
        var a = event.alert();
        String title = "Pilothouse: " + a.rule().label() + " on " + a.cluster()
                + (a.member() == null ? "" : "/" + a.member());
        return List.of(notifySend.toString(), "--app-name=Pilothouse",
                "--urgency=" + (a.severity() == AlertSeverity.CRITICAL ? "critical" : "normal"), "--", title,
                a.message() == null ? "" : a.message());
    }

    @Override
    public void accept(AlertEvent event) {
        List<String> command = command(event);
        if (command.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (java.io.IOException e) {
            LOG.debug("notify-send failed: {}", e.getMessage());
        }
    }
}
