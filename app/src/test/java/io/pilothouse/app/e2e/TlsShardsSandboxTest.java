package io.pilothouse.app.e2e;

import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shards and reshard on a {@code sandbox up --tls} whose shards are Patroni clusters of two (servers accept
 * {@code hostssl} only): the shard map read over verified TLS, the coordinator's postgres_fdw servers verifying their
 * shards, and {@code reshard move} of a foreign partition and of a local one whose subscriptions connect with
 * {@code sslmode=verify-full} (seen in the audit and in the source's {@code pg_stat_ssl}) and leave no password in
 * {@code pg_subscription}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class TlsShardsSandboxTest {

    @TempDir
    static Path work;

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static AuditLogProperty auditProperty;
    private static Path tls;
    private static Path audit;
    private static String workspace;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        own = OwnSandbox.start("pilothouse-tls-shards-", s -> s.withMembers(1).withScope("coord").withShards(2)
                .withShardMembers(2).toBuilder().tls(true).build());
        sandbox = own.info();
        long t1 = System.nanoTime();
        new ShardedSchema(sandbox).create(20_000, line -> { });
        System.out.printf("timing: TLS sandbox (coordinator + 2 shard clusters of 2) %.1f s, sharded schema %.1f s%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        tls = sandbox.dir().resolve("tls");
        workspace = sandbox.workspaceFile().toString();
        audit = work.resolve("audit.jsonl");
        auditProperty = AuditLogProperty.pointAt(audit);
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(auditProperty, own);
    }

    @Test
    @Order(1)
    void shardMapIsReadOverVerifiedTlsAndTheCoordinatorVerifiesItsShards() throws Exception {
        assertThat(cli.run("shards", "--workspace", workspace)).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("node shard1", "node shard2").containsPattern("demo\\.orders_p3 +shard2");
        try (Connection coordinator = coordinator(); Statement st = coordinator.createStatement();
             ResultSet rs = st.executeQuery("SELECT srvname, array_to_string(srvoptions, ' ') FROM pg_foreign_server "
                     + "ORDER BY srvname")) {
            int servers = 0;
            while (rs.next()) {
                servers++;
                assertThat(rs.getString(2)).as(rs.getString(1)).contains("sslmode=verify-full",
                        "sslrootcert=" + tls.resolve("ca.crt"));
            }
            assertThat(servers).isEqualTo(2);
            // A query through postgres_fdw, so the coordinator's own verify-full connection is really made.
            assertThat(st.executeQuery("SELECT count(*) FROM demo.orders_p3").next()).isTrue();
        }
    }

    @Test
    @Order(2)
    void moveOfAForeignPartitionSubscribesWithVerifyFullAndLeavesNoPassword() throws Exception {
        Map<String, Boolean> walsenders;
        try (SslWatch watch = new SslWatch(shard("shard2"))) {
            assertThat(cli.run("reshard", "move", "--partition", "demo.orders_p3", "--to", "shard1", "--yes",
                    "--cluster", "coord", "--workspace", workspace)).as(cli.out() + cli.err()).isZero();
            walsenders = watch.seen();
        }
        assertThat(cli.out()).contains("state: DONE", "verification: MATCHED");
        assertThat(subscriptionStatements()).anySatisfy(s -> assertThat(s)
                .contains("sslmode=''verify-full''", "sslrootcert=''" + tls.resolve("ca.crt") + "''"));
        assertThat(walsenders).as("the move's connections to shard2 (application_name ph_move_…)").isNotEmpty()
                .allSatisfy((name, ssl) -> assertThat(ssl).as(name + " encrypted").isTrue());
        assertNoSubscriptionSecret("shard1");
    }

    @Test
    @Order(3)
    void moveOfALocalPartitionTakesTheTargetServersTls() throws Exception {
        assertThat(cli.run("reshard", "move", "--partition", "demo.orders_p0", "--to", "shard2", "--yes",
                "--cluster", "coord", "--workspace", workspace)).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("state: DONE", "verification: MATCHED");
        assertThat(subscriptionStatements()).hasSize(2).allSatisfy(s -> assertThat(s)
                .contains("sslmode=''verify-full''")).anySatisfy(s -> assertThat(s)
                .contains("port=''" + sandbox.members().get(0).pgPort() + "''"));
        assertNoSubscriptionSecret("shard2");
    }

    private static void assertNoSubscriptionSecret(String shard) throws SQLException {
        try (Connection c = shard(shard); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_subscription WHERE subconninfo ~* 'password'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("subscriptions on " + shard + " holding a password").isZero();
        }
    }

    /** The CREATE SUBSCRIPTION statements the audit log recorded (password masked there). */
    private static List<String> subscriptionStatements() throws Exception {
        return Files.readAllLines(audit).stream().flatMap(l -> java.util.Arrays.stream(l.split("\", \"")))
                .filter(s -> s.contains("CREATE SUBSCRIPTION")).collect(Collectors.toList());
    }

    private static Connection coordinator() throws SQLException {
        SandboxInfo.Member m = sandbox.members().get(0);
        return connect(m.pgHost() + ":" + m.pgPort());
    }

    /** The shard cluster's primary, wherever it is. */
    private static Connection shard(String name) throws SQLException {
        SandboxInfo.Shard s = sandbox.shards().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return connect(s.members().stream().map(m -> m.pgHost() + ":" + m.pgPort()).collect(Collectors.joining(","))
                + "/postgres?targetServerType=primary");
    }

    private static Connection connect(String hosts) throws SQLException {
        String first = hosts.split("[,/]")[0];
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password(first, "postgres"));
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", tls.resolve("ca.crt").toString());
        p.setProperty("connectTimeout", "10");
        String url = hosts.contains("/") ? hosts : hosts + "/postgres";
        return DriverManager.getConnection("jdbc:postgresql://" + url, p);
    }

    private static String password(String hostPort, String user) {
        String prefix = hostPort + ":*:" + user + ":";
        try {
            return Files.readAllLines(sandbox.passfile()).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow().substring(prefix.length());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Polls a server's {@code pg_stat_ssl} for the move's connections (walsender and table sync) until closed. */
    private static final class SslWatch implements AutoCloseable {
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService runner = Executors.newSingleThreadExecutor();
        private final Connection c;
        private final Future<?> run;

        SslWatch(Connection c) {
            this.c = c;
            this.run = runner.submit(this::poll);
        }

        private Void poll() throws Exception {
            try (Statement st = c.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = st.executeQuery("SELECT a.application_name || ' ' || a.backend_type, s.ssl "
                            + "FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) "
                            + "WHERE a.application_name LIKE 'ph\\_move\\_%'")) {
                        while (rs.next()) {
                            seen.merge(rs.getString(1), rs.getBoolean(2), Boolean::logicalAnd);
                        }
                    }
                    Thread.sleep(20);
                }
            }
            return null;
        }

        Map<String, Boolean> seen() throws Exception {
            stop.set(true);
            run.get(10, TimeUnit.SECONDS);
            return Map.copyOf(seen);
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            runner.shutdownNow();
            c.close();
        }
    }
}
