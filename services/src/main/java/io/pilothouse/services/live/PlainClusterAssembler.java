package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.postgres.NodeSqlState;
import io.pilothouse.services.workspace.NodeAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the snapshot of a plain streaming-replication cluster (no Patroni, no DCS) from what each node's
 * PostgreSQL last said. Pure: the same reads and clock give the same snapshot.
 *
 * <p>Roles come from {@code pg_is_in_recovery()}, edges from each standby's {@code pg_stat_wal_receiver}
 * ({@code sender_host:sender_port}), lag from the upstream's {@code pg_stat_replication}. Members are named
 * {@code host:port} as listed in the workspace.
 */
public final class PlainClusterAssembler {

    /** {@link Member#replicationState()} of a standby whose WAL receiver is not streaming from anyone. */
    public static final String NOT_STREAMING = "not streaming";

    private final Duration window;

    /** @param window how long a read stays live; older reads are stale */
    public PlainClusterAssembler(Duration window) {
        this.window = window;
    }

    /**
     * Builds the snapshot at {@code now}.
     *
     * @param source the workspace source; also the cluster's scope
     * @param nodes  the nodes as listed
     * @param sql    last SQL read per member name ({@code host:port})
     * @param slots  last slots read per member name
     */
    public ClusterSnapshot assemble(String source, List<NodeAddress> nodes, Map<String, NodeRead<NodeSqlState>> sql,
                                    Map<String, NodeRead<NodeSlots>> slots, Instant now) {
        return assemble(source, nodes, sql, slots, Map.of(), now);
    }

    /** As above, with the prepared transactions last read per member name (only the primary's are kept). */
    public ClusterSnapshot assemble(String source, List<NodeAddress> nodes, Map<String, NodeRead<NodeSqlState>> sql,
                                    Map<String, NodeRead<NodeSlots>> slots,
                                    Map<String, List<io.pilothouse.services.model.PreparedBranch>> prepared,
                                    Instant now) {
        Map<String, NodeSqlState> live = new LinkedHashMap<>();
        for (NodeAddress n : nodes) {
            NodeRead<NodeSqlState> r = sql.get(n.toString());
            if (r != null && r.value() != null && r.freshness(now, window) == Freshness.LIVE) {
                live.put(n.toString(), r.value());
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> primaries = live.entrySet().stream().filter(e -> !e.getValue().inRecovery())
                .map(Map.Entry::getKey).toList();
        String leader = primaries.size() == 1 ? primaries.get(0) : null;
        if (primaries.size() > 1) {
            problems.add("Split brain: " + String.join(" and ", primaries) + " are all primaries (not in recovery); "
                    + "no leader is shown until only one of them accepts writes");
        } else if (primaries.isEmpty() && !live.isEmpty()) {
            problems.add("No primary: every reachable node is in recovery");
        }

        List<Member> members = new ArrayList<>();
        for (NodeAddress n : nodes) {
            members.add(member(n, sql.get(n.toString()), live, nodes, now, problems));
        }
        return ClusterSnapshot.builder(source, source)
                .leader(leader)
                .members(members)
                .sources(Map.of(SourceKind.POSTGRES, aggregate(sql.values(), now)))
                .observedAt(now)
                .slots(slots.values().stream().map(NodeRead::value).filter(Objects::nonNull)
                        .sorted(Comparator.comparing(NodeSlots::node)).toList())
                .problems(problems)
                .prepared(leader == null ? List.of() : prepared.getOrDefault(leader, List.of()).stream()
                        .sorted(Comparator.comparing(io.pilothouse.services.model.PreparedBranch::prepared))
                        .toList())
                .build();
    }

    private Member member(NodeAddress n, NodeRead<NodeSqlState> read, Map<String, NodeSqlState> live,
                          List<NodeAddress> nodes, Instant now, List<String> problems) {
        String name = n.toString();
        Freshness freshness = read == null ? Freshness.UNKNOWN : read.freshness(now, window);
        Member.Builder b = Member.builder(name).host(n.host()).port(n.port()).freshness(freshness)
                .lastSeen(read == null ? null : read.lastSuccess());
        NodeSqlState own = read == null ? null : read.value();
        if (own == null) {
            return b.role(MemberRole.UNKNOWN).state(stoppedOrUnknown(read)).build();
        }
        b.postgresVersion(own.serverVersion());
        b.role(own.inRecovery() ? MemberRole.REPLICA : MemberRole.LEADER);
        if (freshness != Freshness.LIVE) {
            // The last good value says what it was, never what it is: no edges or lag from a silent node.
            return b.state(stoppedOrUnknown(read)).build();
        }
        if (!own.inRecovery()) {
            return b.state(MemberState.RUNNING).build();
        }
        NodeSqlState.WalReceiver receiver = own.walReceiver();
        boolean streaming = receiver != null && "streaming".equals(receiver.status());
        String upstream = streaming ? upstreamOf(receiver, nodes) : null;
        if (!streaming) {
            b.state(MemberState.RUNNING).replicationState(NOT_STREAMING);
            problems.add(name + " is not streaming: its WAL receiver is "
                    + (receiver == null ? "not running" : "'" + receiver.status() + "'")
                    + (receiver != null && receiver.senderHost() != null
                        ? " (upstream " + receiver.senderHost() + ":" + receiver.senderPort() + ")" : "")
                    + "; its upstream is gone or refuses it, so it falls behind");
            return b.build();
        }
        b.state(MemberState.STREAMING).upstream(upstream);
        NodeSqlState up = upstream == null ? null : live.get(upstream);
        if (up != null) {
            replicaRow(up, name, live).ifPresent(r -> {
                b.sqlLagBytes(r.replayLagBytes());
                Double seconds = r.replayLagSeconds();
                if (seconds == null && r.replayLagBytes() != null && r.replayLagBytes() == 0) {
                    seconds = 0.0;
                }
                b.sqlLagSeconds(seconds).syncState(r.syncState()).replicationState(r.state());
            });
        }
        return b.build();
    }

    /**
     * Stopped only when the node refused the connection outright (nothing listens); a refused login, a TLS failure
     * or a silence says the server is there, or may be, so its state is unknown, never "stopped". The cause stays
     * in the source status.
     */
    private static MemberState stoppedOrUnknown(NodeRead<NodeSqlState> read) {
        return read != null && read.failedAt() != null && read.refused() ? MemberState.STOPPED : MemberState.UNKNOWN;
    }

    /** The member a receiver streams from, matched on {@code sender_host:sender_port}; null when not listed. */
    private static String upstreamOf(NodeSqlState.WalReceiver receiver, List<NodeAddress> nodes) {
        if (receiver.senderHost() == null || receiver.senderPort() == null) {
            return null;
        }
        return nodes.stream().filter(a -> a.host().equals(receiver.senderHost()) && a.port() == receiver.senderPort())
                .map(NodeAddress::toString).findFirst().orElse(null);
    }

    /**
     * The upstream's {@code pg_stat_replication} row for {@code member}: by {@code application_name} when the
     * standby uses its member name; otherwise the one row no member claims, when the upstream feeds just one.
     */
    private static Optional<NodeSqlState.ReplicaStat> replicaRow(NodeSqlState upstream, String member,
                                                                 Map<String, NodeSqlState> live) {
        Optional<NodeSqlState.ReplicaStat> named = upstream.replica(member);
        if (named.isPresent()) {
            return named;
        }
        List<NodeSqlState.ReplicaStat> unclaimed = upstream.replicas().stream()
                .filter(r -> r.applicationName() == null || !live.containsKey(r.applicationName())).toList();
        return unclaimed.size() == 1 && upstream.replicas().size() == 1 ? Optional.of(unclaimed.get(0))
                : Optional.empty();
    }

    private SourceStatus aggregate(java.util.Collection<NodeRead<NodeSqlState>> reads, Instant now) {
        Freshness best = Freshness.UNKNOWN;
        Instant last = null;
        String error = null;
        Instant errorAt = null;
        for (NodeRead<NodeSqlState> r : reads) {
            Freshness f = r.freshness(now, window);
            if (f == Freshness.LIVE) {
                best = Freshness.LIVE;
            } else if (best != Freshness.LIVE && f != Freshness.UNKNOWN) {
                best = best == Freshness.UNKNOWN || f == Freshness.STALE ? f : best;
            }
            if (r.lastSuccess() != null && (last == null || r.lastSuccess().isAfter(last))) {
                last = r.lastSuccess();
            }
            if (r.failedAt() != null && (errorAt == null || r.failedAt().isAfter(errorAt))) {
                errorAt = r.failedAt();
                error = r.error();
            }
        }
        return new SourceStatus(SourceKind.POSTGRES, best, last, error);
    }
}
