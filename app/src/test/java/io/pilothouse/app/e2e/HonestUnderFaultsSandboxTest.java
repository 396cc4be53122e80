package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.postgres.NodeConnections;
import io.pilothouse.services.postgres.SqlFailure;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;
import io.pilothouse.services.workspace.PostgresConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #12, findings 2, 5 and 6, against a sandbox of its own (one Patroni member as coordinator, two standalone
 * shards, the demo schema, one in-doubt global transaction): a shard frozen during {@code indoubt list}, a wrong
 * PostgreSQL password, and a unique index on the parent of a partition to move. Each scenario prints a
 * {@code FAULT-TIMING} line.
 */
@Tag("servers")
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HonestUnderFaultsSandboxTest {

    private static OwnSandbox own;
    private static SandboxInfo info;
    private static Path workspace;
    private static AuditLogProperty audit;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() throws Exception {
        own = OwnSandbox.start("pilothouse-faults-errors-", s -> s.withMembers(1).withScope("hf").withShards(2));
        info = own.info();
        audit = AuditLogProperty.pointAt(own.dir().resolve("audit.jsonl"));
        new ShardedSchema(info).create(2_000, line -> { });
        new TwoPhaseWorkload(info).run(new TwoPhaseWorkload.Options(2, 1, 11, false), line -> { });
        workspace = info.workspaceFile();
    }

    @AfterAll
    static void stop() {
        io.pilothouse.services.testing.Closing.inOrder(audit, own);
    }

    private static void timing(String scenario, String figures) {
        System.out.println("FAULT-TIMING scenario=" + scenario + " " + figures);
    }

    private static void signal(long pid, String signal) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kill -" + signal + " " + pid).isZero();
    }

    @Test
    @Order(1)
    void aShardFrozenDuringIndoubtListIsReportedAndExitsOne() throws Exception {
        assertThat(cli.run("indoubt", "list", "--json", "--workspace", workspace.toString())).as(cli.err())
                .isEqualTo(4);
        JsonNode before = Json.mapper().readTree(cli.out());
        String gid = before.findValuesAsText("gid").stream().filter(g -> g.endsWith("_shard1")).findFirst()
                .orElseThrow();
        SandboxInfo.Shard shard1 = info.requireShard("shard1");

        signal(shard1.postgresPid(), "STOP");
        long detectMs;
        try {
            long t0 = System.nanoTime();
            int status = cli.run("indoubt", "list", "--json", "--workspace", workspace.toString(), "--timeout", "10");
            detectMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(status).as(cli.err()).isEqualTo(1);
            JsonNode during = Json.mapper().readTree(cli.out());
            assertThat(during.path("errors").size()).as(cli.out()).isEqualTo(1);
            String label = during.path("errors").fieldNames().next();
            assertThat(label).startsWith("shard1/");
            assertThat(during.path("errors").path(label).asText()).contains(shard1.pgPort() + "");
            assertThat(during.path("nodesRead").toString()).contains(label);
            assertThat(cli.err()).contains("shard1");

            assertThat(cli.run("indoubt", "list", "--workspace", workspace.toString(), "--timeout", "10"))
                    .isEqualTo(1);
            assertThat(cli.out()).contains("NOT READ: 1 node(s)").contains(label);

            assertThat(cli.run("indoubt", "resolve", "--gid", gid, "--node", "shard1", "--rollback", "--yes",
                    "--workspace", workspace.toString(), "--timeout", "10")).as(cli.err()).isEqualTo(1);
            assertThat(cli.err()).contains("shard1 is unreachable").doesNotContain("resolved already");
        } finally {
            signal(shard1.postgresPid(), "CONT");
        }
        long t1 = System.nanoTime();
        assertThat(cli.run("indoubt", "list", "--json", "--workspace", workspace.toString())).as(cli.err())
                .isEqualTo(4);
        long recoverMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(Json.mapper().readTree(cli.out()).findValuesAsText("gid")).contains(gid);
        timing("shard-frozen-during-indoubt-list", "detect_ms=" + detectMs + " recover_ms=" + recoverMs);
    }

    @Test
    @Order(2)
    void aWrongPasswordIsItsOwnCauseNeverStoppedAndBacksOff() throws Exception {
        Path pgpass = own.dir().resolve("wrong-pgpass");
        List<String> lines = Files.readAllLines(info.passfile()).stream()
                .map(l -> l.matches(".*:" + Pattern.quote(info.monitorUser()) + ":.*")
                        ? l.substring(0, l.lastIndexOf(':') + 1) + "not-the-password" : l).toList();
        Files.write(pgpass, lines);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Path wrong = own.dir().resolve("wrong-password.yaml");
        Files.writeString(wrong, Files.readString(workspace).replace(info.passfile().toString(), pgpass.toString()));
        Path shardLog = info.dir().resolve("logs/shard1-postgres.log");
        long before = refusedLogins(shardLog);

        long t0 = System.nanoTime();
        int status = cli.run("snapshot", "--json", "--workspace", wrong.toString(), "--timeout", "8");
        long detectMs = (System.nanoTime() - t0) / 1_000_000;
        long loginsPerSnapshot = refusedLogins(shardLog) - before;

        assertThat(status).as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).contains("authentication failed: FATAL: password authentication failed for user \""
                + info.monitorUser() + "\"").doesNotContain("Connection is not available");
        JsonNode estate = Json.mapper().readTree(cli.out());
        for (JsonNode c : estate.path("clusters")) {
            for (JsonNode m : c.path("members")) {
                assertThat(m.path("state").asText()).as(c.path("scope") + " " + m.path("name"))
                        .isNotEqualToIgnoringCase("stopped");
            }
            assertThat(c.path("sources").path("postgres").path("lastError").asText())
                    .contains("authentication failed");
        }
        JsonNode coordinator = cluster(estate, "hf");
        assertThat(coordinator.path("members").get(0).path("state").asText()).isEqualToIgnoringCase("running");
        assertThat(loginsPerSnapshot).as("refused logins on shard1 during one snapshot").isBetween(1L, 2L);

        // A live model left running: one refused login per node, then back-off (10 s, 20 s, ...).
        long watchFrom = refusedLogins(shardLog);
        Duration watched = Duration.ofSeconds(25);
        try (var session = io.pilothouse.app.wiring.LiveSession.start(
                new io.pilothouse.services.workspace.WorkspaceLoader().load(wrong),
                io.pilothouse.services.live.LiveSettings.DEFAULTS)) {
            long end = System.nanoTime() + watched.toNanos();
            while (System.nanoTime() < end) {
                // A measured window, not a wait for a condition: the count is what is measured.
                TimeUnit.MILLISECONDS.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        }
        long loginsWatched = refusedLogins(shardLog) - watchFrom;
        assertThat(loginsWatched).as("refused logins on shard1 in " + watched.toSeconds() + " s").isBetween(1L, 4L);
        timing("wrong-password", "detect_ms=" + detectMs + " refused_logins_per_snapshot=" + loginsPerSnapshot
                + " refused_logins_in_" + watched.toSeconds() + "s=" + loginsWatched);
    }

    @Test
    @Order(3)
    void readFailuresAreToldApartByCause() throws Exception {
        SandboxInfo.Shard shard2 = info.requireShard("shard2");
        PostgresConfig monitor = new PostgresConfig(info.monitorUser(), "postgres", info.passfile().toString(), null);
        NodeConnections.Timeouts quick = new NodeConnections.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(1));
        try (NodeConnections wrong = new NodeConnections(monitor, (h, p, c) -> Optional.of("nope".toCharArray()),
                quick)) {
            assertThat(cause(() -> wrong.open(shard2.pgHost(), shard2.pgPort())))
                    .isEqualTo(SqlFailure.Cause.AUTHENTICATION_FAILED);
        }
        PostgresConfig tls = new PostgresConfig(info.monitorUser(), "postgres", info.passfile().toString(), "require");
        try (NodeConnections c = new NodeConnections(tls, (h, p, x) -> Optional.empty(), quick)) {
            assertThat(cause(() -> c.open(shard2.pgHost(), shard2.pgPort()))).isEqualTo(SqlFailure.Cause.TLS);
        }
        URI etcd = URI.create(info.etcdUrl());
        try (NodeConnections c = new NodeConnections(monitor, (h, p, x) -> Optional.empty(), quick)) {
            // etcd (like any HTTP server) waits silently for a request line: to the driver, as to psql, that is a
            // timeout, and the words say it may not be PostgreSQL at all.
            SqlFailure etcdPort = failure(() -> c.open(etcd.getHost(), etcd.getPort()));
            assertThat(etcdPort.cause()).as("etcd's port")
                    .isIn(SqlFailure.Cause.TIMEOUT, SqlFailure.Cause.NOT_POSTGRES);
            assertThat(etcdPort.describe()).contains("not PostgreSQL");
            assertThat(cause(() -> c.open("127.0.0.1", 1))).isEqualTo(SqlFailure.Cause.REFUSED);
        }
        signal(shard2.postgresPid(), "STOP");
        try (NodeConnections c = new NodeConnections(monitor, (h, p, x) -> Optional.empty(), quick)) {
            assertThat(cause(() -> c.open(shard2.pgHost(), shard2.pgPort()))).isEqualTo(SqlFailure.Cause.TIMEOUT);
        } finally {
            signal(shard2.postgresPid(), "CONT");
        }
    }

    private interface Open {
        Connection open() throws SQLException;
    }

    private static SqlFailure.Cause cause(Open open) {
        return failure(open).cause();
    }

    private static SqlFailure failure(Open open) {
        try (Connection c = open.open()) {
            throw new AssertionError("connected: " + c);
        } catch (SQLException e) {
            return SqlFailure.of(e);
        }
    }

    @Test
    @Order(4)
    void aUniqueIndexOnTheParentIsRefusedByThePlanBeforeAnythingIsCopied() throws Exception {
        String leader = io.pilothouse.services.sandbox.SandboxRest.leader(info).orElseThrow();
        try (Connection coordinator = SandboxConnections.connect(info, leader, info.superuser(), "postgres");
             Statement st = coordinator.createStatement()) {
            // Only ON ONLY is accepted while other partitions are foreign; a full index is refused by the server.
            st.execute("CREATE UNIQUE INDEX orders_user_order_uq ON ONLY demo.orders (user_id, order_id)");
            try {
                long t0 = System.nanoTime();
                assertThat(cli.run("reshard", "move", "--partition", "demo.orders_p0", "--to", "shard1",
                        "--dry-run", "--workspace", workspace.toString())).as(cli.err()).isEqualTo(3);
                long detectMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(cli.err()).contains("demo.orders_user_order_uq").contains("unique index")
                        .contains("Drop it on the parent").contains("Nothing was copied");

                assertThat(cli.run("reshard", "move", "--partition", "demo.orders_p0", "--to", "shard1", "--yes",
                        "--json", "--workspace", workspace.toString())).as(cli.err()).isEqualTo(3);
                assertThat(cli.out()).isEmpty();
                assertThat(cli.run("reshard", "list", "--json", "--workspace", workspace.toString())).isZero();
                assertThat(cli.out()).doesNotContain("orders_p0");
                try (Connection shard1 = SandboxConnections.connect(info, info.requireShard("shard1").pgHost(),
                        info.requireShard("shard1").pgPort(), info.superuser(), "postgres");
                     Statement s1 = shard1.createStatement();
                     var rs = s1.executeQuery("SELECT to_regclass('demo.orders_p0') IS NULL")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("nothing created on the target").isTrue();
                }

                // The refusal is the server's rule: the statement the cutover runs fails on this parent.
                coordinator.setAutoCommit(false);
                st.execute("ALTER TABLE demo.orders DETACH PARTITION demo.orders_p0");
                st.execute("CREATE FOREIGN TABLE demo.orders_p0_probe (order_id bigint NOT NULL, user_id bigint "
                        + "NOT NULL, amount numeric(12,2), created_at timestamptz, status text) SERVER shard1 "
                        + "OPTIONS (schema_name 'demo', table_name 'orders_p0')");
                assertThatThrownBy(() -> st.execute("ALTER TABLE demo.orders ATTACH PARTITION demo.orders_p0_probe "
                        + "FOR VALUES WITH (MODULUS 8, REMAINDER 0)")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("contains unique indexes");
                coordinator.rollback();
                coordinator.setAutoCommit(true);
                timing("reshard-parent-unique-index", "detect_ms=" + detectMs + " copied_rows=0");
            } finally {
                st.execute("DROP INDEX IF EXISTS demo.orders_user_order_uq");
            }
            int status = cli.run("reshard", "move", "--partition", "demo.orders_p0", "--to", "shard1", "--dry-run",
                    "--workspace", workspace.toString());
            String said = cli.out() + cli.err();
            // The unique index no longer refuses the plan. The in-doubt orphan this class leaves on the coordinator (a
            // prepared transaction, the source of orders_p0) refuses it on its own: moves check for those (issue 20).
            assertThat(said).doesNotContain("unique index");
            boolean refusedForThePreparedOne = status == 3
                    && said.toLowerCase(java.util.Locale.ROOT).contains("prepared transaction");
            assertThat(status == 0 || refusedForThePreparedOne).as(said).isTrue();
        }
    }

    @Test
    @Order(5)
    void unknownClusterAndPartitionAreBadInputAfterTheRead() {
        assertThat(cli.run("pause", "--cluster", "no-such-cluster", "--workspace", workspace.toString(),
                "--timeout", "10")).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains("no cluster 'no-such-cluster'");
        assertThat(cli.run("reshard", "move", "--partition", "demo.no_such_partition", "--to", "shard1",
                "--dry-run", "--workspace", workspace.toString())).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains("is not a partition");
    }

    private static JsonNode cluster(JsonNode estate, String scope) {
        for (JsonNode c : estate.path("clusters")) {
            if (scope.equals(c.path("scope").asText())) {
                return c;
            }
        }
        throw new AssertionError("no cluster " + scope + " in " + estate);
    }

    private static long refusedLogins(Path log) throws Exception {
        Matcher m = Pattern.compile("password authentication failed").matcher(Files.readString(log));
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
