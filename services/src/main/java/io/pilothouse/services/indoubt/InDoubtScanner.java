package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.postgres.ConnectionSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds every prepared branch of the estate: reads {@code pg_prepared_xacts} (and what each branch holds) on the
 * primary of every cluster the live model knows, Patroni-managed or plain, standalone nodes included. Standbys are
 * not read: they hold no prepared transactions (a standby promoted since holds those prepared before, and is read as
 * the primary it now is). A node that cannot be read is reported, never skipped silently.
 */
public final class InDoubtScanner {

    private final Supplier<EstateSnapshot> estate;
    private final ConnectionSource sql;
    private final BranchReader reader;
    private final Clock clock;

    public InDoubtScanner(Supplier<EstateSnapshot> estate, ConnectionSource sql, BranchReader reader, Clock clock) {
        this.estate = estate;
        this.sql = sql;
        this.reader = reader;
        this.clock = clock;
    }

    /** Reads every primary now (one connection at a time, each with the connection's own timeouts). */
    public InDoubtScan scan() {
        List<NodeRef> nodes = primaries(estate.get());
        List<PreparedBranch> branches = new ArrayList<>();
        Map<NodeRef, String> errors = new LinkedHashMap<>();
        for (NodeRef node : nodes) {
            try (Connection c = sql.open(node.host(), node.port())) {
                branches.addAll(reader.read(c, node));
            } catch (SQLException e) {
                errors.put(node, "could not read " + node.label() + " (" + node.host() + ":" + node.port() + "): "
                        + e.getMessage());
            }
        }
        branches.sort(Comparator.comparing(PreparedBranch::prepared).thenComparing(PreparedBranch::gid));
        return new InDoubtScan(clock.instant(), nodes, branches, errors);
    }

    /** The primary of each cluster: the member holding the leader key, or a plain cluster's primary. */
    static List<NodeRef> primaries(EstateSnapshot estate) {
        List<NodeRef> out = new ArrayList<>();
        for (ClusterSnapshot c : estate.clusters()) {
            for (Member m : c.members()) {
                boolean primary = m.name().equals(c.leader()) || c.leader() == null && m.role().isLeaderLike();
                if (primary && m.host() != null && m.port() > 0) {
                    out.add(new NodeRef(c.source(), c.scope(), m.name(), m.host(), m.port()));
                }
            }
        }
        return out;
    }
}
