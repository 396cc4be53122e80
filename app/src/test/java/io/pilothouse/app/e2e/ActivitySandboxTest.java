package io.pilothouse.app.e2e;

import io.pilothouse.services.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.AuditLogs;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.activity.ActivityReading;
import io.pilothouse.services.activity.AdvisoryLock;
import io.pilothouse.services.activity.BlockingTree;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxRest;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.workspace.WorkspaceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The activity view's reader, command line and backend signals on real sessions of the shared sandbox's leader: a
 * transaction holding a row lock (idle in transaction) and an update blocked behind it, an advisory lock holder and
 * a waiter. Cancel and terminate are sent for real, refused in a read-only workspace and refused for lack of
 * permission to the workspace's pg_monitor role.
 */
@Tag("servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivitySandboxTest {

    private static final int KEY = 424242;
    private static SandboxInfo sandbox;
    private static String leader;
    private static LiveSession session;
    private static NodeRef node;
    private static final ExecutorService WAITERS = Executors.newFixedThreadPool(2);
    private static final List<Connection> OPEN = new ArrayList<>();
    private static int blocker;
    private static int blocked;
    private static int holder;
    private static int waiter;
    private static Future<?> blockedUpdate;
    private static Future<?> advisoryWait;

    @TempDir
    static Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void sessions() throws Exception {
        sandbox = SharedSandbox.get();
        leader = SandboxRest.leader(sandbox).orElseThrow();
        System.setProperty(AuditLogs.PROPERTY, dir.resolve("audit.jsonl").toString());
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS activity_probe (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO activity_probe VALUES (1, 0) ON CONFLICT DO NOTHING");
            s.execute("GRANT ALL ON activity_probe TO " + sandbox.appUser());
        }
        Connection a = app("activity-blocker");
        try (Statement s = a.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE activity_probe SET v = v + 1 WHERE id = 1");
        }
        blocker = pid(a);
        Connection b = app("activity-blocked");
        blocked = pid(b);
        blockedUpdate = WAITERS.submit(() -> run(b, "UPDATE activity_probe SET v = v + 2 WHERE id = 1"));
        Connection h = app("activity-advisory-holder");
        run(h, "SELECT pg_advisory_lock(" + KEY + ")");
        holder = pid(h);
        Connection w = app("activity-advisory-waiter");
        waiter = pid(w);
        advisoryWait = WAITERS.submit(() -> run(w, "SELECT pg_advisory_lock(" + KEY + ")"));

        session = LiveSession.start(new WorkspaceLoader().load(sandbox.workspaceFile()), LiveSettings.DEFAULTS);
        session.awaitSettled(Duration.ofSeconds(30));
        node = session.activity().find(sandbox.scope() + "/" + leader);
    }

    @AfterAll
    static void close() throws Exception {
        for (Connection c : OPEN) {
            try {
                c.close();
            } catch (SQLException e) {
                // terminated already
            }
        }
        WAITERS.shutdownNow();
        if (session != null) {
            session.close();
        }
        System.clearProperty(AuditLogs.PROPERTY);
    }

    private static Connection superuser() throws SQLException {
        return SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
    }

    private static Connection app(String name) throws SQLException {
        Connection c = SandboxConnections.connect(sandbox, leader, sandbox.appUser(), "postgres");
        OPEN.add(c);
        run(c, "SET application_name = '" + name + "'");
        return c;
    }

    private static Void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return null;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Reads the leader until {@code ready} holds, for at most 20 s. */
    private static ActivityReading readUntil(Predicate<ActivityReading> ready) {
        return Await.until(Duration.ofSeconds(20), "the leader showing the expected activity",
                () -> session.activity().read(node), a -> a.readable() && ready.test(a.reading())).reading();
    }

    private static boolean bothWaiting(ActivityReading r) {
        return r.session(blocked).map(s -> s.blockedBy().contains(blocker)).orElse(false)
                && r.advisoryLocks().stream().anyMatch(l -> Integer.valueOf(waiter).equals(l.pid()) && !l.granted());
    }

    private int cli(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    @Order(1)
    void readerSeesBlockingIdleInTransactionAndAdvisoryLocks() throws Exception {
        ActivityReading r = readUntil(ActivitySandboxTest::bothWaiting);

        BlockingTree.Node root = r.blockingTree().stream().filter(n -> n.pid() == blocker).findFirst().orElseThrow();
        assertThat(root.children()).extracting(BlockingTree.Node::pid).contains(blocked);
        assertThat(r.session(blocker).orElseThrow().state()).isEqualTo(SessionState.IDLE_IN_TRANSACTION);
        assertThat(r.idleInTransaction()).extracting(s -> s.pid()).contains(blocker);
        assertThat(r.byState().get(SessionState.IDLE_IN_TRANSACTION)).isPositive();
        assertThat(r.topWaits(5)).anyMatch(w -> w.type().equals("Lock") && w.event().equals("transactionid"));
        assertThat(r.topWaits(5)).anyMatch(w -> w.type().equals("Lock") && w.event().equals("advisory"));
        AdvisoryLock held = r.advisoryLocks().stream().filter(l -> Integer.valueOf(holder).equals(l.pid()))
                .findFirst().orElseThrow();
        assertThat(held.granted()).isTrue();
        assertThat(held.key()).isEqualTo(Integer.toString(KEY));
        assertThat(r.advisoryLocks()).anyMatch(l -> Integer.valueOf(waiter).equals(l.pid()) && !l.granted()
                && l.key().equals(Integer.toString(KEY)) && l.waitingSeconds() != null);
        assertThat(r.connections()).isLessThanOrEqualTo(r.maxConnections()).isGreaterThanOrEqualTo(5);
        assertThat(r.inRecovery()).isFalse();
        NodeActivity again = session.activity().read(node);
        assertThat(again.transactionsPerSecond()).isPresent();
        assertThat(again.walBytesPerSecond()).isPresent();
    }

    @Test
    @Order(2)
    void commandLineJsonShowsTheSameSessionsAndFailsForAnUnknownNode() throws Exception {
        readUntil(ActivitySandboxTest::bothWaiting);

        assertThat(cli("activity", "--workspace", sandbox.workspaceFile().toString(), "--node",
                sandbox.scope() + "/" + leader, "--json")).as(err.toString()).isZero();

        JsonNode n = Json.mapper().readTree(out.toString()).path("nodes").get(0);
        assertThat(n.path("readable").asBoolean()).isTrue();
        assertThat(n.path("transactionsPerSecond").isNumber()).isTrue();
        assertThat(n.path("walBytesPerSecond").isNumber()).isTrue();
        JsonNode root = null;
        for (JsonNode b : n.path("blocking")) {
            if (b.path("pid").asInt() == blocker) {
                root = b;
            }
        }
        assertThat(root).as("blocker in " + n.path("blocking")).isNotNull();
        assertThat(root.path("waiters").toString()).contains("\"pid\":" + blocked);
        assertThat(n.path("idleInTransaction").toString()).contains(Integer.toString(blocker));
        assertThat(n.path("advisoryLocks").toString()).contains("\"pid\":" + holder).contains("\"pid\":" + waiter);

        assertThat(cli("activity", "--workspace", sandbox.workspaceFile().toString(), "--node", "nosuch"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no node 'nosuch'");
    }

    @Test
    @Order(3)
    void cancelAndTerminateForRealRefusedReadOnlyAndWithoutPermission() throws Exception {
        readUntil(ActivitySandboxTest::bothWaiting);
        String ws = sandbox.workspaceFile().toString();
        Path readOnly = dir.resolve("readonly.yaml");
        Files.writeString(readOnly, Files.readString(sandbox.workspaceFile())
                .replace("readOnly: false", "readOnly: true"));
        String target = sandbox.scope() + "/" + leader;

        // Read-only: refused, nothing sent.
        assertThat(cli("activity", "terminate", "--workspace", readOnly.toString(), "--node", target, "--pid",
                Integer.toString(blocker), "--yes", "--as", sandbox.superuser())).isEqualTo(3);
        assertThat(err.toString()).containsIgnoringCase("read-only");
        // The workspace's role is only pg_monitor: refused by the server, nothing done.
        assertThat(cli("activity", "cancel", "--workspace", ws, "--node", target, "--pid",
                Integer.toString(blocked))).isEqualTo(3);
        assertThat(err.toString()).contains("Permission denied");
        assertThat(readUntil(ActivitySandboxTest::bothWaiting).session(blocker)).isPresent();

        // Cancel the blocked update: its statement ends, its session stays.
        assertThat(cli("activity", "cancel", "--workspace", ws, "--node", target, "--pid",
                Integer.toString(blocked), "--as", sandbox.superuser())).as(err.toString()).isZero();
        assertThatThrownBy(() -> blockedUpdate.get(10, TimeUnit.SECONDS))
                .hasMessageContaining("canceling statement due to user request");
        // Terminate the advisory waiter and the blocker: gone, the blocker's row lock released.
        assertThat(cli("activity", "terminate", "--workspace", ws, "--node", target, "--pid",
                Integer.toString(waiter), "--yes", "--as", sandbox.superuser())).as(err.toString()).isZero();
        assertThat(cli("activity", "terminate", "--workspace", ws, "--node", target, "--pid",
                Integer.toString(blocker), "--yes", "--as", sandbox.superuser())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("terminated pid " + blocker).contains("gone from pg_stat_activity");
        assertThatThrownBy(() -> advisoryWait.get(10, TimeUnit.SECONDS)).hasMessageContaining("terminat");
        ActivityReading after = session.activity().read(node).reading();
        assertThat(after.session(blocker)).isEmpty();
        assertThat(after.session(waiter)).isEmpty();
        assertThat(after.session(blocked)).isPresent();

        List<AuditRecord> audit = new JsonLinesAuditLog(dir.resolve("audit.jsonl")).read().entries().stream()
                .map(e -> e.record()).toList();
        assertThat(audit).extracting(AuditRecord::action).contains("cancel-backend", "terminate-backend");
        assertThat(audit).anyMatch(r -> r.action().equals("terminate-backend")
                && r.parameters().get("pid").equals(Integer.toString(blocker)));
    }
}
