package io.pilothouse.services.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-07T07:00:00Z");
    private final TimelineSchedule schedule = new TimelineSchedule(Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void aNewClusterIsDueAtOnceAndAgainAfterTheInterval() {
        assertThat(schedule.due("c", T0)).isTrue();
        schedule.succeeded("c", T0);
        assertThat(schedule.due("c", T0.plusSeconds(29))).isFalse();
        assertThat(schedule.due("c", T0.plusSeconds(30))).isTrue();
    }

    @Test
    void failuresDoubleTheWaitUpToTheMaximum() {
        Instant t = T0;
        long[] waits = new long[6];
        for (int i = 0; i < waits.length; i++) {
            schedule.failed("c", t);
            Instant next = t;
            while (!schedule.due("c", next)) {
                next = next.plusSeconds(1);
            }
            waits[i] = Duration.between(t, next).toSeconds();
            t = next;
        }
        assertThat(waits).containsExactly(30, 60, 120, 240, 300, 300);
    }

    @Test
    void aResetMakesItDueAtOnce() {
        schedule.failed("c", T0);
        schedule.failed("c", T0);
        schedule.reset("c");
        assertThat(schedule.due("c", T0)).isTrue();
    }
}
