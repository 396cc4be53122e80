package io.pilothouse.services.live;

import io.pilothouse.services.consistency.ConsistencyCheck;
import io.pilothouse.services.model.ConsistencyProblem;
import io.pilothouse.services.consistency.ObservationBuilder;
import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.ReplicaPositions;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.services.patroni.DcsMember;
import io.pilothouse.services.patroni.PatroniCluster;
import io.pilothouse.services.patroni.PatroniMember;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import io.pilothouse.services.patroni.PatroniUrls;
import io.pilothouse.services.postgres.NodeSqlState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges what etcd, Patroni's REST API and PostgreSQL last said into one {@link ClusterSnapshot}. Pure: the same
 * inputs and clock give the same snapshot.
 *
 * <p>Topology (who is a member, who leads) comes from the DCS while etcd is live, else from REST {@code /cluster},
 * else from the members' own {@code /patroni} answers. Details (versions, lag, upstream) are laid over it.
 */
public final class ClusterAssembler {

    private final Duration window;

    /** @param window how long a read stays live; older reads are stale */
    public ClusterAssembler(Duration window) {
        this.window = window;
    }

    /** Builds the snapshot at {@code now}. */
    public ClusterSnapshot assemble(ClusterInputs in, Instant now) {
        Topology topo = topology(in, now);
        Map<String, Member.Builder> members = topo.members;
        overlayNodes(in, members);
        overlaySql(in, members, topo.leader);
        for (Member.Builder b : members.values()) {
            b.freshness(memberFreshness(in, b.name(), now));
            b.lastSeen(lastSeen(in, b.name()));
        }
        Integer timeline = topo.leader == null || !members.containsKey(topo.leader) ? null
                : members.get(topo.leader).build().timeline();
        boolean etcdLive = in.etcdConfigured() && in.etcd().freshness() == Freshness.LIVE;
        DcsView dcs = in.dcs();
        SyncReplication sync = SyncState.of(dcs, in, topo.leader, members.values());
        List<Member> built = members.values().stream().map(Member.Builder::build).toList();
        return ClusterSnapshot.builder(in.source(), in.scope())
                .leader(topo.leader)
                .timeline(timeline)
                .paused(topo.paused)
                .scheduledSwitchover(topo.scheduled)
                .leaderLeaseSecondsLeft(etcdLive && topo.leader != null ? in.leaseSecondsLeft() : null)
                .ttlSeconds(dcs == null ? null : dcs.ttl())
                .maximumLagOnFailover(dcs == null ? null : dcs.maximumLagOnFailover())
                .members(built)
                .sources(sources(in, now))
                .observedAt(now)
                .slots(in.slots().values().stream().map(NodeRead::value).filter(java.util.Objects::nonNull)
                        .sorted(java.util.Comparator.comparing(io.pilothouse.services.model.NodeSlots::node)).toList())
                .problems(sync.writesBlocked() ? List.of(SyncReplication.WRITES_BLOCKED) : List.of())
                .prepared(preparedOnLeader(in, topo.leader))
                .sync(sync)
                .consistency(consistency(in, topo.leader, built, now))
                .build();
    }

    /** Where the DCS and the nodes disagree; nothing is said before the DCS or REST named the members. */
    private List<ConsistencyProblem> consistency(ClusterInputs in, String leader, List<Member> built, Instant now) {
        boolean etcdLive = in.etcdConfigured() && in.etcd().freshness() == Freshness.LIVE && in.dcs() != null;
        java.util.Set<String> keyed = new java.util.HashSet<>();
        if (in.dcs() != null) {
            in.dcs().members().forEach(m -> keyed.add(m.name()));
        }
        ObservationBuilder observation = new ObservationBuilder();
        for (Member m : built) {
            observation.node(m, !etcdLive || keyed.contains(m.name()), restRead(in, m.name(), now),
                    sqlRead(in, m.name(), now), sqlOf(in, m.name()).orElse(null), in.settings().get(m.name()));
        }
        for (Member m : in.formerMembers().values()) {
            if (built.stream().noneMatch(b -> b.name().equals(m.name())) && !keyed.contains(m.name())) {
                observation.node(m, false, restRead(in, m.name(), now), sqlRead(in, m.name(), now),
                        sqlOf(in, m.name()).orElse(null), in.settings().get(m.name()));
            }
        }
        MemberRole leaderRole = built.stream().filter(m -> m.name().equals(leader)).map(Member::role).findFirst()
                .orElse(MemberRole.UNKNOWN);
        return ConsistencyCheck.evaluate(observation.build(leader, in.dcs(), etcdLive, leaderRole));
    }

    private ObservationBuilder.Read restRead(ClusterInputs in, String member, Instant now) {
        NodeRead<PatroniNodeStatus> r = in.nodes().get(member);
        return r == null ? ObservationBuilder.Read.NONE : new ObservationBuilder.Read(r.freshness(now, window),
                r.error());
    }

    private ObservationBuilder.Read sqlRead(ClusterInputs in, String member, Instant now) {
        NodeRead<NodeSqlState> r = in.sqlConfigured() ? in.sql().get(member) : null;
        return r == null ? ObservationBuilder.Read.NONE : new ObservationBuilder.Read(r.freshness(now, window),
                r.error());
    }

    /**
     * The prepared transactions of the member holding the leader key: another member's last read may date from
     * before a switchover, when it was the primary.
     */
    static List<io.pilothouse.services.model.PreparedBranch> preparedOnLeader(ClusterInputs in, String leader) {
        if (leader == null) {
            return List.of();
        }
        return in.prepared().getOrDefault(leader, List.of()).stream()
                .sorted(java.util.Comparator.comparing(io.pilothouse.services.model.PreparedBranch::prepared))
                .toList();
    }

    private record Topology(Map<String, Member.Builder> members, String leader, boolean paused,
                            ScheduledSwitchover scheduled) {
    }

    private Topology topology(ClusterInputs in, Instant now) {
        boolean etcdLive = in.etcdConfigured() && in.etcd().freshness() == Freshness.LIVE && in.dcs() != null;
        NodeRead<PatroniCluster> rest = in.restCluster();
        boolean restLive = rest.value() != null && rest.freshness(now, window) == Freshness.LIVE;
        boolean nodesLive = in.nodes().values().stream()
                .anyMatch(r -> r.value() != null && r.freshness(now, window) == Freshness.LIVE);
        if (etcdLive) {
            return fromDcs(in.dcs(), rest.value());
        }
        if (restLive) {
            return fromRest(rest.value());
        }
        if (nodesLive) {
            return fromNodes(in, now);
        }
        if (in.dcs() != null) {
            return fromDcs(in.dcs(), rest.value());
        }
        if (rest.value() != null) {
            return fromRest(rest.value());
        }
        return fromNodes(in, now);
    }

    private static Topology fromDcs(DcsView dcs, PatroniCluster rest) {
        Map<String, Member.Builder> out = new LinkedHashMap<>();
        for (DcsMember m : dcs.members()) {
            MemberRole role;
            if (m.name().equals(dcs.leader())) {
                role = m.role() == MemberRole.STANDBY_LEADER ? MemberRole.STANDBY_LEADER : MemberRole.LEADER;
            } else if (dcs.syncStandbys().contains(m.name())) {
                // In quorum mode the sync key lists the voters: quorum standbys, not sync standbys.
                role = dcs.sync().mode() == SyncMode.QUORUM ? MemberRole.QUORUM_STANDBY : MemberRole.SYNC_STANDBY;
            } else if (m.role() == MemberRole.QUORUM_STANDBY) {
                role = MemberRole.QUORUM_STANDBY;
            } else {
                role = MemberRole.REPLICA;
            }
            Member.Builder b = Member.builder(m.name()).role(role).state(m.state()).host(m.host()).port(m.port())
                    .apiUrl(PatroniUrls.base(m.apiUrl())).timeline(m.timeline()).tags(m.tags())
                    .pendingRestart(m.pendingRestart()).patroniVersion(m.patroniVersion());
            if (!role.isLeaderLike()) {
                b.patroniLag(dcsLag(dcs.optime(), m.xlogLocation()));
            }
            out.put(m.name(), b);
        }
        if (rest != null) {
            // Patroni's own /cluster lag is the figure users know from patronictl; prefer it when present.
            for (PatroniMember pm : rest.members()) {
                Member.Builder b = out.get(pm.name());
                if (b != null && pm.lag() != ReportedLag.NONE && !b.role().isLeaderLike()) {
                    b.patroniLag(pm.lag());
                }
                if (b != null && !b.role().isLeaderLike()) {
                    // Patroni 4.1+: where the replica has received and replayed up to, besides the single lag.
                    b.patroniPositions(pm.positions());
                }
            }
        }
        return new Topology(out, dcs.leader(), dcs.paused(), dcs.scheduledSwitchover());
    }

    private static ReportedLag dcsLag(Long optime, Long position) {
        if (optime == null) {
            return ReportedLag.NONE;
        }
        if (position == null) {
            return ReportedLag.UNKNOWN;
        }
        return ReportedLag.ofBytes(Math.max(0, optime - position));
    }

    private static Topology fromRest(PatroniCluster c) {
        Map<String, Member.Builder> out = new LinkedHashMap<>();
        for (PatroniMember m : c.members()) {
            out.put(m.name(), Member.builder(m.name()).role(m.role()).state(m.state()).host(m.host()).port(m.port())
                    .apiUrl(PatroniUrls.base(m.apiUrl())).timeline(m.timeline()).tags(m.tags())
                    .pendingRestart(m.pendingRestart()).patroniLag(m.role().isLeaderLike() ? ReportedLag.NONE : m.lag())
                    .patroniPositions(m.role().isLeaderLike() ? ReplicaPositions.NONE : m.positions()));
        }
        String leader = c.leader().map(PatroniMember::name).orElse(null);
        return new Topology(out, leader, c.paused(), c.scheduledSwitchover());
    }

    /**
     * The topology from each member's own {@code GET /patroni}, laid over the last membership etcd or
     * {@code GET /cluster} gave (names, addresses, REST URLs): the DCS being down takes away who leads, not where the
     * members are, so SQL keeps reading them and a healthy replica stays live.
     */
    private Topology fromNodes(ClusterInputs in, Instant now) {
        Map<String, Member.Builder> out = new LinkedHashMap<>();
        Map<String, Member.Builder> known = in.dcs() != null ? fromDcs(in.dcs(), null).members()
                : in.restCluster().value() != null ? fromRest(in.restCluster().value()).members() : Map.of();
        for (Member.Builder b : known.values()) {
            // What the DCS said of roles and states is history now; only the members' own answers count.
            out.put(b.name(), b.role(MemberRole.UNKNOWN).state(io.pilothouse.services.model.MemberState.UNKNOWN)
                    .patroniLag(ReportedLag.NONE));
        }
        String leader = null;
        boolean paused = false;
        for (Map.Entry<String, NodeRead<PatroniNodeStatus>> e : in.nodes().entrySet()) {
            PatroniNodeStatus s = e.getValue().value();
            if (s == null) {
                out.putIfAbsent(e.getKey(), Member.builder(e.getKey()));
                continue;
            }
            boolean live = e.getValue().freshness(now, window) == Freshness.LIVE;
            MemberRole role = s.role();
            if (role.isLeaderLike() && live && leader == null) {
                leader = e.getKey();
            } else if (role.isLeaderLike()) {
                role = MemberRole.UNKNOWN;
            }
            paused |= s.paused();
            Member.Builder b = out.computeIfAbsent(e.getKey(), Member::builder);
            b.role(role).state(s.state()).timeline(s.timeline()).tags(s.tags()).pendingRestart(s.pendingRestart());
        }
        return new Topology(out, leader, paused, null);
    }

    private static void overlayNodes(ClusterInputs in, Map<String, Member.Builder> members) {
        for (Member.Builder b : members.values()) {
            NodeRead<PatroniNodeStatus> read = in.nodes().get(b.name());
            PatroniNodeStatus s = read == null ? null : read.value();
            if (s == null) {
                continue;
            }
            if (s.patroniVersion() != null) {
                b.patroniVersion(s.patroniVersion());
            }
            if (s.postgresVersion() != null) {
                b.postgresVersion(s.postgresVersion());
            }
            Member partial = b.build();
            if (partial.timeline() == null) {
                b.timeline(s.timeline());
            }
            if (partial.tags().isEmpty()) {
                b.tags(s.tags());
            }
            b.pendingRestart(partial.pendingRestart() || s.pendingRestart());
        }
        // The leader's replication[] carries sync state even when SQL is not configured.
        members.values().stream().filter(b -> b.role().isLeaderLike()).findFirst().ifPresent(leader -> {
            NodeRead<PatroniNodeStatus> read = in.nodes().get(leader.name());
            if (read == null || read.value() == null) {
                return;
            }
            for (PatroniNodeStatus.Replication r : read.value().replication()) {
                Member.Builder b = members.get(r.applicationName());
                if (b != null) {
                    b.syncState(r.syncState()).replicationState(r.state());
                }
            }
        });
    }

    private static void overlaySql(ClusterInputs in, Map<String, Member.Builder> members, String leader) {
        Map<String, Member.Builder> byEndpoint = new LinkedHashMap<>();
        for (Member.Builder b : members.values()) {
            if (b.host() != null) {
                byEndpoint.put(b.host() + ":" + b.port(), b);
            }
        }
        for (Member.Builder b : members.values()) {
            Optional<NodeSqlState> own = sqlOf(in, b.name());
            own.map(NodeSqlState::serverVersion).ifPresent(b::postgresVersion);
            own.map(NodeSqlState::backends).ifPresent(b::backends);
            if (b.role().isLeaderLike()) {
                b.upstream(null);
                continue;
            }
            String upstream = upstreamOf(b, own, byEndpoint, members, leader);
            b.upstream(upstream);
            Optional<NodeSqlState.ReplicaStat> stat = upstream == null ? Optional.empty()
                    : sqlOf(in, upstream).flatMap(s -> s.replica(b.name()));
            stat.ifPresent(r -> {
                b.sqlLagBytes(r.replayLagBytes());
                // replay_lag is NULL once the replica has caught up and the primary is idle: that is zero delay.
                Double seconds = r.replayLagSeconds();
                if (seconds == null && r.replayLagBytes() != null && r.replayLagBytes() == 0) {
                    seconds = 0.0;
                }
                b.sqlLagSeconds(seconds);
                b.syncState(r.syncState());
                b.replicationState(r.state());
            });
        }
    }

    private static String upstreamOf(Member.Builder b, Optional<NodeSqlState> own, Map<String, Member.Builder> byEndpoint,
                                     Map<String, Member.Builder> members, String leader) {
        NodeSqlState.WalReceiver receiver = own.map(NodeSqlState::walReceiver).orElse(null);
        if (receiver != null && receiver.senderHost() != null && receiver.senderPort() != null) {
            Member.Builder up = byEndpoint.get(receiver.senderHost() + ":" + receiver.senderPort());
            if (up != null && !up.name().equals(b.name())) {
                return up.name();
            }
        }
        String replicatefrom = b.tags().get("replicatefrom");
        if (replicatefrom != null && members.containsKey(replicatefrom) && !replicatefrom.equals(b.name())) {
            return replicatefrom;
        }
        return leader;
    }

    private static Optional<NodeSqlState> sqlOf(ClusterInputs in, String member) {
        NodeRead<NodeSqlState> r = in.sql().get(member);
        return r == null ? Optional.empty() : Optional.ofNullable(r.value());
    }

    private Freshness memberFreshness(ClusterInputs in, String member, Instant now) {
        NodeRead<PatroniNodeStatus> rest = in.nodes().get(member);
        NodeRead<NodeSqlState> sql = in.sql().get(member);
        Freshness f = rest == null ? Freshness.UNKNOWN : rest.freshness(now, window);
        if (in.sqlConfigured()) {
            Freshness s = sql == null ? Freshness.UNKNOWN : sql.freshness(now, window);
            f = f == Freshness.UNKNOWN ? s : s == Freshness.UNKNOWN ? f : f.worst(s);
        }
        return f;
    }

    private static Instant lastSeen(ClusterInputs in, String member) {
        Instant a = Optional.ofNullable(in.nodes().get(member)).map(NodeRead::lastSuccess).orElse(null);
        Instant b = Optional.ofNullable(in.sql().get(member)).map(NodeRead::lastSuccess).orElse(null);
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private Map<SourceKind, SourceStatus> sources(ClusterInputs in, Instant now) {
        Map<SourceKind, SourceStatus> out = new EnumMap<>(SourceKind.class);
        if (in.etcdConfigured()) {
            out.put(SourceKind.ETCD, in.etcd());
        }
        // Former members (no member key now) are read for the consistency check only, not as the cluster's source.
        List<NodeRead<?>> rest = new ArrayList<>();
        in.nodes().forEach((name, r) -> {
            if (!in.formerMembers().containsKey(name)) {
                rest.add(r);
            }
        });
        rest.add(in.restCluster());
        out.put(SourceKind.PATRONI_REST, aggregate(SourceKind.PATRONI_REST, rest, now));
        if (in.sqlConfigured()) {
            List<NodeRead<?>> sql = new ArrayList<>();
            in.sql().forEach((name, r) -> {
                if (!in.formerMembers().containsKey(name)) {
                    sql.add(r);
                }
            });
            out.put(SourceKind.POSTGRES, aggregate(SourceKind.POSTGRES, sql, now));
        }
        return out;
    }

    /**
     * A source is live while any of its reads is live. Its error is one of the reads failing now, the same one while
     * the same reads fail: the first in text order, not the latest. Unreachable members are retried at different
     * moments, and "the latest failure" named another member every second: a cluster whose members were all down
     * counted as changed every second (500 such clusters: 100 whole-estate publishes a second on an idle estate).
     */
    private SourceStatus aggregate(SourceKind kind, List<NodeRead<?>> reads, Instant now) {
        Freshness best = Freshness.UNKNOWN;
        Instant last = null;
        String error = null;
        boolean anyFailed = false;
        for (NodeRead<?> r : reads) {
            Freshness f = r.freshness(now, window);
            if (f == Freshness.LIVE) {
                best = Freshness.LIVE;
            } else if (best != Freshness.LIVE && f != Freshness.UNKNOWN) {
                best = best == Freshness.UNKNOWN ? f : (f == Freshness.STALE ? Freshness.STALE : best);
            }
            if (r.lastSuccess() != null && (last == null || r.lastSuccess().isAfter(last))) {
                last = r.lastSuccess();
            }
            if (r.failedAt() != null) {
                String why = r.error() == null ? "" : r.error();
                error = !anyFailed || why.compareTo(error) < 0 ? why : error;
                anyFailed = true;
            }
        }
        return new SourceStatus(kind, best, last, anyFailed && !error.isEmpty() ? error : null);
    }
}
