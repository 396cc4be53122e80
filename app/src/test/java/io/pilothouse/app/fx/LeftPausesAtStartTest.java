package io.pilothouse.app.fx;

import io.pilothouse.services.history.Notification;
import io.pilothouse.services.history.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window start's resume of pauses left in the hold journal: what it did is said in one notification, a pause it
 * could not resume as a warning, and nothing is shown when nothing was left behind. (The resume itself runs against
 * a real PgBouncer in TrafficOperationsSandboxTest.)
 */
class LeftPausesAtStartTest {

    private final List<Notification> shown = new CopyOnWriteArrayList<>();

    @Test
    void aResumedPauseIsSaidAsInformation() {
        LeftPausesAtStart.resume(Runnable::run, () -> List.of("PgBouncer 127.0.0.1:6432 database app (paused "
                + "2026-12-07T01:00:00Z for a switchover of demo/demo): resumed (it had been left paused)"), shown::add);
        assertThat(shown).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("PgBouncer pause left behind by an earlier session");
            assertThat(n.message()).contains("database app").contains("resumed");
            assertThat(n.severity()).isEqualTo(Severity.INFO);
        });
    }

    @Test
    void aPauseStillHeldIsAWarning() {
        LeftPausesAtStart.resume(Runnable::run, () -> List.of("PgBouncer 127.0.0.1:6432 database app (...): could "
                + "not resume now (connection refused); kept in the journal"), shown::add);
        assertThat(shown).singleElement().extracting(Notification::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void nothingLeftBehindShowsNothing() {
        LeftPausesAtStart.resume(Runnable::run, List::of, shown::add);
        assertThat(shown).isEmpty();
    }

    @Test
    void anUnreadableJournalIsSaid() {
        LeftPausesAtStart.resume(Runnable::run, () -> {
            throw new IllegalStateException("traffic-holds is not a directory");
        }, shown::add);
        assertThat(shown).singleElement().extracting(Notification::message).asString()
                .contains("could not be read: traffic-holds is not a directory");
    }
}
