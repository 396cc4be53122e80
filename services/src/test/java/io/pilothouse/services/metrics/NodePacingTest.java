package io.pilothouse.services.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodePacingTest {

    private final NodePacing pacing = new NodePacing();

    private long waitAfterFailureAt(String node, long now) {
        pacing.failed(node, now);
        long t = now;
        while (!pacing.due(node, t)) {
            t += 1000;
        }
        return (t - now) / 1000;
    }

    @Test
    void aNodeThatNeverAnsweredIsAskedLessAndLessOftenUpToAMinute() {
        long[] waits = new long[10];
        long now = 0;
        for (int i = 0; i < waits.length; i++) {
            waits[i] = waitAfterFailureAt("10.0.0.1:5432", now);
            now += waits[i] * 1000;
        }
        assertThat(waits).containsExactly(0, 0, 0, 2, 4, 8, 16, 32, 60, 60);
    }

    @Test
    void aNodeThatAnsweredOnceIsAskedEveryRoundWhenItStops() {
        pacing.succeeded("10.0.0.1:5432");
        for (int i = 0; i < 10; i++) {
            pacing.failed("10.0.0.1:5432", i * 1000L);
            assertThat(pacing.due("10.0.0.1:5432", i * 1000L)).isTrue();
        }
    }

    @Test
    void eachNodeWaitsOnItsOwn() {
        for (int i = 0; i < 5; i++) {
            pacing.failed("gone:5432", 0);
        }
        assertThat(pacing.due("gone:5432", 1000)).isFalse();
        assertThat(pacing.due("other:5432", 1000)).isTrue();
    }
}
