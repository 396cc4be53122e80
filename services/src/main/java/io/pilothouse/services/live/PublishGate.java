package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a cluster's newly assembled snapshot is worth publishing. A snapshot that differs from the last
 * published one only in its clocks (when it was observed, when each source and member last answered, the leader
 * lease's countdown) is held back until {@code heartbeat} has passed since the last publish, so ages and the lease
 * still move; any other difference is published at once. Every publish costs the whole estate (a new estate
 * snapshot, alert evaluation, a frame), so an estate of hundreds of clusters must not republish each of them every
 * second for clocks alone.
 */
final class PublishGate {

    private final Duration heartbeat;
    private Instant lastPublished;

    PublishGate(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    /** What to do with a newly assembled snapshot. */
    enum Decision {
        /** Nothing but clocks moved, and the heartbeat is not due: keep the last published one. */
        HOLD,
        /** Nothing but clocks moved, and the heartbeat is due: publish, with the estate's next flush. */
        CLOCKS,
        /** Something other than clocks changed (or it is the first): publish now. */
        CHANGED
    }

    /** True when {@code next} must be published after {@code last} (the last published, or null). */
    boolean shouldPublish(ClusterSnapshot last, ClusterSnapshot next, Instant now) {
        return decide(last, next, now) != Decision.HOLD;
    }

    /**
     * True when a snapshot differing only in its clocks would be published at {@code now}: none was yet, or the
     * heartbeat has passed since the last.
     */
    boolean heartbeatDue(Instant now) {
        return lastPublished == null || !now.isBefore(lastPublished.plus(heartbeat));
    }

    /** A snapshot known to differ from the last only in its clocks was published at {@code now} (heartbeat due). */
    void clocksPublished(Instant now) {
        lastPublished = now;
    }

    /** Whether and how urgently {@code next} is published after {@code last} (the last published, or null). */
    Decision decide(ClusterSnapshot last, ClusterSnapshot next, Instant now) {
        Decision d = last == null || lastPublished == null || !sameButClocks(last, next) ? Decision.CHANGED
                : heartbeatDue(now) ? Decision.CLOCKS : Decision.HOLD;
        if (d != Decision.HOLD) {
            lastPublished = now;
        }
        return d;
    }

    /** True when the two snapshots differ in nothing but times and the lease countdown. */
    static boolean sameButClocks(ClusterSnapshot a, ClusterSnapshot b) {
        if (a.members().size() != b.members().size()) {
            return false;
        }
        for (int i = 0; i < a.members().size(); i++) {
            if (!withoutClock(a.members().get(i)).equals(withoutClock(b.members().get(i)))) {
                return false;
            }
        }
        return Objects.equals((a.leaderLeaseSecondsLeft() == null), (b.leaderLeaseSecondsLeft() == null))
                && withoutClocks(a.sources()).equals(withoutClocks(b.sources()))
                && withoutClocks(a).equals(withoutClocks(b));
    }

    private static Member withoutClock(Member m) {
        return m.lastSeen() == null ? m : m.toBuilder().lastSeen(null).build();
    }

    private static Map<SourceKind, SourceStatus> withoutClocks(Map<SourceKind, SourceStatus> sources) {
        Map<SourceKind, SourceStatus> out = new EnumMap<>(SourceKind.class);
        sources.forEach((k, s) -> out.put(k, new SourceStatus(s.kind(), s.freshness(), null, s.lastError())));
        return out;
    }

    private static ClusterSnapshot withoutClocks(ClusterSnapshot c) {
        return c.toBuilder().observedAt(null).leaderLeaseSecondsLeft(null).sources(Map.of())
                .members(java.util.List.of()).build();
    }
}
