package io.pilothouse.services.live;

import io.pilothouse.services.testing.HandClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PollBackoffTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-07T03:00:00Z"));
    private final PollBackoff backoff = PollBackoff.live(clock);

    /** Seconds until {@code key} is due again, by stepping the clock a second at a time. */
    private int secondsUntilDue(String key) {
        int waited = 0;
        while (!backoff.due(key)) {
            clock.advance(Duration.ofSeconds(1));
            waited++;
        }
        return waited;
    }

    @Test
    void keepsTheNormalPaceForTheFirstFailuresThenDoublesUpToFiveMinutes() {
        int[] waits = new int[13];
        for (int i = 0; i < waits.length; i++) {
            backoff.failed("http://a:8008");
            waits[i] = secondsUntilDue("http://a:8008");
        }

        assertThat(waits).containsExactly(1, 1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300);
        assertThat(backoff.failures("http://a:8008")).isEqualTo(13);
    }

    @Test
    void somethingThatAnsweredOnceIsAskedAtTheNormalPaceWhenItStops() {
        backoff.succeeded("node2");
        int[] waits = new int[6];
        for (int i = 0; i < waits.length; i++) {
            backoff.failed("node2");
            waits[i] = secondsUntilDue("node2");
        }

        assertThat(waits).containsExactly(1, 1, 1, 1, 1, 1);
    }

    @Test
    void aSignOfLifeMakesItDueAtOnceWithoutCountingAsAnAnswer() {
        for (int i = 0; i < 6; i++) {
            backoff.failed("sim");
        }
        backoff.reset("sim");
        assertThat(backoff.due("sim")).isTrue();

        for (int i = 0; i < 4; i++) {
            backoff.failed("sim");
        }
        assertThat(secondsUntilDue("sim")).isEqualTo(2);
    }

    @Test
    void oneAnswerOrASignOfLifeMakesItDueAtOnce() {
        for (int i = 0; i < 6; i++) {
            backoff.failed("node1");
        }
        assertThat(backoff.due("node1")).isFalse();

        backoff.succeeded("node1");

        assertThat(backoff.due("node1")).isTrue();
        assertThat(backoff.failures("node1")).isZero();
    }

    @Test
    void eachEndpointWaitsOnItsOwnAndForgottenOnesAreDropped() {
        for (int i = 0; i < 6; i++) {
            backoff.failed("dead");
        }
        assertThat(backoff.due("alive")).isTrue();

        backoff.retainOnly(java.util.List.of("alive"));

        assertThat(backoff.due("dead")).isTrue();
    }

    @Test
    void aPlainClustersBackoffNeverWaits() {
        PollBackoff never = PollBackoff.never(clock);
        for (int i = 0; i < 10; i++) {
            never.failed("n");
        }
        assertThat(never.due("n")).isTrue();
    }
}
