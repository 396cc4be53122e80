package io.pilothouse.services.model;

import io.pilothouse.services.indoubt.PreparedBranch;
import io.pilothouse.services.slots.NodeSlots;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything known about one cluster at one moment. Immutable: sources build a new one on every change.
 *
 * @param source             display name of the workspace source this cluster was found through
 * @param scope              Patroni scope (cluster name)
 * @param leader             name of the member holding the leader key, or null when there is none
 * @param timeline           the leader's timeline, or null
 * @param paused             maintenance mode
 * @param scheduledSwitchover a pending scheduled switchover, or null
 * @param leaderLeaseSecondsLeft seconds left on the leader key's etcd lease when last read, or null if not known
 * @param ttlSeconds         the cluster's DCS {@code ttl}, or null
 * @param maximumLagOnFailover the cluster's {@code maximum_lag_on_failover} in bytes, or null
 * @param members            members sorted leader first, then by name
 * @param sources            health of every source feeding this cluster
 * @param observedAt         when this snapshot was assembled
 * @param slots              replication slots and archiver status per node, as last read over SQL (may be empty)
 * @param problems           what is wrong with the cluster's shape, in words (a split brain, a standby that is not
 *                           streaming); empty when nothing is known to be wrong. Set by plain (unmanaged) clusters.
 * @param prepared           prepared transactions on the leader
 * @param consistency        where the DCS and the nodes disagree (Patroni clusters): the leader key against
 *                           recovery, the sync key against the primary, member keys against nodes that answer, the
 *                           dynamic configuration against {@code pg_settings}; empty when they agree or nothing is known
 */
public record ClusterSnapshot(
        String source,
        String scope,
        String leader,
        Integer timeline,
        boolean paused,
        ScheduledSwitchover scheduledSwitchover,
        Long leaderLeaseSecondsLeft,
        Long ttlSeconds,
        Long maximumLagOnFailover,
        List<Member> members,
        Map<SourceKind, SourceStatus> sources,
        Instant observedAt,
        List<NodeSlots> slots,
        List<String> problems,
        List<PreparedBranch> prepared,
        List<ConsistencyProblem> consistency) {

    /** Order in which members are listed: leader-like first, then by name. */
    public static final Comparator<Member> MEMBER_ORDER = Comparator
            .comparing((Member m) -> !m.role().isLeaderLike())
            .thenComparing(Member::name);

    public ClusterSnapshot {
        members = members == null ? List.of() : members.stream().sorted(MEMBER_ORDER).toList();
        EnumMap<SourceKind, SourceStatus> copy = new EnumMap<>(SourceKind.class);
        if (sources != null) {
            copy.putAll(sources);
        }
        sources = java.util.Collections.unmodifiableMap(copy);
        slots = slots == null ? List.of() : List.copyOf(slots);
        problems = problems == null ? List.of() : List.copyOf(problems);
        prepared = prepared == null ? List.of() : List.copyOf(prepared);
        consistency = consistency == null ? List.of() : List.copyOf(consistency);
    }

    /** A snapshot without DCS ↔ node consistency problems (plain clusters, tests). */
    public ClusterSnapshot(String source, String scope, String leader, Integer timeline, boolean paused,
                           ScheduledSwitchover scheduledSwitchover, Long leaderLeaseSecondsLeft, Long ttlSeconds,
                           Long maximumLagOnFailover, List<Member> members, Map<SourceKind, SourceStatus> sources,
                           Instant observedAt, List<NodeSlots> slots, List<String> problems,
                           List<PreparedBranch> prepared) {
        this(source, scope, leader, timeline, paused, scheduledSwitchover, leaderLeaseSecondsLeft, ttlSeconds,
                maximumLagOnFailover, members, sources, observedAt, slots, problems, prepared, List.of());
    }

    /** The consistency problems about one member. */
    public List<ConsistencyProblem> consistencyOf(String member) {
        return consistency.stream().filter(p -> member.equals(p.member())).toList();
    }

    /** A snapshot without prepared transactions (sources that do not read them, and tests). */
    public ClusterSnapshot(String source, String scope, String leader, Integer timeline, boolean paused,
                           ScheduledSwitchover scheduledSwitchover, Long leaderLeaseSecondsLeft, Long ttlSeconds,
                           Long maximumLagOnFailover, List<Member> members, Map<SourceKind, SourceStatus> sources,
                           Instant observedAt, List<NodeSlots> slots, List<String> problems) {
        this(source, scope, leader, timeline, paused, scheduledSwitchover, leaderLeaseSecondsLeft, ttlSeconds,
                maximumLagOnFailover, members, sources, observedAt, slots, problems, List.of());
    }

    /** A snapshot without problems in words (Patroni clusters: Patroni itself judges their shape). */
    public ClusterSnapshot(String source, String scope, String leader, Integer timeline, boolean paused,
                           ScheduledSwitchover scheduledSwitchover, Long leaderLeaseSecondsLeft, Long ttlSeconds,
                           Long maximumLagOnFailover, List<Member> members, Map<SourceKind, SourceStatus> sources,
                           Instant observedAt, List<NodeSlots> slots) {
        this(source, scope, leader, timeline, paused, scheduledSwitchover, leaderLeaseSecondsLeft, ttlSeconds,
                maximumLagOnFailover, members, sources, observedAt, slots, List.of());
    }

    /** A snapshot without slot data (sources that do not read SQL, and tests). */
    public ClusterSnapshot(String source, String scope, String leader, Integer timeline, boolean paused,
                           ScheduledSwitchover scheduledSwitchover, Long leaderLeaseSecondsLeft, Long ttlSeconds,
                           Long maximumLagOnFailover, List<Member> members, Map<SourceKind, SourceStatus> sources,
                           Instant observedAt) {
        this(source, scope, leader, timeline, paused, scheduledSwitchover, leaderLeaseSecondsLeft, ttlSeconds,
                maximumLagOnFailover, members, sources, observedAt, List.of(), List.of());
    }

    /** The member with this name. */
    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The leader member, if a leader is known and listed. */
    public Optional<Member> leaderMember() {
        return leader == null ? Optional.empty() : member(leader);
    }

    /** Status of one source; {@link Freshness#UNKNOWN} if not configured. */
    public SourceStatus sourceStatus(SourceKind kind) {
        return sources.getOrDefault(kind, SourceStatus.unknown(kind));
    }

    /**
     * Overall freshness of the topology: live as long as at least one topology source (etcd or REST) is live.
     * A frozen feed must never look healthy.
     */
    public Freshness topologyFreshness() {
        Freshness etcd = sourceStatus(SourceKind.ETCD).freshness();
        Freshness rest = sourceStatus(SourceKind.PATRONI_REST).freshness();
        if (etcd == Freshness.UNKNOWN && rest == Freshness.UNKNOWN && sources.containsKey(SourceKind.POSTGRES)
                && !sources.containsKey(SourceKind.PATRONI_REST)) {
            // A plain cluster: PostgreSQL itself is the only topology source.
            return sourceStatus(SourceKind.POSTGRES).freshness();
        }
        if (etcd == Freshness.LIVE || rest == Freshness.LIVE) {
            return Freshness.LIVE;
        }
        if (etcd == Freshness.UNKNOWN) {
            return rest;
        }
        if (rest == Freshness.UNKNOWN) {
            return etcd;
        }
        return etcd == Freshness.STALE || rest == Freshness.STALE ? Freshness.STALE : Freshness.UNREACHABLE;
    }
}
