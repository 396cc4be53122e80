package io.pilothouse.services.reshard;

import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.pilothouse.services.testing.Await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.pilothouse.services.testing.SqlProbe.count;
import static io.pilothouse.services.testing.SqlProbe.exists;
import static io.pilothouse.services.testing.SqlProbe.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Moving partitions of the sandbox's {@code demo.orders} between real nodes with logical replication: under a write
 * load through the coordinator, rolled back before the cutover, and refused in a read-only workspace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class PartitionMoverSandboxTest {

    @TempDir
    static Path dir;

    private static ReshardSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = ReshardSandbox.start("pilothouse-reshard-", 40_000, dir);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void readOnlyWorkspaceRefusesAMoveAndChangesNothing() throws Exception {
        ReshardService service = sandbox.service(true);
        MovePlan plan = service.plan(sandbox.request("demo.orders_p4", "shard2"));
        assertThatThrownBy(() -> service.move(plan, MoveEvents.NONE, () -> false))
                .isInstanceOf(ReadOnlyWorkspaceException.class);
        try (Connection shard2 = sandbox.shard("shard2")) {
            assertThat(exists(shard2, "demo.orders_p4")).isFalse();
        }
    }

    @Test
    @Order(2)
    void movesAForeignPartitionUnderWritesWithEveryAcknowledgedRowOnTheTargetOnce() throws Exception {
        ReshardService service = sandbox.service(false);
        MovePlan plan = service.plan(sandbox.request("demo.orders_p3", "shard1"));
        assertThat(plan.source().label()).isEqualTo("shard2");
        assertThat(plan.target().label()).isEqualTo("shard1");
        assertThat(MovePreview.statements(plan)).anyMatch(l -> l.startsWith("CREATE SUBSCRIPTION"))
                .noneMatch(l -> l.contains(passwordOfSuperuser()));
        List<Long> users;
        try (Connection c = sandbox.coordinator()) {
            users = CoordinatorWriter.usersOf(c, 3, 50);
        }
        // Both servers log every DDL statement, as a cautious DBA's might: the one-time password must not be there.
        logDdl(plan, true);
        List<MoveProgress> progress = new CopyOnWriteArrayList<>();
        List<String> whileCopying = new CopyOnWriteArrayList<>();
        MoveRecord done;
        CoordinatorWriter writer = new CoordinatorWriter(() -> {
            try {
                return sandbox.coordinator();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, users);
        try (writer) {
            // Let the load run before the move starts, so rows arrive during the copy too.
            Await.until(Duration.ofSeconds(30), "writes before the move", writer.acknowledged::size, n -> n >= 50);
            done = service.move(plan, new MoveEvents() {
                @Override
                public void progress(MoveProgress p) {
                    progress.add(p);
                    if (whileCopying.isEmpty() && (p.step().startsWith("Copying") || p.step().startsWith("Catching up"))) {
                        whileCopying.addAll(replicationSeenWhileCopying(plan));
                    }
                }

                @Override
                public void ran(ReshardNode node, String statement) {
                }
            }, () -> false);
            int atCutover = writer.acknowledged.size();
            // And after the cutover, through the new foreign partition.
            Await.until(Duration.ofSeconds(30), "writes after the move", writer.acknowledged::size,
                    n -> n >= atCutover + 50);
        }
        assertThat(done.state()).isEqualTo(MoveState.DONE);
        assertThat(done.verification().matched()).as("verification %s", done.verification()).isTrue();
        assertThat(done.cutover().blockedMillis()).isLessThan(2_000);
        assertThat(progress).anyMatch(p -> p.step().startsWith("Copying") || p.step().startsWith("Catching up"));
        List<Long> acknowledged = new ArrayList<>(writer.acknowledged);
        assertThat(acknowledged).hasSizeGreaterThan(100);
        System.out.printf("move under load: %d rows acknowledged, %d updates, %d errors, longest client gap %d ms, "
                        + "cutover %s%n", acknowledged.size(), writer.updates.get(), writer.errors.get(),
                writer.longestGapMillis(), done.cutover());

        try (Connection shard1 = sandbox.shard("shard1"); Connection shard2 = sandbox.shard("shard2");
             Connection coordinator = sandbox.coordinator()) {
            assertThat(single(coordinator, "SELECT s.srvname FROM pg_foreign_table ft JOIN pg_foreign_server s "
                    + "ON s.oid = ft.ftserver WHERE ft.ftrelid = 'demo.orders_p3'::regclass")).isEqualTo("shard1");
            assertThat(exactlyOnce(shard1, "demo.orders_p3", acknowledged)).isEqualTo(acknowledged.size());
            assertThat(count(coordinator, "demo.orders_p3")).isEqualTo(count(shard1, "demo.orders_p3"));
            assertThat(exists(shard2, "demo.orders_p3")).isFalse();
            assertThat(exists(shard2, "demo." + plan.keptName())).isTrue();
            assertThat(single(shard2, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
            assertThat(single(shard1, "SELECT count(*) FROM pg_subscription")).isEqualTo("0");
            assertThat(single(shard2, "SELECT count(*) FROM pg_publication")).isEqualTo("0");
        }
        assertThat(Files.readString(sandbox.auditLog())).contains("reshard-move").contains("CREATE SUBSCRIPTION")
                .doesNotContain(passwordOfSuperuser());
        // While it copied, the target's subscription logged in to the source as the move's own role, with a
        // one-time password; now the role is gone and nothing keeps that password: not the audit, not the journal.
        assertThat(whileCopying).as("subconninfo, role, walsender user while copying").hasSize(3);
        String conninfo = whileCopying.get(0);
        assertThat(conninfo).contains("user='" + plan.replicationRole() + "'").doesNotContain(passwordOfSuperuser())
                .doesNotContain("user='" + sandbox.info.superuser() + "'");
        String oneTime = oneTimePassword(conninfo);
        assertThat(oneTime).hasSize(32);
        assertThat(whileCopying.get(1)).as("login replication superuser").isEqualTo("true true false");
        assertThat(whileCopying.get(2)).isEqualTo(plan.replicationRole());
        System.out.printf("move %s: subconninfo while copying: %s; role login/replication/superuser: %s; "
                + "walsender user: %s%n", plan.id(), conninfo.replace(oneTime, "<32 chars>"), whileCopying.get(1),
                whileCopying.get(2));
        try (Connection shard2 = sandbox.shard("shard2"); Connection shard1 = sandbox.shard("shard1")) {
            assertThat(roleExists(shard2, plan.replicationRole())).as("role after the move").isFalse();
            assertThat(single(shard2, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'ph\\_move\\_%'"))
                    .isEqualTo("0");
            assertThat(single(shard1, "SELECT count(*) FROM pg_subscription")).isEqualTo("0");
        }
        assertThat(Files.readString(sandbox.auditLog())).contains("CREATE ROLE").doesNotContain(oneTime);
        String logs = serverLogs(plan);
        logDdl(plan, false);
        assertThat(logs).as("server logs with log_statement = ddl").contains("CREATE PUBLICATION")
                .doesNotContain(oneTime).doesNotContain("SCRAM-SHA-256$").doesNotContain(passwordOfSuperuser());
        assertThat(Files.readString(sandbox.dir.resolve("journal/" + plan.id() + ".json")))
                .contains("role " + plan.replicationRole()).doesNotContain(oneTime);

        MoveRecord dropped = service.dropSource(plan.id(), MoveEvents.NONE);
        assertThat(dropped.state()).isEqualTo(MoveState.SOURCE_DROPPED);
        try (Connection shard2 = sandbox.shard("shard2")) {
            assertThat(exists(shard2, "demo." + plan.keptName())).isFalse();
        }
    }

    @Test
    @Order(3)
    void aMoveStoppedBeforeTheCutoverRollsBackLeavingTheSourceUntouched() throws Exception {
        ReshardService service = sandbox.service(false);
        MovePlan plan = service.plan(sandbox.request("demo.orders_p4", "shard2"));
        long before;
        try (Connection shard1 = sandbox.shard("shard1")) {
            before = count(shard1, "demo.orders_p4");
        }
        assertThatThrownBy(() -> service.move(plan, MoveEvents.NONE, () -> true))
                .hasMessageContaining("stopped before the cutover");
        MoveRecord stopped = service.find(plan.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(MoveState.SUBSCRIBED);
        assertThat(service.unfinished()).extracting(MoveRecord::id).contains(plan.id());
        assertParked(plan);

        MoveRecord rolledBack = service.rollBack(plan.id(), MoveEvents.NONE);
        assertThat(rolledBack.state()).isEqualTo(MoveState.ROLLED_BACK);
        try (Connection shard1 = sandbox.shard("shard1"); Connection shard2 = sandbox.shard("shard2");
             Connection coordinator = sandbox.coordinator()) {
            assertThat(exists(shard2, "demo.orders_p4")).isFalse();
            assertThat(single(shard2, "SELECT count(*) FROM pg_subscription")).isEqualTo("0");
            assertThat(single(shard1, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
            assertThat(single(shard1, "SELECT count(*) FROM pg_publication")).isEqualTo("0");
            assertThat(count(shard1, "demo.orders_p4")).isEqualTo(before);
            assertThat(single(coordinator, "SELECT s.srvname FROM pg_foreign_table ft JOIN pg_foreign_server s "
                    + "ON s.oid = ft.ftserver WHERE ft.ftrelid = 'demo.orders_p4'::regclass")).isEqualTo("shard1");
            assertThat(roleExists(shard1, plan.replicationRole())).as("role after the rollback").isFalse();
        }
    }

    /**
     * A move stopped after subscribing is parked (subscription disabled, its password removed, the role dropped);
     * one whose app died leaves the role behind with a password only the subscription knows. Resumed, it gives the
     * role a new password, points the subscription at it, finishes, and drops the role.
     */
    @Test
    @Order(11)
    void aStoppedMoveResumesWithANewOneTimePasswordAndDropsTheRoleWhenDone() throws Exception {
        ReshardService service = sandbox.service(false);
        MovePlan plan = service.plan(sandbox.request("demo.orders_p4", "shard2"));
        assertThatThrownBy(() -> service.move(plan, MoveEvents.NONE, () -> true))
                .hasMessageContaining("stopped before the cutover");
        assertParked(plan);
        // As if the app had died while copying: the role is there, with a password the journal never had.
        try (Connection shard1 = sandbox.shard("shard1"); Statement st = shard1.createStatement()) {
            st.execute("CREATE ROLE " + plan.replicationRole() + " LOGIN REPLICATION PASSWORD 'left-by-a-crash'");
        }
        try (Connection shard2 = sandbox.shard("shard2"); Statement st = shard2.createStatement()) {
            st.execute("ALTER SUBSCRIPTION " + plan.replicationName() + " CONNECTION 'host=" + plan.source().host()
                    + " port=" + plan.source().port() + " dbname=" + plan.source().database() + " user="
                    + plan.replicationRole() + " password=left-by-a-crash'");
        }
        List<String> ran = new CopyOnWriteArrayList<>();
        MoveRecord done = service.resume(plan.id(), new MoveEvents() {
            @Override
            public void progress(MoveProgress p) {
            }

            @Override
            public void ran(ReshardNode node, String statement) {
                ran.add(statement);
            }
        }, () -> false);

        assertThat(done.state()).isEqualTo(MoveState.DONE);
        assertThat(done.verification().matched()).isTrue();
        assertThat(ran).anyMatch(l -> l.startsWith("ALTER ROLE \"" + plan.replicationRole() + "\"")
                        && l.endsWith("PASSWORD '********'"))
                .anyMatch(l -> l.startsWith("ALTER SUBSCRIPTION") && l.contains("password=''********''"))
                .anyMatch(l -> l.equals("DROP ROLE IF EXISTS \"" + plan.replicationRole() + "\""))
                .noneMatch(l -> l.contains("left-by-a-crash") || l.contains("SCRAM-SHA-256$"));
        try (Connection shard1 = sandbox.shard("shard1"); Connection shard2 = sandbox.shard("shard2")) {
            assertThat(roleExists(shard1, plan.replicationRole())).as("role after the resumed move").isFalse();
            assertThat(single(shard2, "SELECT count(*) FROM pg_subscription")).isEqualTo("0");
            assertThat(count(shard2, "demo.orders_p4")).isEqualTo(done.verification().sourceRows());
        }
    }

    /** Turns {@code log_statement = ddl} on or off for new sessions of the move's databases on source and target. */
    private static void logDdl(MovePlan plan, boolean on) throws SQLException {
        for (ReshardNode node : List.of(plan.source(), plan.target())) {
            try (Connection c = sandbox.shard(node.label()); Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE \"" + node.database() + "\" " + (on ? "SET log_statement = 'ddl'"
                        : "RESET log_statement"));
            }
        }
    }

    /** The current server log files of the move's source and target, concatenated. */
    private static String serverLogs(MovePlan plan) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        for (ReshardNode node : List.of(plan.source(), plan.target())) {
            // A plain shard's postmaster writes to stderr, which the sandbox keeps in logs/<name>-postgres.log.
            Path log = sandbox.info.dir().resolve("logs").resolve(node.label() + "-postgres.log");
            assertThat(log).as("server log of %s", node.label()).isRegularFile();
            out.append(new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** After a stopped run: the subscription disabled and without a password, the move's role gone. */
    private static void assertParked(MovePlan plan) throws SQLException {
        try (Connection source = sandbox.shard(plan.source().label());
             Connection target = sandbox.shard(plan.target().label());
             PreparedStatement ps = target.prepareStatement("SELECT subenabled, subconninfo FROM pg_subscription "
                     + "WHERE subname = ?")) {
            ps.setString(1, plan.replicationName());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("subscription kept for resume or rollback").isTrue();
                assertThat(rs.getBoolean(1)).as("subscription enabled").isFalse();
                assertThat(rs.getString(2)).contains("user='" + plan.replicationRole() + "'").doesNotContain("password");
                System.out.printf("move %s parked: subconninfo %s%n", plan.id(), rs.getString(2));
            }
            assertThat(roleExists(source, plan.replicationRole())).as("role while parked").isFalse();
        }
    }

    /** The target's subconninfo, the role's login/replication/superuser flags, and who the walsender logs in as. */
    private static List<String> replicationSeenWhileCopying(MovePlan plan) {
        try (Connection source = sandbox.shard(plan.source().label());
             Connection target = sandbox.shard(plan.target().label())) {
            List<String> out = new ArrayList<>();
            out.add(firstString(target, "SELECT subconninfo FROM pg_subscription WHERE subname = ?",
                    plan.replicationName()));
            out.add(firstString(source, "SELECT rolcanlogin || ' ' || rolreplication || ' ' || rolsuper "
                    + "FROM pg_roles WHERE rolname = ?", plan.replicationRole()));
            out.add(firstString(source, "SELECT usename FROM pg_stat_activity WHERE backend_type = 'walsender' "
                    + "AND application_name = ? LIMIT 1", plan.replicationName()));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstString(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        return firstString(c, "SELECT rolname FROM pg_roles WHERE rolname = ?", role) != null;
    }

    /** The password in a libpq connection string as PostgreSQL prints it back (our values need no quoting). */
    private static String oneTimePassword(String conninfo) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("password='([^']+)'").matcher(conninfo);
        assertThat(m.find()).as("a password in %s", conninfo).isTrue();
        return m.group(1);
    }

    @Test
    @Order(4)
    void movesALocalPartitionOffTheCoordinator() throws Exception {
        ReshardService service = sandbox.service(false);
        MovePlan plan = service.plan(sandbox.request("demo.orders_p0", "shard2"));
        assertThat(plan.sourceForeign()).isFalse();
        MoveRecord done = service.move(plan, MoveEvents.NONE, () -> false);
        assertThat(done.verification().matched()).isTrue();
        try (Connection coordinator = sandbox.coordinator(); Connection shard2 = sandbox.shard("shard2")) {
            assertThat(single(coordinator, "SELECT relkind::text FROM pg_class WHERE oid = 'demo.orders_p0'::regclass"))
                    .isEqualTo("f");
            assertThat(count(coordinator, "demo.orders_p0")).isEqualTo(count(shard2, "demo.orders_p0"))
                    .isEqualTo(done.verification().sourceRows());
            assertThat(exists(coordinator, "demo." + plan.keptName())).isTrue();
        }
    }

    @Test
    @Order(5)
    void refusesAPartitionThatDoesNotExistOrIsAlreadyThere() {
        ReshardService service = sandbox.service(false);
        assertThatThrownBy(() -> service.plan(sandbox.request("demo.orders_p99", "shard1")))
                .hasMessageContaining("is not a partition");
        assertThatThrownBy(() -> service.plan(sandbox.request("demo.orders_p2", "shard1")))
                .hasMessageContaining("already on shard1");
        assertThatThrownBy(() -> service.plan(sandbox.request("demo.orders_p2", "nosuch")))
                .hasMessageContaining("no foreign server nosuch");
    }

    @Test
    @Order(6)
    void splitsAForeignHashPartitionUnderWritesWithEveryRowWhereItsHashSays() throws Exception {
        ReshardService service = sandbox.service(false);
        MovePlan plan = service.planSplit(sandbox.request("demo.orders_p6", "shard2"), null);
        assertThat(plan.split().newPartition().toString()).isEqualTo("demo.orders_p14");
        assertThat(MovePreview.statements(plan)).anyMatch(l -> l.contains("WHERE (satisfies_hash_partition("));
        long before;
        List<Long> users;
        try (Connection c = sandbox.coordinator()) {
            before = count(c, "demo.orders_p6");
            users = CoordinatorWriter.usersOf(c, 6, 80);
        }
        CoordinatorWriter writer = new CoordinatorWriter(() -> {
            try {
                return sandbox.coordinator();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, users);
        MoveRecord done;
        try (writer) {
            Await.until(Duration.ofSeconds(30), "writes before the split", writer.acknowledged::size, n -> n >= 50);
            done = service.move(plan, MoveEvents.NONE, () -> false);
            int atCutover = writer.acknowledged.size();
            Await.until(Duration.ofSeconds(30), "writes after the split", writer.acknowledged::size,
                    n -> n >= atCutover + 50);
        }
        assertThat(done.state()).isEqualTo(MoveState.DONE);
        assertThat(done.verification().matched()).isTrue();
        List<Long> acknowledged = new ArrayList<>(writer.acknowledged);
        System.out.printf("split under load: %d rows acknowledged, %d errors, longest client gap %d ms, cutover %s, "
                + "moved half %d rows%n", acknowledged.size(), writer.errors.get(), writer.longestGapMillis(),
                done.cutover(), done.verification().targetRows());
        try (Connection coordinator = sandbox.coordinator(); Connection shard1 = sandbox.shard("shard1");
             Connection shard2 = sandbox.shard("shard2")) {
            assertThat(single(coordinator, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class "
                    + "WHERE oid = 'demo.orders_p6'::regclass")).isEqualTo("FOR VALUES WITH (modulus 16, remainder 6)");
            assertThat(single(coordinator, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class "
                    + "WHERE oid = 'demo.orders_p14'::regclass")).isEqualTo("FOR VALUES WITH (modulus 16, remainder 14)");
            assertThat(misplaced(coordinator, "demo.orders_p6", 6)).isEqualTo("0");
            assertThat(misplaced(coordinator, "demo.orders_p14", 14)).isEqualTo("0");
            assertThat(count(shard1, "demo.orders_p6") + count(shard2, "demo.orders_p14"))
                    .isEqualTo(before + acknowledged.size());
            assertThat(exactlyOnce(coordinator, "demo.orders", acknowledged)).isEqualTo(acknowledged.size());
            assertThat(count(shard2, "demo.orders_p14")).isPositive();
            assertThat(single(shard1, "SELECT relreplident::text FROM pg_class WHERE oid = 'demo.orders_p6'::regclass"))
                    .isEqualTo("d");
            assertThat(single(shard1, "SELECT count(*) FROM pg_publication")).isEqualTo("0");
            assertThat(single(shard1, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
            assertThat(single(shard2, "SELECT count(*) FROM pg_subscription")).isEqualTo("0");
        }
    }

    @Test
    @Order(7)
    void splitsALocalPartitionSendingTheNewHalfToAShard() throws Exception {
        ReshardService service = sandbox.service(false);
        long before;
        try (Connection c = sandbox.coordinator()) {
            before = count(c, "demo.orders_p1");
        }
        MovePlan plan = service.planSplit(sandbox.request("demo.orders_p1", "shard1"), null);
        assertThat(plan.split().helperCreated()).isFalse();
        MoveRecord done = service.move(plan, MoveEvents.NONE, () -> false);
        assertThat(done.verification().matched()).isTrue();
        try (Connection coordinator = sandbox.coordinator(); Connection shard1 = sandbox.shard("shard1")) {
            assertThat(count(coordinator, "demo.orders_p1") + count(shard1, "demo.orders_p9")).isEqualTo(before);
            assertThat(misplaced(coordinator, "demo.orders_p9", 9)).isEqualTo("0");
            assertThat(misplaced(coordinator, "demo.orders_p1", 1)).isEqualTo("0");
        }
    }

    @Test
    @Order(8)
    void refusesARangePartitionWithoutPrimaryKeyThenMovesItOnceItHasOne() throws Exception {
        ReshardService service = sandbox.service(false);
        String month;
        String bound;
        try (Connection c = sandbox.coordinator()) {
            month = single(c, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    + "WHERE i.inhparent = 'demo.events'::regclass AND c.relname <> 'events_default' "
                    + "ORDER BY c.relname DESC LIMIT 1");
            bound = single(c, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = 'demo." + month
                    + "'::regclass");
        }
        assertThatThrownBy(() -> service.plan(sandbox.request("demo." + month, "shard1")))
                .hasMessageContaining("has no primary key");
        try (Connection c = sandbox.coordinator(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE demo." + month + " ADD PRIMARY KEY (event_id, happened_at)");
        }
        MoveRecord done = service.move(service.plan(sandbox.request("demo." + month, "shard1")), MoveEvents.NONE,
                () -> false);
        assertThat(done.verification().matched()).isTrue();
        try (Connection c = sandbox.coordinator(); Connection shard1 = sandbox.shard("shard1")) {
            assertThat(single(c, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = 'demo." + month
                    + "'::regclass")).isEqualTo(bound);
            assertThat(count(c, "demo." + month)).isEqualTo(count(shard1, "demo." + month))
                    .isEqualTo(done.verification().sourceRows()).isPositive();
        }
    }

    /**
     * Rows of {@code partition} whose user id does not hash to {@code remainder} of modulus 16, computed on the
     * coordinator (a materialized CTE keeps postgres_fdw from sending the coordinator's table oid to the shard).
     */
    @Test
    @Order(9)
    void aPreparedTransactionOnTheSourceRefusesTheMoveAndTheBlockedSubscriptionSaysOnWhat() throws Exception {
        new OperationsKnowEachOther(sandbox).aPreparedTransactionOnTheSourceRefusesTheMoveAndTheBlockedSubscriptionSaysOnWhat();
    }

    @Test
    @Order(10)
    void aGlobalTransactionWithABranchOnAClusterAMoveHoldsIsRefusedWhole() throws Exception {
        new OperationsKnowEachOther(sandbox).aGlobalTransactionWithABranchOnAClusterAMoveHoldsIsRefusedWhole();
    }

    private static String misplaced(Connection coordinator, String partition, int remainder) throws SQLException {
        return single(coordinator, "WITH r AS MATERIALIZED (SELECT user_id FROM " + partition + ") SELECT count(*) "
                + "FROM r WHERE NOT satisfies_hash_partition('demo.orders'::regclass, 16, " + remainder + ", user_id)");
    }

    private static String passwordOfSuperuser() {
        return io.pilothouse.services.sandbox.SandboxConnections.password(sandbox.info.passfile(), "127.0.0.1",
                sandbox.info.requireShard("shard2").pgPort(), "postgres", sandbox.info.superuser()).orElseThrow();
    }

    /** How many of {@code ids} are in {@code table} exactly once (fails on a duplicate). */
    private static long exactlyOnce(Connection c, String table, List<Long> ids) throws SQLException {
        Array array = c.createArrayOf("bigint", ids.toArray());
        try (PreparedStatement dup = c.prepareStatement("SELECT count(*) FROM (SELECT order_id FROM " + table
                + " WHERE order_id = ANY (?) GROUP BY order_id HAVING count(*) > 1) d")) {
            dup.setArray(1, array);
            try (ResultSet rs = dup.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("duplicated order ids").isZero();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT order_id) FROM " + table
                + " WHERE order_id = ANY (?)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
