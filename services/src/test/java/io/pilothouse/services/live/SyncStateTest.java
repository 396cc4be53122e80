package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsValue;
import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.etcd.DcsViewParser;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.services.postgres.NodeSqlState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synchronous replication assembled from recorded etcd values (as Patroni 4.0.7 writes them in quorum mode, and 3.0.2
 * in strict mode) and the leader's {@code synchronous_standby_names} and {@code pg_stat_replication}.
 */
class SyncStateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
    private final ClusterAssembler assembler = new ClusterAssembler(Duration.ofSeconds(3));

    private static DcsView dcs(String config, String sync) {
        Map<String, DcsValue> keys = new TreeMap<>();
        keys.put("leader", new DcsValue("node1", 7, 1));
        keys.put("config", new DcsValue(config, 0, 1));
        if (sync != null) {
            keys.put("sync", new DcsValue(sync, 0, 2));
        }
        for (int i = 1; i <= 3; i++) {
            keys.put("members/node" + i, new DcsValue("{\"conn_url\":\"postgres://127.0.0.1:543" + i
                    + "/postgres\",\"api_url\":\"http://127.0.0.1:800" + i + "/patroni\",\"state\":\"" + (i == 1
                    ? "running" : "streaming") + "\",\"role\":\"" + (i == 1 ? "primary" : "replica")
                    + "\",\"version\":\"4.0.7\",\"xlog_location\":50331648,\"timeline\":1}", 1, 1));
        }
        return DcsViewParser.parse("demo", keys);
    }

    private static NodeSqlState leaderSql(String standbyNames, String... syncStates) {
        List<NodeSqlState.ReplicaStat> rows = new java.util.ArrayList<>();
        for (int i = 0; i < syncStates.length; i++) {
            rows.add(new NodeSqlState.ReplicaStat("node" + (i + 2), "127.0.0.1", "streaming", syncStates[i], 0, 0L,
                    0L, 0L, 0L, null, null, null));
        }
        return new NodeSqlState(false, "15.18", rows, null, null, 1L, standbyNames);
    }

    private ClusterSnapshot assemble(DcsView dcs, NodeSqlState leader) {
        Map<String, NodeRead<NodeSqlState>> sql = leader == null ? Map.of()
                : Map.of("node1", NodeRead.<NodeSqlState>none().succeeded(leader, NOW));
        return assembler.assemble(new ClusterInputs("src", "demo", true,
                new SourceStatus(SourceKind.ETCD, Freshness.LIVE, NOW, null), dcs, 12L, NodeRead.none(), Map.of(),
                leader != null, sql, Map.of()), NOW);
    }

    @Test
    void quorumModeMakesTheVotersQuorumStandbysWithTheAnyRule() {
        DcsView dcs = dcs("{\"ttl\":30,\"synchronous_mode\":\"quorum\",\"synchronous_node_count\":1}",
                "{\"leader\":\"node1\",\"sync_standby\":\"node2,node3\",\"quorum\":1}");
        assertThat(dcs.sync()).isEqualTo(new DcsView.Sync(SyncMode.QUORUM, false, 1, "node1", 1));

        ClusterSnapshot c = assemble(dcs, leaderSql("ANY 1 (\"node2\",\"node3\")", "quorum", "quorum"));

        assertThat(c.member("node2").orElseThrow().role()).isEqualTo(MemberRole.QUORUM_STANDBY);
        assertThat(c.member("node3").orElseThrow().role()).isEqualTo(MemberRole.QUORUM_STANDBY);
        assertThat(c.member("node2").orElseThrow().syncState()).isEqualTo("quorum");
        assertThat(c.sync().rule()).isEqualTo("ANY 1 of node2, node3");
        assertThat(c.sync().quorum()).isEqualTo(1);
        assertThat(c.sync().writesBlocked()).isFalse();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void multiSyncModeMakesTheListedStandbysSyncStandbys() {
        ClusterSnapshot c = assemble(dcs("{\"synchronous_mode\":true,\"synchronous_node_count\":2}",
                "{\"leader\":\"node1\",\"sync_standby\":\"node2,node3\"}"), leaderSql("2 (node2,node3)", "sync", "sync"));
        assertThat(c.members()).filteredOn(m -> m.role() == MemberRole.SYNC_STANDBY).hasSize(2);
        assertThat(c.sync().rule()).isEqualTo("2 sync standbys: node2, node3");
        assertThat(c.sync().nodeCount()).isEqualTo(2);
    }

    @Test
    void strictModeWithNobodyConfirmingIsWritesBlocked() {
        // Patroni 3.0.2 strict mode without a standby: sync key empty, synchronous_standby_names '*'.
        ClusterSnapshot c = assemble(dcs("{\"synchronous_mode\":true,\"synchronous_mode_strict\":true}",
                "{\"leader\":\"node1\",\"sync_standby\":null}"), leaderSql("*"));
        assertThat(c.sync().writesBlocked()).isTrue();
        assertThat(c.problems()).containsExactly(SyncReplication.WRITES_BLOCKED);
        assertThat(c.sync().rule()).isEqualTo("sync: no sync standby (strict)");
    }

    @Test
    void patroni4PlaceholderIsWritesBlocked() {
        ClusterSnapshot c = assemble(dcs("{\"synchronous_mode\":\"quorum\",\"synchronous_mode_strict\":true}",
                "{\"leader\":\"node1\",\"sync_standby\":null,\"quorum\":0}"),
                leaderSql("\"__patroni_strict_sync_replica_placeholder__\"", "async"));
        assertThat(c.sync().writesBlocked()).isTrue();
    }

    @Test
    void strictModeWithAConfirmingStandbyIsNotBlocked() {
        ClusterSnapshot c = assemble(dcs("{\"synchronous_mode\":true,\"synchronous_mode_strict\":true}",
                "{\"leader\":\"node1\",\"sync_standby\":\"node2\"}"), leaderSql("node2", "sync", "async"));
        assertThat(c.sync().writesBlocked()).isFalse();
        assertThat(c.sync().rule()).isEqualTo("1 sync standby: node2 (strict)");
    }

    @Test
    void withoutAnyReadOfTheLeaderNothingIsClaimedBlocked() {
        ClusterSnapshot c = assemble(dcs("{\"synchronous_mode\":true,\"synchronous_mode_strict\":true}", null), null);
        assertThat(c.sync().strict()).isTrue();
        assertThat(c.sync().writesBlocked()).isFalse();
    }

    @Test
    void asyncClusterSaysAsync() {
        ClusterSnapshot c = assemble(dcs("{\"ttl\":30}", null), leaderSql("", "async", "async"));
        assertThat(c.sync().mode()).isEqualTo(SyncMode.ASYNC);
        assertThat(c.sync().rule()).isEqualTo("async");
        assertThat(c.sync().standbyNames()).isEmpty();
    }

    @Test
    void withoutTheDcsTheModeIsUnknownNotAsync() {
        ClusterSnapshot c = assembler.assemble(new ClusterInputs("src", "demo", true,
                new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, null, "no answer"), null, null,
                NodeRead.none(), Map.of(), false, Map.of(), Map.of()), NOW);
        assertThat(c.sync().mode()).isEqualTo(SyncMode.UNKNOWN);
        assertThat(c.sync().rule()).isEqualTo("sync mode not known yet (DCS not read)");
        assertThat(c.sync().writesBlocked()).isFalse();
    }
}
