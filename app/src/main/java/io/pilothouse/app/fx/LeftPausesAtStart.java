package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.history.Notification;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.history.Severity;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * At the window's start, a pause a killed app left at PgBouncer (in the hold journal) is resumed, as the CLI's
 * traffic and switchover commands already do at theirs, and a notification says what was done. Off the FX thread:
 * resuming talks to PgBouncer.
 */
final class LeftPausesAtStart {

    private LeftPausesAtStart() {
    }

    /** On the session's I/O executor. */
    static void resume(LiveSession session, Notifier notifier) {
        resume(session.ioExecutor(), () -> session.trafficOps().resumeLeftPauses(), notifier);
    }

    /** Runs {@code resume} on {@code io}; notifies when it did (or could not do) anything. */
    static void resume(Executor io, Supplier<List<String>> resume, Notifier notifier) {
        io.execute(() -> {
            List<String> lines;
            try {
                lines = resume.get();
            } catch (RuntimeException e) {
                lines = List.of("the hold journal could not be read: " + e.getMessage());
            }
            if (!lines.isEmpty()) {
                boolean allResumed = lines.stream().allMatch(l -> l.endsWith("resumed (it had been left paused)")
                        || l.endsWith("already running") || l.endsWith("no such database any more"));
                notifier.notify(new Notification("PgBouncer pause left behind by an earlier session",
                        String.join("\n", lines), allResumed ? Severity.INFO : Severity.WARNING));
            }
        });
    }
}
