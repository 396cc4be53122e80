package io.pilothouse.services.reshard;

import io.pilothouse.services.policy.ReadOnlyWorkspaceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Moving partitions of the sandbox's {@code demo.orders} between real nodes with logical replication: under a write
 * load through the coordinator, rolled back before the cutover, and refused in a read-only workspace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
        assertThat(PartitionMover.preview(plan)).anyMatch(l -> l.startsWith("CREATE SUBSCRIPTION"))
                .noneMatch(l -> l.contains(passwordOfSuperuser()));
        List<Long> users;
        try (Connection c = sandbox.coordinator()) {
            users = CoordinatorWriter.usersOf(c, 3, 50);
        }
        List<MoveProgress> progress = new CopyOnWriteArrayList<>();
        MoveRecord done;
        CoordinatorWriter writer = new CoordinatorWriter(() -> {
            try {
                return sandbox.coordinator();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, users);
        try (writer) {
            Thread.sleep(500); // let the load run before the move starts, so rows arrive during the copy too
            done = service.move(plan, new MoveEvents() {
                @Override
                public void progress(MoveProgress p) {
                    progress.add(p);
                }

                @Override
                public void ran(ReshardNode node, String statement) {
                }
            }, () -> false);
            Thread.sleep(500); // and after the cutover, through the new foreign partition
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
        }
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

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return Long.parseLong(single(c, "SELECT count(*) FROM " + table));
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
