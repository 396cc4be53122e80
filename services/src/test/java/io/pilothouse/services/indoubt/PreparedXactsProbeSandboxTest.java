package io.pilothouse.services.indoubt;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch.BlockedSession;
import io.pilothouse.services.model.PreparedBranch.HeldLock;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The probe against the shared sandbox's leader: a real prepared transaction, its locks and a session it blocks. */
@Tag("servers")
class PreparedXactsProbeSandboxTest {

    private static SandboxInfo sandbox;
    private static String leader;

    @BeforeAll
    static void up() {
        sandbox = SharedSandbox.get();
        leader = TwoPhase.leader(sandbox);
    }

    @Test
    void showsAPreparedUpdateWithItsLocksTheSessionItBlocksAndThatItHoldsTheHorizon() throws Exception {
        String tag = TwoPhase.tag();
        String table = "indoubt_probe_" + tag;
        String gid = "probe-" + tag;
        String younger = "probe-younger-" + tag;
        NodeRef node = TwoPhase.node(sandbox, leader);
        PreparedXactsProbe probe = new PreparedXactsProbe();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Connection app = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        Connection waiter = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        Connection su = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "app");
        Connection monitor = SandboxConnections.connect(sandbox, leader, sandbox.monitorUser(), "app");
        int waiterPid = pid(waiter);
        Instant before = Instant.now().minusSeconds(5);
        try {
            try (Statement st = app.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int)");
                st.execute("INSERT INTO " + table + " VALUES (1, 0)");
            }
            TwoPhase.prepare(app, gid, "UPDATE " + table + " SET v = 1 WHERE id = 1");
            TwoPhase.prepare(app, younger, "SELECT 1");

            try (Statement st = waiter.createStatement()) {
                st.execute("SET lock_timeout = 0");
                // Only a safety net should cancelling below ever fail; the test is over long before.
                st.execute("SET statement_timeout = '120s'");
            }
            Future<?> blocked = executor.submit(() -> {
                try (Statement st = waiter.createStatement()) {
                    st.executeUpdate("UPDATE " + table + " SET v = 2 WHERE id = 1");
                }
                return null;
            });

            PreparedBranch b = Await.until(Duration.ofSeconds(30), "the waiter listed as blocked by " + gid,
                    () -> branch(probe, node, monitor, gid),
                    x -> x != null && x.blocked().stream().anyMatch(s -> s.pid() == waiterPid) && x.oldestXmin());
            assertThat(blocked).isNotDone();

            assertThat(b.node()).isEqualTo(node);
            assertThat(b.database()).isEqualTo("app");
            assertThat(b.owner()).isEqualTo(sandbox.appUser());
            assertThat(b.prepared()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
            assertThat(b.xid()).isPositive();
            assertThat(b.xidAge()).isPositive();
            assertThat(b.freezeMaxAge()).isEqualTo(setting(monitor, "autovacuum_freeze_max_age"));
            assertThat(b.locks()).contains(new HeldLock("relation", "RowExclusiveLock", table),
                    new HeldLock("relation", "RowExclusiveLock", table + "_pkey"),
                    new HeldLock("transactionid", "ExclusiveLock", null));
            assertThat(b.oldestXmin()).isTrue();
            BlockedSession s = b.blocked().stream().filter(x -> x.pid() == waiterPid).findFirst().orElseThrow();
            assertThat(s.user()).isEqualTo(sandbox.appUser());
            assertThat(s.database()).isEqualTo("app");
            assertThat(s.application()).isEqualTo("pilothouse-sandbox-test");
            assertThat(s.query()).contains("UPDATE " + table);
            assertThat(s.waitingSeconds()).isGreaterThanOrEqualTo(0);

            PreparedBranch y = branch(probe, node, monitor, younger);
            assertThat(y.oldestXmin()).as("a younger branch does not hold the horizon").isFalse();
            assertThat(y.xid()).isGreaterThan(b.xid());
            assertThat(y.blocked()).isEmpty();
            assertThat(y.locks()).extracting(HeldLock::lockType).containsExactly("transactionid");

            // Read from another database: the table's name cannot be resolved there, so it is said which it is in.
            try (Connection elsewhere = SandboxConnections.connect(sandbox, leader, sandbox.monitorUser(),
                    "postgres")) {
                PreparedBranch far = branch(probe, node, elsewhere, gid);
                assertThat(far.locks()).extracting(HeldLock::relation).anyMatch(r -> r != null
                        && r.startsWith("app: relation "));
            }

            try (Statement st = su.createStatement()) {
                st.execute("SELECT pg_cancel_backend(" + waiterPid + ")");
            }
            Await.until(Duration.ofSeconds(10), "the waiter cancelled", blocked::isDone, d -> d);
        } finally {
            try (Statement st = su.createStatement()) {
                st.execute("SELECT pg_terminate_backend(" + waiterPid + ")");
            } catch (SQLException e) {
                System.err.println("could not end the waiter: " + e);
            }
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
            TwoPhase.rollBackAll(sandbox, leader, tag);
            try (Statement st = su.createStatement()) {
                // Never hang on a lock a failed clean-up left behind.
                st.execute("SET lock_timeout = '5s'");
                st.execute("DROP TABLE IF EXISTS " + table);
            }
            Closing.inOrder(monitor, su, waiter, app);
        }
    }

    @Test
    void aTableLockWaiterIsListedUnderEveryBranchHoldingTheTable() throws Exception {
        String tag = TwoPhase.tag();
        String table = "indoubt_table_" + tag;
        String first = "table-1-" + tag;
        String second = "table-2-" + tag;
        NodeRef node = TwoPhase.node(sandbox, leader);
        PreparedXactsProbe probe = new PreparedXactsProbe();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Connection app = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        Connection waiter = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        Connection su = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "app");
        int waiterPid = pid(waiter);
        try {
            try (Statement st = app.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int)");
                st.execute("INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
            }
            TwoPhase.prepare(app, first, "UPDATE " + table + " SET v = 1 WHERE id = 1");
            TwoPhase.prepare(app, second, "UPDATE " + table + " SET v = 1 WHERE id = 2");

            // What PostgreSQL 15 shows right after PREPARE: pid NULL, but the preparing backend's virtual xid,
            // not -1/<xid> (that form appears only for transactions recovered from their state files).
            try (PreparedStatement ps = su.prepareStatement("""
                    SELECT l.virtualtransaction, p.transaction::text AS xid FROM pg_locks l
                      JOIN pg_prepared_xacts p ON l.locktype = 'transactionid' AND l.transactionid = p.transaction
                     WHERE l.pid IS NULL AND p.gid = ?""")) {
                ps.setString(1, first);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("virtualtransaction")).isNotEqualTo("-1/" + rs.getString("xid"));
                }
            }

            waiter.setAutoCommit(false);
            try (Statement st = waiter.createStatement()) {
                st.execute("SET lock_timeout = 0");
                st.execute("SET statement_timeout = '120s'");
            }
            Future<?> blocked = executor.submit(() -> {
                try (Statement st = waiter.createStatement()) {
                    st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
                }
                return null;
            });

            List<PreparedBranch> both = Await.until(Duration.ofSeconds(30), "the waiter listed under both branches",
                    () -> List.of(branch(probe, node, su, first), branch(probe, node, su, second)),
                    l -> l.stream().allMatch(b -> b.blocked().stream().anyMatch(s -> s.pid() == waiterPid)));
            assertThat(blocked).isNotDone();
            assertThat(both.get(0).blocked().get(0).query()).contains("LOCK TABLE " + table);

            try (Statement st = su.createStatement()) {
                st.execute("SELECT pg_cancel_backend(" + waiterPid + ")");
            }
            Await.until(Duration.ofSeconds(10), "the waiter cancelled", blocked::isDone, d -> d);
        } finally {
            try (Statement st = su.createStatement()) {
                st.execute("SELECT pg_terminate_backend(" + waiterPid + ")");
            } catch (SQLException e) {
                System.err.println("could not end the waiter: " + e);
            }
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
            TwoPhase.rollBackAll(sandbox, leader, tag);
            try (Statement st = su.createStatement()) {
                st.execute("SET lock_timeout = '5s'");
                st.execute("DROP TABLE IF EXISTS " + table);
            }
            Closing.inOrder(su, waiter, app);
        }
    }

    @Test
    void aBranchYoungerThanAnOpenTransactionDoesNotHoldTheHorizon() throws Exception {
        String tag = TwoPhase.tag();
        String gid = "younger-than-open-" + tag;
        NodeRef node = TwoPhase.node(sandbox, leader);
        Connection open = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        Connection app = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "app");
        try {
            open.setAutoCommit(false);
            long openXid;
            try (Statement st = open.createStatement();
                 ResultSet rs = st.executeQuery("SELECT txid_current()")) {
                rs.next();
                openXid = rs.getLong(1);
            }
            TwoPhase.prepare(app, gid);
            PreparedXactsProbe probe = new PreparedXactsProbe();
            try (Connection monitor = SandboxConnections.connect(sandbox, leader, sandbox.monitorUser(), "postgres")) {
                PreparedBranch b = branch(probe, node, monitor, gid);
                assertThat(b.xid()).isGreaterThan(openXid);
                assertThat(b.oldestXmin()).as("an older open transaction holds the horizon").isFalse();

                open.rollback();
                PreparedBranch after = Await.until(Duration.ofSeconds(30), "the branch holding the horizon",
                        () -> branch(probe, node, monitor, gid), x -> x.oldestXmin());
                assertThat(after.xid()).isEqualTo(b.xid());
            }
        } finally {
            TwoPhase.rollBackAll(sandbox, leader, tag);
            Closing.inOrder(app, open);
        }
    }

    @Test
    void aStandbyListsNoBranchesAndSaysItIsInRecovery() throws Exception {
        String tag = TwoPhase.tag();
        String replica = sandbox.members().stream().map(SandboxInfo.Member::name).filter(n -> !n.equals(leader))
                .findFirst().orElseThrow();
        try (Connection su = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
             Connection standby = SandboxConnections.connect(sandbox, replica, sandbox.monitorUser(), "postgres")) {
            TwoPhase.prepare(su, "standby-" + tag);
            PreparedXactsProbe.NodeReading r = new PreparedXactsProbe().probe(TwoPhase.node(sandbox, replica),
                    standby);
            assertThat(r.inRecovery()).isTrue();
            assertThat(r.branches()).isEmpty();
            assertThat(r.note()).get().asString().contains("in recovery");
            PreparedXactsProbe.NodeReading primary = new PreparedXactsProbe().probe(TwoPhase.node(sandbox, leader),
                    su);
            assertThat(primary.inRecovery()).isFalse();
            assertThat(primary.note()).isEmpty();
            assertThat(primary.maxPreparedTransactions()).isEqualTo(20);
            assertThat(primary.branches()).extracting(PreparedBranch::gid).contains("standby-" + tag);
        } finally {
            TwoPhase.rollBackAll(sandbox, leader, tag);
        }
    }

    private static PreparedBranch branch(PreparedXactsProbe probe, NodeRef node, Connection c, String gid) {
        try {
            List<PreparedBranch> all = probe.read(node, c);
            return all.stream().filter(b -> b.gid().equals(gid)).findFirst().orElse(null);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)::bigint")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
