package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A cluster's snapshot when nothing but clocks can have moved since it was assembled: no input changed (no DCS view,
 * no REST or SQL answer, no change of etcd's health, no lease appearing or going) and no read has turned stale with
 * time. Then an assembly would give the same snapshot with new clocks, and {@link #withClocks} gives it without one:
 * an estate of clusters whose members do not answer republishes its clocks without re-deriving every cluster.
 */
final class ClockOnly {

    private ClockOnly() {
    }

    /**
     * The first instant a read of {@code in} that the assembler judges by time ({@link NodeRead#freshness}) turns
     * from live to stale, {@code window} being the assembler's; null when none is live at {@code at}.
     */
    static Instant readsLiveUntil(ClusterInputs in, Instant at, Duration window) {
        Instant first = in.restCluster().liveUntil(at, window);
        for (NodeRead<?> r : in.nodes().values()) {
            first = earlier(first, r.liveUntil(at, window));
        }
        for (NodeRead<?> r : in.sql().values()) {
            first = earlier(first, r.liveUntil(at, window));
        }
        return first;
    }

    /**
     * {@code s} with the clocks of {@code at}: when it was observed, the lease's countdown (where {@code s} shows a
     * lease) and etcd's last confirmation ({@code etcd}, null when etcd is not followed).
     */
    static ClusterSnapshot withClocks(ClusterSnapshot s, Instant at, Long leaseSecondsLeft, SourceStatus etcd) {
        ClusterSnapshot.Builder b = s.toBuilder().observedAt(at)
                .leaderLeaseSecondsLeft(s.leaderLeaseSecondsLeft() == null ? null : leaseSecondsLeft);
        if (etcd != null) {
            Map<SourceKind, SourceStatus> sources = new EnumMap<>(SourceKind.class);
            sources.putAll(s.sources());
            sources.put(SourceKind.ETCD, etcd);
            b.sources(sources);
        }
        return b.build();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
