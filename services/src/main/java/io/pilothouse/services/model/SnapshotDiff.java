package io.pilothouse.services.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Computes the typed events between two snapshots of the same cluster. Pure: no I/O, no clock. */
public final class SnapshotDiff {

    private SnapshotDiff() {
    }

    /**
     * Events that turn {@code before} into {@code after}.
     *
     * @param before previous snapshot, or null when the cluster is new
     * @param after  current snapshot
     * @return events in a stable order: source, leader, timeline, cluster flags, then per member
     */
    public static List<ClusterEvent> between(ClusterSnapshot before, ClusterSnapshot after) {
        List<ClusterEvent> events = new ArrayList<>();
        Instant at = after.observedAt();
        Emitter emit = (type, member, from, to) ->
                events.add(new ClusterEvent(type, after.source(), after.scope(), member, from, to, at));
        if (before == null) {
            emit.add(ClusterEventType.CLUSTER_DISCOVERED, null, null, after.leader());
            // A source already lost when the cluster is first seen is a transition too: say so at start.
            for (SourceKind kind : SourceKind.values()) {
                if (lost(after.sourceStatus(kind).freshness())) {
                    emit.add(ClusterEventType.SOURCE_LOST, null, kind.name(), after.sourceStatus(kind).lastError());
                }
            }
            return events;
        }
        sourceEvents(before, after, emit);
        leaderEvents(before, after, emit);
        if (before.timeline() != null && after.timeline() != null && !before.timeline().equals(after.timeline())) {
            emit.add(ClusterEventType.TIMELINE_CHANGED, null, str(before.timeline()), str(after.timeline()));
        }
        if (before.paused() != after.paused()) {
            emit.add(ClusterEventType.PAUSE_CHANGED, null, str(before.paused()), str(after.paused()));
        }
        if (!Objects.equals(before.scheduledSwitchover(), after.scheduledSwitchover())) {
            emit.add(ClusterEventType.SCHEDULED_SWITCHOVER_CHANGED, null,
                    describe(before.scheduledSwitchover()), describe(after.scheduledSwitchover()));
        }
        memberEvents(before, after, emit);
        return events;
    }

    private static void sourceEvents(ClusterSnapshot before, ClusterSnapshot after, Emitter emit) {
        for (SourceKind kind : SourceKind.values()) {
            Freshness was = before.sourceStatus(kind).freshness();
            Freshness now = after.sourceStatus(kind).freshness();
            // Every transition counts, including from "not read yet" to "lost" right after start.
            if (!lost(was) && lost(now)) {
                emit.add(ClusterEventType.SOURCE_LOST, null, kind.name(), after.sourceStatus(kind).lastError());
            } else if (lost(was) && now == Freshness.LIVE) {
                emit.add(ClusterEventType.SOURCE_REGAINED, null, null, kind.name());
            }
        }
    }

    private static void leaderEvents(ClusterSnapshot before, ClusterSnapshot after, Emitter emit) {
        String was = before.leader();
        String now = after.leader();
        if (Objects.equals(was, now)) {
            return;
        }
        Member old = was == null ? null : before.member(was).orElse(null);
        if (now != null && old != null && provisional(old) && after.member(was).isEmpty()) {
            return; // the leader known by its seed's address was named: the same server, not a leader change
        }
        if (now == null) {
            emit.add(ClusterEventType.LEADER_LOST, was, was, null);
        } else if (was == null) {
            emit.add(ClusterEventType.LEADER_ELECTED, now, null, now);
        } else {
            emit.add(ClusterEventType.LEADER_CHANGED, now, was, now);
        }
    }

    private static void memberEvents(ClusterSnapshot before, ClusterSnapshot after, Emitter emit) {
        Map<String, Member> old = byName(before);
        Map<String, Member> cur = byName(after);
        for (Member m : after.members()) {
            Member o = old.get(m.name());
            if (o == null) {
                if (renamed(m, before, cur).isEmpty()) {
                    emit.add(ClusterEventType.MEMBER_JOINED, m.name(), null, m.role().label());
                }
                continue;
            }
            if (o.role() != m.role()) {
                emit.add(ClusterEventType.ROLE_CHANGED, m.name(), o.role().label(), m.role().label());
            }
            if (o.state() != m.state()) {
                emit.add(ClusterEventType.STATE_CHANGED, m.name(), o.state().label(), m.state().label());
            }
            boolean wasFresh = o.freshness() == Freshness.LIVE;
            boolean isFresh = m.freshness() == Freshness.LIVE;
            if (wasFresh && (m.freshness() == Freshness.STALE || m.freshness() == Freshness.UNREACHABLE)) {
                emit.add(ClusterEventType.MEMBER_STALE, m.name(), o.freshness().name(), m.freshness().name());
            } else if (!wasFresh && isFresh && o.freshness() != Freshness.UNKNOWN) {
                emit.add(ClusterEventType.MEMBER_FRESH, m.name(), o.freshness().name(), m.freshness().name());
            }
        }
        for (Member o : before.members()) {
            if (!cur.containsKey(o.name()) && !provisional(o) && renamed(o, after, old).isEmpty()) {
                emit.add(ClusterEventType.MEMBER_LEFT, o.name(), o.role().label(), null);
            }
        }
    }

    /**
     * The member of {@code other} that is {@code m} under another name: same Patroni REST URL or PostgreSQL endpoint,
     * and a name {@code m}'s own snapshot does not have ({@code sameSide}). A member first known only by its seed's
     * address ({@code 127.0.0.1:8008}) and then by its Patroni name is one member, neither gone nor new.
     */
    private static Optional<Member> renamed(Member m, ClusterSnapshot other, Map<String, Member> sameSide) {
        return other.members().stream().filter(o -> !o.name().equals(m.name()) && !sameSide.containsKey(o.name()))
                .filter(o -> (m.apiUrl() != null && m.apiUrl().equals(o.apiUrl()))
                        || (m.host() != null && m.port() > 0 && m.host().equals(o.host()) && m.port() == o.port()))
                .findFirst();
    }

    /**
     * A member known by nothing but a provisional name, its seed's address ({@code GET /patroni} of Patroni 3.0 does
     * not say its name): no REST URL or endpoint to match it by, so its going is its being named, not a departure.
     */
    private static boolean provisional(Member m) {
        return m.apiUrl() == null && m.host() == null;
    }

    private static boolean lost(Freshness f) {
        return f == Freshness.STALE || f == Freshness.UNREACHABLE;
    }

    private static Map<String, Member> byName(ClusterSnapshot s) {
        return s.members().stream().collect(Collectors.toMap(Member::name, Function.identity(), (a, b) -> a));
    }

    private static String describe(ScheduledSwitchover s) {
        return s == null ? null : "at " + s.at() + (s.to() == null ? "" : " to " + s.to());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @FunctionalInterface
    private interface Emitter {
        void add(ClusterEventType type, String member, String from, String to);
    }
}
