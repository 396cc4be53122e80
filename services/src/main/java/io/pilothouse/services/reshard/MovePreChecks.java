package io.pilothouse.services.reshard;

import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.locks.RunningOperation;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.postgres.OpenTransactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the server and the other operations say against starting a move or split now, beyond the live model's
 * guard-rails: on the source, prepared (2PC) transactions and long-open writing transactions (the subscription's
 * slot cannot be created until they end), another slot being created, old locks on the partition (the cutover's
 * LOCK would queue behind them); and operations running on the source's or target's cluster (from the registry).
 */
public final class MovePreChecks {

    /** A writing transaction or table lock older than this would hold the move up. */
    public static final double LONG_SECONDS = 60;

    private final ReshardConnections connections;
    private final OperationRegistry registry;
    private final Supplier<EstateSnapshot> estate;

    public MovePreChecks(ReshardConnections connections, OperationRegistry registry, Supplier<EstateSnapshot> estate) {
        this.connections = connections;
        this.registry = registry;
        this.estate = estate;
    }

    /** Reasons to refuse, each saying what to do; empty when the move may start. Reads the source once. */
    public List<String> refusals(MovePlan plan) {
        List<String> reasons = new ArrayList<>(runningElsewhere(plan));
        ReshardNode source = plan.source();
        try (Connection c = connections.open(source, plan.user())) {
            reasons.addAll(prepared(c, source));
            reasons.addAll(longWriters(c, source));
            reasons.addAll(slotsBeingCreated(c, source));
            reasons.addAll(oldLocks(c, source, plan.sourceTable().sql()));
        } catch (SQLException e) {
            reasons.add("Could not read the open transactions of the source " + source.describe() + " ("
                    + e.getMessage() + "); the move was not started. Check that it is reachable, then try again.");
        }
        return reasons;
    }

    private List<String> runningElsewhere(MovePlan plan) {
        String mine = registry.current().map(r -> r.id()).orElse("");
        List<String> out = new ArrayList<>();
        for (ReshardNode node : List.of(plan.source(), plan.target(), plan.coordinator())) {
            Optional<String> scope = scopeOf(node);
            scope.ifPresent(s -> registry.runningOn(s).stream().filter(o -> !o.id().equals(mine))
                    .map(o -> describe(o, node)).filter(d -> !out.contains(d)).forEach(out::add));
        }
        return out;
    }

    private static String describe(RunningOperation o, ReshardNode node) {
        return o.describe(Instant.now()) + " is running on the cluster of " + node.describe()
                + "; wait until it has finished.";
    }

    private Optional<String> scopeOf(ReshardNode node) {
        return estate.get().clusters().stream().filter(c -> c.members().stream()
                        .anyMatch(m -> node.host().equals(m.host()) && m.port() == node.port()))
                .map(ClusterSnapshot::scope).findFirst();
    }

    private static List<String> prepared(Connection c, ReshardNode source) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(OpenTransactions.PREPARED)) {
            while (rs.next()) {
                out.add("Prepared transaction " + rs.getString("gid") + " (" + Math.round(rs.getDouble("secs"))
                        + " s old, database " + rs.getString("database") + ") is open on the source "
                        + source.describe() + ": the subscription's slot cannot be created until it is resolved. "
                        + "Resolve it in the In-doubt window first.");
            }
        }
        return out;
    }

    private static List<String> longWriters(Connection c, ReshardNode source) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OpenTransactions.LONG_TRANSACTIONS)) {
            ps.setDouble(1, LONG_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean("writes")) {
                        out.add("Session " + rs.getInt("pid") + " (" + rs.getString("usename") + ", "
                                + rs.getString("state") + ") has had a writing transaction open for "
                                + Math.round(rs.getDouble("secs")) + " s on the source " + source.describe()
                                + ": the subscription's slot cannot be created until it ends. Let it finish or "
                                + "end it (pg_terminate_backend(" + rs.getInt("pid") + ")), then try again.");
                    }
                }
            }
        }
        return out;
    }

    private static List<String> slotsBeingCreated(Connection c, ReshardNode source) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(OpenTransactions.SLOTS_BEING_CREATED)) {
            while (rs.next()) {
                out.add("A replication slot is being created on the source " + source.describe() + " (walsender "
                        + rs.getInt("pid") + ", " + rs.getString("application_name") + ", waiting "
                        + Math.round(rs.getDouble("secs")) + " s for open transactions); wait until it is done.");
            }
        }
        return out;
    }

    private static List<String> oldLocks(Connection c, ReshardNode source, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OpenTransactions.OLD_TABLE_LOCKS)) {
            ps.setString(1, table);
            ps.setDouble(2, LONG_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String gid = rs.getString("gid");
                    if (gid != null) {
                        continue; // told already, with what to do, as a prepared transaction
                    }
                    String who = gid != null ? "prepared transaction " + gid : "session " + rs.getInt("pid")
                            + " (" + rs.getString("who") + ")";
                    out.add(capitalised(who) + " has held a " + rs.getString("mode") + " on " + table + " for "
                            + Math.round(rs.getDouble("secs")) + " s on the source " + source.describe()
                            + ": the cutover's LOCK would queue behind it. End it first.");
                }
            }
        }
        return out;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
