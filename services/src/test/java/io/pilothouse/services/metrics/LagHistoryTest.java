package io.pilothouse.services.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagHistoryTest {

    @Test
    void marksLeaderChangesButNotTheFirstSighting() {
        LagHistory h = new LagHistory(10);
        h.observeLeader("c", "node1", 1_000);
        h.observeLeader("c", "node1", 2_000);
        h.observeLeader("c", "node2", 3_000);
        h.observeLeader("c", null, 4_000);
        h.observeLeader("c", "node2", 5_000);

        assertThat(h.leaderChanges("c", 0, 10_000)).containsExactly(3_000);
        assertThat(h.leaderChanges("c", 3_001, 10_000)).isEmpty();
    }

    @Test
    void listsMembersAndServesCopiesOfTheirSeries() {
        LagHistory h = new LagHistory(10);
        long v0 = h.version();
        h.append("c", "node3", LagMetric.REPLAY_BYTES, 1_000, 42);
        h.append("c", "node2", LagMetric.REPLAY_BYTES, 1_000, 7);
        h.publish();

        assertThat(h.version()).isGreaterThan(v0);
        assertThat(h.members("c")).containsExactly("node2", "node3");
        long[] t = new long[4];
        double[] v = new double[4];
        assertThat(h.copy("c", "node3", LagMetric.REPLAY_BYTES, 0, 2_000, t, v)).isEqualTo(1);
        assertThat(v[0]).isEqualTo(42);
        assertThat(h.copy("c", "node3", LagMetric.SENT_BYTES, 0, 2_000, t, v)).isZero();
        assertThat(h.latestTime("c")).hasValue(1_000);
    }
}
