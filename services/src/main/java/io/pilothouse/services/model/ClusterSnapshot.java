package io.pilothouse.services.model;

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
 *                           streaming, writes blocked by strict synchronous mode); empty when nothing is known to
 *                           be wrong
 * @param prepared           prepared transactions on the leader
 * @param sync               synchronous replication as configured and in force ({@link SyncReplication#ASYNC} when
 *                           the cluster is asynchronous or its configuration is not known)
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
        SyncReplication sync,
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
        sync = sync == null ? SyncReplication.ASYNC : sync;
        consistency = consistency == null ? List.of() : List.copyOf(consistency);
    }

    /** The consistency problems about one member. */
    public List<ConsistencyProblem> consistencyOf(String member) {
        return consistency.stream().filter(p -> member.equals(p.member())).toList();
    }

    /**
     * A builder for a snapshot of cluster {@code scope} found through workspace source {@code source}; every other
     * field starts unknown (null, false or empty) until set.
     */
    public static Builder builder(String source, String scope) {
        return new Builder(source, scope);
    }

    /** A builder starting from this snapshot's values, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This snapshot with {@code replacement} as its members (sorted as usual). */
    public ClusterSnapshot withMembers(List<Member> replacement) {
        return toBuilder().members(replacement).build();
    }

    /**
     * True when the cluster is followed through etcd and etcd does not answer now: its topology then comes from each
     * member's Patroni REST ({@code GET /patroni}) and from PostgreSQL, and Patroni itself cannot renew its leader key.
     */
    public boolean dcsUnreachable() {
        SourceStatus etcd = sources.get(SourceKind.ETCD);
        return etcd != null && (etcd.freshness() == Freshness.UNREACHABLE || etcd.freshness() == Freshness.STALE);
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

    /**
     * Builds a snapshot field by field, so a call site names what it knows and a new field does not touch every
     * caller. The snapshot itself stays immutable.
     */
    public static final class Builder {
        private String source;
        private String scope;
        private String leader;
        private Integer timeline;
        private boolean paused;
        private ScheduledSwitchover scheduledSwitchover;
        private Long leaderLeaseSecondsLeft;
        private Long ttlSeconds;
        private Long maximumLagOnFailover;
        private List<Member> members = List.of();
        private Map<SourceKind, SourceStatus> sources = Map.of();
        private Instant observedAt;
        private List<NodeSlots> slots = List.of();
        private List<String> problems = List.of();
        private List<PreparedBranch> prepared = List.of();
        private SyncReplication sync = SyncReplication.ASYNC;
        private List<ConsistencyProblem> consistency = List.of();

        private Builder(String source, String scope) {
            this.source = source;
            this.scope = scope;
        }

        private Builder(ClusterSnapshot c) {
            source = c.source; scope = c.scope; leader = c.leader; timeline = c.timeline; paused = c.paused;
            scheduledSwitchover = c.scheduledSwitchover; leaderLeaseSecondsLeft = c.leaderLeaseSecondsLeft;
            ttlSeconds = c.ttlSeconds; maximumLagOnFailover = c.maximumLagOnFailover; members = c.members;
            sources = c.sources; observedAt = c.observedAt; slots = c.slots; problems = c.problems;
            prepared = c.prepared; sync = c.sync; consistency = c.consistency;
        }

        public Builder source(String v) { source = v; return this; }
        public Builder scope(String v) { scope = v; return this; }
        public Builder leader(String v) { leader = v; return this; }
        public Builder timeline(Integer v) { timeline = v; return this; }
        public Builder paused(boolean v) { paused = v; return this; }
        public Builder scheduledSwitchover(ScheduledSwitchover v) { scheduledSwitchover = v; return this; }
        public Builder leaderLeaseSecondsLeft(Long v) { leaderLeaseSecondsLeft = v; return this; }
        public Builder ttlSeconds(Long v) { ttlSeconds = v; return this; }
        public Builder maximumLagOnFailover(Long v) { maximumLagOnFailover = v; return this; }
        public Builder members(List<Member> v) { members = v; return this; }
        public Builder sources(Map<SourceKind, SourceStatus> v) { sources = v; return this; }
        public Builder observedAt(Instant v) { observedAt = v; return this; }
        public Builder slots(List<NodeSlots> v) { slots = v; return this; }
        public Builder problems(List<String> v) { problems = v; return this; }
        public Builder prepared(List<PreparedBranch> v) { prepared = v; return this; }
        public Builder sync(SyncReplication v) { sync = v; return this; }
        public Builder consistency(List<ConsistencyProblem> v) { consistency = v; return this; }

        public ClusterSnapshot build() {
            return new ClusterSnapshot(source, scope, leader, timeline, paused, scheduledSwitchover,
                    leaderLeaseSecondsLeft, ttlSeconds, maximumLagOnFailover, members, sources, observedAt, slots,
                    problems, prepared, sync, consistency);
        }
    }
}
