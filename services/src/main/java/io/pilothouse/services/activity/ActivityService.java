package io.pilothouse.services.activity;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.postgres.ConnectionSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads the activity of any node the live model knows, keeping each node's recent counters so that transactions
 * and WAL per second can be drawn over time. Blocking: call it off the UI thread. Thread-safe.
 */
public final class ActivityService {

    private final Supplier<EstateSnapshot> estate;
    private final ConnectionSource sql;
    private final ActivityReader reader;
    private final Clock clock;
    private final Map<String, RateHistory> rates = new ConcurrentHashMap<>();

    public ActivityService(Supplier<EstateSnapshot> estate, ConnectionSource sql, ActivityReader reader, Clock clock) {
        this.estate = estate;
        this.sql = sql;
        this.reader = reader;
        this.clock = clock;
    }

    /** Every member with an address, cluster by cluster, each cluster's leader first. */
    public List<NodeRef> nodes() {
        List<NodeRef> out = new ArrayList<>();
        for (ClusterSnapshot c : estate.get().clusters()) {
            List<Member> members = new ArrayList<>(c.members());
            members.sort((a, b) -> Boolean.compare(b.name().equals(c.leader()), a.name().equals(c.leader())));
            for (Member m : members) {
                if (m.host() != null && m.port() > 0) {
                    out.add(new NodeRef(c.source(), c.scope(), m.name(), m.host(), m.port()));
                }
            }
        }
        return out;
    }

    /**
     * The node {@code name} stands for: {@code CLUSTER/MEMBER}, a member name that only one cluster has, or a
     * cluster's name for its leader (or its only member).
     *
     * @throws IllegalArgumentException naming the nodes there are, when none or several match
     * @throws IllegalStateException    when no node is known at all (no cluster was read yet): not the name's fault
     */
    public NodeRef find(String name) {
        List<NodeRef> nodes = nodes();
        if (nodes.isEmpty()) {
            throw new IllegalStateException("no node of the workspace is known yet (no cluster was read), so '" + name
                    + "' cannot be found; check the sources or wait longer (--timeout)");
        }
        List<NodeRef> exact = nodes.stream().filter(n -> n.label().equals(name)).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<NodeRef> byMember = nodes.stream().filter(n -> n.member().equals(name)).toList();
        if (byMember.size() == 1) {
            return byMember.get(0);
        }
        List<NodeRef> byScope = nodes.stream().filter(n -> n.scope().equals(name)).toList();
        if (!byScope.isEmpty()) {
            String leader = estate.get().clusters().stream().filter(c -> c.scope().equals(name))
                    .map(ClusterSnapshot::leader).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            List<NodeRef> leaders = byScope.stream().filter(n -> n.member().equals(leader)).toList();
            if (leaders.size() == 1 || byScope.size() == 1) {
                return leaders.size() == 1 ? leaders.get(0) : byScope.get(0);
            }
        }
        List<String> known = nodes.stream().map(NodeRef::label).toList();
        if (byMember.size() > 1 || byScope.size() > 1) {
            throw new IllegalArgumentException("'" + name + "' names several nodes: "
                    + (byMember.size() > 1 ? byMember : byScope).stream().map(NodeRef::label).toList()
                    + "; name one as CLUSTER/MEMBER");
        }
        throw new IllegalArgumentException("no node '" + name + "' in the workspace; nodes known: "
                + known + "; name one as CLUSTER/MEMBER");
    }

    /** Reads {@code node} now; never throws for a node that cannot be read, says why instead. */
    public NodeActivity read(NodeRef node) {
        try (Connection c = sql.open(node.host(), node.port())) {
            ActivityReading reading = reader.read(node, c);
            RateHistory history = rates.computeIfAbsent(node.label() + "@" + node.host() + ":" + node.port(),
                    k -> new RateHistory(RateHistory.DEFAULT_CAPACITY));
            history.add(reading.counters());
            return new NodeActivity(node, clock.instant(), reading, null, history.transactionsPerSecond(),
                    history.walBytesPerSecond());
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
            String message = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().strip().lines().findFirst().orElse("");
            return NodeActivity.failed(node, clock.instant(), "could not read " + node.label() + " ("
                    + node.host() + ":" + node.port() + "): " + message + state);
        }
    }
}
