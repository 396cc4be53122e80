package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pilothouse.services.sandbox.DownReport.Outcome;
import io.pilothouse.services.sandbox.SandboxStatus.State;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Orphan;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.OrphanKind;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Participant;
import io.pilothouse.services.sandbox.workload.TwoPhaseResult.Resolution;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A sandbox of 2 Patroni members and 2 shards, for real: the shards start, are listed everywhere, take part in a
 * two-phase-commit workload that leaves orphans behind, and stop with {@code down}. The order is part of the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class ShardSandboxTest {

    private static final String SUPERUSER = "postgres";
    private static OwnSandbox own;
    private static SandboxInfo info;

    @BeforeAll
    static void up() {
        long started = System.nanoTime();
        own = OwnSandbox.start("pilothouse-shards-", s -> s.withMembers(2).withScope("sharded").withShards(2));
        info = own.info();
        System.out.printf("[up] 2 members + 2 shards up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void destroy() throws java.io.IOException {
        if (own != null) {
            SandboxLogs.keep(own.dir(), ShardSandboxTest.class);
            own.close();
        }
    }

    @Test
    @Order(1)
    void shardsRunAsStandalonePrimariesWithPreparedTransactionsAndTheSandboxRoles() throws SQLException {
        assertThat(info.shards()).extracting(SandboxInfo.Shard::name).containsExactly("shard1", "shard2");
        for (SandboxInfo.Shard s : info.shards()) {
            assertThat(s.postgresPid()).isPositive();
            try (Connection c = SandboxConnections.connect(info, s.pgHost(), s.pgPort(), SUPERUSER, "postgres");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(), current_setting('max_prepared_transactions'),"
                         + " current_setting('cluster_name')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as(s.name() + " in recovery").isFalse();
                assertThat(rs.getInt(2)).isEqualTo(20);
                assertThat(rs.getString(3)).isEqualTo(s.name());
            }
            // The pgpass holds every role for the shard's port, and each logs in with it.
            try (Connection c = SandboxConnections.connect(info, s.pgHost(), s.pgPort(), "pilothouse_monitor",
                    "postgres");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_has_role('pg_monitor', 'MEMBER')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            try (Connection c = SandboxConnections.connect(info, s.pgHost(), s.pgPort(), "app", "app")) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    @Test
    @Order(2)
    void shardsAreInStatusSandboxJsonAndTheWorkspace() throws Exception {
        SandboxStatus status = own.launcher().status(own.dir());
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.isAlive("shard1", ProcessKind.POSTGRES)).isTrue();
        assertThat(status.isAlive("shard2", ProcessKind.POSTGRES)).isTrue();

        assertThat(own.launcher().info(own.dir()).shards()).isEqualTo(info.shards());

        JsonNode sources = new YAMLMapper().readTree(info.workspaceFile().toFile()).path("sources");
        assertThat(sources).hasSize(3);
        assertThat(sources.get(0).path("name").asText()).isEqualTo("sharded");
        for (int i = 0; i < 2; i++) {
            JsonNode shard = sources.get(i + 1);
            SandboxInfo.Shard s = info.shards().get(i);
            assertThat(shard.path("name").asText()).isEqualTo(s.name());
            assertThat(shard.path("nodes")).hasSize(1);
            assertThat(shard.path("nodes").get(0).asText()).isEqualTo("127.0.0.1:" + s.pgPort());
            assertThat(shard.path("postgres")).isEqualTo(sources.get(0).path("postgres"));
            assertThat(shard.has("etcd")).isFalse();
        }
        assertThat(own.workspace().sources()).hasSize(3);
    }

    @Test
    @Order(3)
    void sandboxJsonWithoutShardsStillReads() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(Files.readString(own.dir().resolve("sandbox.json")));
        old.remove("shards");
        SandboxInfo read = json.treeToValue(old, SandboxInfo.class);

        assertThat(read.shards()).isEmpty();
        assertThat(read.members()).isEqualTo(info.members());
    }

    @Test
    @Order(4)
    void twoPhaseWorkloadCommitsEverywhereAndLeavesBothKindsOfOrphans() throws SQLException {
        long started = System.nanoTime();
        TwoPhaseResult result = new TwoPhaseWorkload(info).run(new TwoPhaseWorkload.Options(5, 2, 42L, false),
                line -> System.out.println("[2pc] " + line));
        System.out.printf("[2pc] 5 transactions + 2 orphans in %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertThat(result.participants()).extracting(Participant::name).containsExactly("sharded", "shard1", "shard2");
        assertThat(result.coordinator().name()).isEqualTo("sharded");
        assertThat(result.committed()).containsExactly("tx_0001", "tx_0002", "tx_0003", "tx_0004", "tx_0005");
        assertThat(result.orphans()).extracting(Orphan::globalId).containsExactly("tx_0006", "tx_0007");
        Orphan undecided = result.orphans().get(0);
        Orphan partly = result.orphans().get(1);
        assertThat(undecided.kind()).isEqualTo(OrphanKind.NO_DECISION);
        assertThat(undecided.resolution()).isEqualTo(Resolution.ROLLBACK);
        assertThat(undecided.holders()).containsExactly("sharded", "shard1", "shard2");
        assertThat(partly.kind()).isEqualTo(OrphanKind.PARTLY_COMMITTED);
        assertThat(partly.resolution()).isEqualTo(Resolution.COMMIT);
        assertThat(partly.committedOn()).containsExactly("sharded");
        assertThat(partly.holders()).containsExactly("shard1", "shard2");

        for (Participant p : result.participants()) {
            try (Connection c = SandboxConnections.connect(info, p.host(), p.port(), SUPERUSER, "postgres")) {
                assertThat(strings(c, "SELECT global_id FROM ledger WHERE node = ? ORDER BY id", p.name()))
                        .as("ledger on " + p.name())
                        .containsExactlyElementsOf(p.equals(result.coordinator())
                                ? List.of("tx_0001", "tx_0002", "tx_0003", "tx_0004", "tx_0005", "tx_0007")
                                : result.committed());
                List<String> prepared = strings(c, "SELECT gid FROM pg_prepared_xacts WHERE database = ? "
                        + "AND owner = 'app' ORDER BY gid", "postgres");
                List<String> expected = new ArrayList<>(List.of("tx_0006_" + p.name()));
                if (!p.equals(result.coordinator())) {
                    expected.add("tx_0007_" + p.name());
                }
                assertThat(prepared).as("prepared branches on " + p.name()).containsExactlyElementsOf(expected);
            }
        }
        Participant leader = result.coordinator();
        try (Connection c = SandboxConnections.connect(info, leader.host(), leader.port(), SUPERUSER, "postgres")) {
            assertThat(strings(c, "SELECT global_id FROM tx_decisions WHERE committed ORDER BY global_id"))
                    .as("decisions: the committed ones and the partly committed orphan, never the undecided one")
                    .containsExactly("tx_0001", "tx_0002", "tx_0003", "tx_0004", "tx_0005", "tx_0007");
            assertThat(strings(c, "SELECT global_id FROM tx_decisions WHERE global_id = 'tx_0006'")).isEmpty();
            assertThat(strings(c, "SELECT pg_is_in_recovery()::text")).as("decision log on the leader")
                    .containsExactly("false");
        }
    }

    @Test
    @Order(5)
    void downStopsTheShardsToo() {
        DownReport report = own.launcher().down(own.dir());

        assertThat(report.clean()).as("survivors " + report.survivors()).isTrue();
        assertThat(report.processes()).filteredOn(p -> p.component().startsWith("shard"))
                .extracting(DownReport.Stopped::outcome).containsOnly(Outcome.STOPPED);
        SandboxStatus status = own.launcher().status(own.dir());
        assertThat(status.state()).isEqualTo(State.STOPPED);
        info.shards().forEach(s -> assertThat(ProcessTable.postmasterPid(s.dataDir())).as(s.name()).isZero());
    }

    private static List<String> strings(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }
}
