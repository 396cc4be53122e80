package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.postgres.ConnectionSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.pilothouse.services.postgres.OpenTransactions;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads, in parallel and each with a time limit, what the pre-checks need beyond the live model: Patroni's
 * dynamic configuration, every member's {@code GET /patroni}, every member's standby-critical settings, and the
 * leader's open prepared and long transactions, base backups and logical slots. A member that does not answer is a
 * fact too (its REST check fails), never a hang: the whole read is bounded by {@code timeout}.
 */
public final class FactsCollector {

    private static final String SETTINGS_SQL = "SELECT name, setting FROM pg_settings WHERE name = ANY (?)";
    private static final String PRIMARY_SQL = "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn AS lsn, "
            + "(SELECT count(*) FROM pg_prepared_xacts) AS prepared, "
            + "(SELECT extract(epoch FROM now() - min(prepared)) FROM pg_prepared_xacts) AS oldest_prepared, "
            + "(SELECT count(*) FROM pg_stat_progress_basebackup) AS base_backups";
    /** Shared with the resharding pre-checks. */
    private static final String LONG_TX_SQL = OpenTransactions.LONG_TRANSACTIONS;
    private static final String LOGICAL_SQL = "SELECT slot_name, active, "
            + "pg_current_wal_lsn() - confirmed_flush_lsn AS behind FROM pg_replication_slots "
            + "WHERE slot_type = 'logical' ORDER BY slot_name";

    private final PatroniRestClient rest;
    private final ConnectionSource sql;
    private final Executor io;
    private final Clock clock;
    private final Duration timeout;

    public FactsCollector(PatroniRestClient rest, ConnectionSource sql, Executor io, Clock clock, Duration timeout) {
        this.rest = rest;
        this.sql = sql;
        this.io = io;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Reads the facts of {@code cluster}; returns within about {@code timeout}. */
    public ClusterFacts collect(ClusterSnapshot cluster) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<String> config = configFrom(cluster);
        Map<String, CompletableFuture<PatroniNodeStatus>> statuses = new LinkedHashMap<>();
        Map<String, CompletableFuture<Map<String, Long>>> settings = new LinkedHashMap<>();
        for (Member m : cluster.members()) {
            statuses.put(m.name(), m.apiUrl() == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("no REST URL known"))
                    : rest.node(m.apiUrl()));
            settings.put(m.name(), m.host() == null || m.port() == 0
                    ? CompletableFuture.failedFuture(new IllegalStateException("no PostgreSQL address known"))
                    : CompletableFuture.supplyAsync(() -> settings(m), io));
        }
        CompletableFuture<PrimaryFacts> primary = cluster.leaderMember()
                .filter(l -> l.host() != null && l.port() != 0)
                .map(l -> CompletableFuture.supplyAsync(() -> primary(l), io))
                .orElse(CompletableFuture.completedFuture(PrimaryFacts.unreadable("there is no leader")));

        DynamicConfig dynamic = DynamicConfig.UNKNOWN;
        String configError = null;
        try {
            dynamic = DynamicConfig.parse(await(config, deadline));
        } catch (RuntimeException e) {
            configError = message(e);
        }
        Map<String, NodeFacts> nodes = new HashMap<>();
        for (Member m : cluster.members()) {
            PatroniNodeStatus status = null;
            String restError = null;
            try {
                status = await(statuses.get(m.name()), deadline);
            } catch (RuntimeException e) {
                restError = message(e);
            }
            Map<String, Long> values = Map.of();
            String sqlError = null;
            try {
                values = await(settings.get(m.name()), deadline);
            } catch (RuntimeException e) {
                sqlError = message(e);
            }
            nodes.put(m.name(), new NodeFacts(m.name(), status, restError, values, sqlError));
        }
        PrimaryFacts leader;
        try {
            leader = await(primary, deadline);
        } catch (RuntimeException e) {
            leader = PrimaryFacts.unreadable(message(e));
        }
        return new ClusterFacts(cluster, dynamic, configError, nodes, leader, clock.instant());
    }

    /** {@code GET /config} from the leader, else from the other members in turn. */
    private CompletableFuture<String> configFrom(ClusterSnapshot cluster) {
        List<String> urls = new ArrayList<>();
        cluster.leaderMember().map(Member::apiUrl).ifPresent(urls::add);
        cluster.members().stream().map(Member::apiUrl).filter(u -> u != null && !urls.contains(u)).forEach(urls::add);
        CompletableFuture<String> attempt = CompletableFuture.failedFuture(
                new IllegalStateException("no member has a REST URL"));
        for (String url : urls) {
            attempt = attempt.exceptionallyCompose(e -> rest.get(url, "/config"));
        }
        return attempt;
    }

    private Map<String, Long> settings(Member m) {
        try (Connection c = sql.open(m.host(), m.port());
             PreparedStatement s = c.prepareStatement(SETTINGS_SQL)) {
            s.setArray(1, c.createArrayOf("text", PrimaryFacts.COMPARED_SETTINGS.toArray()));
            Map<String, Long> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CompletionException(new IllegalStateException("SQL on " + m.endpoint() + " failed: "
                    + e.getMessage(), e));
        }
    }

    private PrimaryFacts primary(Member leader) {
        try (Connection c = sql.open(leader.host(), leader.port())) {
            Long lsn;
            int prepared;
            Double oldest;
            int backups;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PRIMARY_SQL)) {
                rs.next();
                lsn = rs.getLong("lsn");
                prepared = rs.getInt("prepared");
                double o = rs.getDouble("oldest_prepared");
                oldest = rs.wasNull() ? null : o;
                backups = rs.getInt("base_backups");
            }
            List<PrimaryFacts.LongTransaction> longTx = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(LONG_TX_SQL)) {
                s.setDouble(1, PreChecks.LONG_TRANSACTION_SECONDS);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        longTx.add(new PrimaryFacts.LongTransaction(rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getDouble(4), rs.getString(5)));
                    }
                }
            }
            List<PrimaryFacts.LogicalSlotLag> slots = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LOGICAL_SQL)) {
                while (rs.next()) {
                    long behind = rs.getLong(3);
                    slots.add(new PrimaryFacts.LogicalSlotLag(rs.getString(1), rs.getBoolean(2),
                            rs.wasNull() ? null : behind));
                }
            }
            return new PrimaryFacts(lsn, prepared, oldest, longTx, backups, slots, null);
        } catch (SQLException e) {
            return PrimaryFacts.unreadable("SQL on " + leader.endpoint() + " failed: " + e.getMessage());
        }
    }

    /** Waits for {@code f} until the shared deadline: slow members do not add up. */
    private <T> T await(CompletableFuture<T> f, long deadlineNanos) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("no answer within " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
