package io.pilothouse.services.live;

import io.pilothouse.services.etcd.DcsValue;
import io.pilothouse.services.etcd.DcsView;
import io.pilothouse.services.etcd.DcsViewParser;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.PatroniJson;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import io.pilothouse.services.postgres.NodeSqlState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T05:00:10Z");
    private final ClusterAssembler assembler = new ClusterAssembler(Duration.ofSeconds(3));

    private static DcsView dcs(String leader) {
        Map<String, DcsValue> keys = new TreeMap<>();
        if (leader != null) {
            keys.put("leader", new DcsValue(leader, 7, 1));
        }
        keys.put("config", new DcsValue("{\"ttl\":20,\"maximum_lag_on_failover\":1048576}", 0, 1));
        keys.put("status", new DcsValue("{\"optime\":5000}", 0, 1));
        keys.put("members/n1", member(5431, 8001, leader != null && leader.equals("n1") ? "master" : "replica", 5000, null));
        keys.put("members/n2", member(5432, 8002, "replica", 4000, null));
        keys.put("members/n3", member(5433, 8003, "replica", null, "n2"));
        return DcsViewParser.parse("demo", keys);
    }

    private static DcsValue member(int pg, int api, String role, Integer xlog, String replicatefrom) {
        String tags = replicatefrom == null ? "" : ",\"tags\":{\"replicatefrom\":\"" + replicatefrom + "\"}";
        String x = xlog == null ? "" : ",\"xlog_location\":" + xlog;
        return new DcsValue("{\"conn_url\":\"postgres://127.0.0.1:" + pg + "/postgres\",\"api_url\":\"http://127.0.0.1:"
                + api + "/patroni\",\"state\":\"running\",\"role\":\"" + role + "\",\"timeline\":3" + x + tags + "}", 1, 1);
    }

    private static ClusterInputs inputs(SourceStatus etcd, DcsView view, Map<String, NodeRead<PatroniNodeStatus>> nodes,
                                        Map<String, NodeRead<NodeSqlState>> sql) {
        return new ClusterInputs("src", "demo", true, etcd, view, 12L, NodeRead.none(), nodes, !sql.isEmpty(), sql, Map.of());
    }

    private static SourceStatus etcdLive() {
        return new SourceStatus(SourceKind.ETCD, Freshness.LIVE, NOW, null);
    }

    @Test
    void dcsGivesTopologyLeaderTimelineAndPatroniLag() {
        ClusterSnapshot s = assembler.assemble(inputs(etcdLive(), dcs("n1"), Map.of(), Map.of()), NOW);

        assertThat(s.leader()).isEqualTo("n1");
        assertThat(s.timeline()).isEqualTo(3);
        assertThat(s.ttlSeconds()).isEqualTo(20);
        assertThat(s.leaderLeaseSecondsLeft()).isEqualTo(12);
        assertThat(s.members()).extracting(m -> m.name()).containsExactly("n1", "n2", "n3");
        assertThat(s.member("n1").orElseThrow().role()).isEqualTo(MemberRole.LEADER);
        assertThat(s.member("n2").orElseThrow().patroniLag()).isEqualTo(ReportedLag.ofBytes(1000));
        assertThat(s.member("n3").orElseThrow().patroniLag().unknown()).isTrue();
        assertThat(s.member("n3").orElseThrow().upstream()).isEqualTo("n2");
        assertThat(s.member("n2").orElseThrow().upstream()).isEqualTo("n1");
        assertThat(s.member("n1").orElseThrow().apiUrl()).isEqualTo("http://127.0.0.1:8001");
    }

    @Test
    void missingLeaderKeyMeansNoLeader() {
        ClusterSnapshot s = assembler.assemble(inputs(etcdLive(), dcs(null), Map.of(), Map.of()), NOW);
        assertThat(s.leader()).isNull();
        assertThat(s.leaderLeaseSecondsLeft()).isNull();
        assertThat(s.members()).allMatch(m -> m.role() == MemberRole.REPLICA);
    }

    @Test
    void sqlGivesLagUpstreamAndSyncStateFromTheSender() {
        NodeSqlState leader = new NodeSqlState(false, "15.18", List.of(
                new NodeSqlState.ReplicaStat("n2", "127.0.0.1", "streaming", "sync", 1, 0L, 0L, 0L, 2048L, null, null, 0.25)),
                null, null);
        NodeSqlState n2 = new NodeSqlState(true, "15.18", List.of(
                new NodeSqlState.ReplicaStat("n3", "127.0.0.1", "streaming", "async", 0, 0L, 0L, 0L, 0L, null, null, null)),
                new NodeSqlState.WalReceiver("127.0.0.1", 5431, "streaming", "n2"), 0.1);
        NodeSqlState n3 = new NodeSqlState(true, "15.18", List.of(),
                new NodeSqlState.WalReceiver("127.0.0.1", 5432, "streaming", "n3"), 0.2);
        Map<String, NodeRead<NodeSqlState>> sql = Map.of(
                "n1", NodeRead.<NodeSqlState>none().succeeded(leader, NOW),
                "n2", NodeRead.<NodeSqlState>none().succeeded(n2, NOW),
                "n3", NodeRead.<NodeSqlState>none().succeeded(n3, NOW));

        ClusterSnapshot s = assembler.assemble(inputs(etcdLive(), dcs("n1"), Map.of(), sql), NOW);

        assertThat(s.member("n2").orElseThrow().sqlLagBytes()).isEqualTo(2048L);
        assertThat(s.member("n2").orElseThrow().sqlLagSeconds()).isEqualTo(0.25);
        assertThat(s.member("n2").orElseThrow().syncState()).isEqualTo("sync");
        assertThat(s.member("n3").orElseThrow().upstream()).isEqualTo("n2");
        assertThat(s.member("n3").orElseThrow().sqlLagSeconds()).isEqualTo(0.0);
        assertThat(s.member("n1").orElseThrow().postgresVersion()).isEqualTo("15.18");
        assertThat(s.sourceStatus(SourceKind.POSTGRES).freshness()).isEqualTo(Freshness.LIVE);
    }

    @Test
    void aSilentMemberGoesStaleWhileTheOthersStayLive() throws Exception {
        PatroniNodeStatus status = PatroniJson.parseNode(PatroniJsonTestData.LEADER);
        Map<String, NodeRead<PatroniNodeStatus>> nodes = Map.of(
                "n1", NodeRead.<PatroniNodeStatus>none().succeeded(status, NOW.minusSeconds(1)),
                "n2", NodeRead.<PatroniNodeStatus>none().succeeded(status, NOW.minusSeconds(10))
                        .failed("did not answer", false, NOW),
                "n3", NodeRead.<PatroniNodeStatus>none().failed("refused", true, NOW));

        ClusterSnapshot s = assembler.assemble(inputs(etcdLive(), dcs("n1"), nodes, Map.of()), NOW);

        assertThat(s.member("n1").orElseThrow().freshness()).isEqualTo(Freshness.LIVE);
        assertThat(s.member("n2").orElseThrow().freshness()).isEqualTo(Freshness.STALE);
        assertThat(s.member("n3").orElseThrow().freshness()).isEqualTo(Freshness.UNREACHABLE);
        assertThat(s.member("n2").orElseThrow().lastSeen()).isEqualTo(NOW.minusSeconds(10));
        assertThat(s.sourceStatus(SourceKind.PATRONI_REST).freshness()).isEqualTo(Freshness.LIVE);
    }

    @Test
    void membersDownRetriedInTurnGiveTheSourceOneErrorNotTheLatest() {
        // Unreachable members are retried at different moments: whichever failed last must not make news.
        Map<String, NodeRead<PatroniNodeStatus>> n2Last = Map.of(
                "n1", NodeRead.<PatroniNodeStatus>none().failed("Patroni at 127.0.0.1:8001 refused", true, NOW.minusSeconds(2)),
                "n2", NodeRead.<PatroniNodeStatus>none().failed("Patroni at 127.0.0.1:8002 refused", true, NOW));
        Map<String, NodeRead<PatroniNodeStatus>> n1Last = Map.of(
                "n1", NodeRead.<PatroniNodeStatus>none().failed("Patroni at 127.0.0.1:8001 refused", true, NOW),
                "n2", NodeRead.<PatroniNodeStatus>none().failed("Patroni at 127.0.0.1:8002 refused", true, NOW.minusSeconds(1)));
        Map<String, NodeRead<PatroniNodeStatus>> n1Answered = Map.of(
                "n1", NodeRead.<PatroniNodeStatus>none().failed("Patroni at 127.0.0.1:8001 refused", true, NOW.minusSeconds(3))
                        .succeeded(null, NOW),
                "n2", NodeRead.<PatroniNodeStatus>none().failed("Patroni at 127.0.0.1:8002 refused", true, NOW));

        SourceStatus a = assembler.assemble(inputs(etcdLive(), dcs("n1"), n2Last, Map.of()), NOW)
                .sourceStatus(SourceKind.PATRONI_REST);
        SourceStatus b = assembler.assemble(inputs(etcdLive(), dcs("n1"), n1Last, Map.of()), NOW)
                .sourceStatus(SourceKind.PATRONI_REST);
        SourceStatus c = assembler.assemble(inputs(etcdLive(), dcs("n1"), n1Answered, Map.of()), NOW)
                .sourceStatus(SourceKind.PATRONI_REST);

        assertThat(a.lastError()).isEqualTo("Patroni at 127.0.0.1:8001 refused").isEqualTo(b.lastError());
        assertThat(c.lastError()).as("a member that answers since is not the error").isEqualTo(
                "Patroni at 127.0.0.1:8002 refused");
    }

    @Test
    void withEtcdLostTheMembersOwnAnswersCarryTheTopology() throws Exception {
        PatroniNodeStatus leader = PatroniJson.parseNode(PatroniJsonTestData.LEADER);
        PatroniNodeStatus replica = PatroniJson.parseNode(PatroniJsonTestData.REPLICA);
        Map<String, NodeRead<PatroniNodeStatus>> nodes = Map.of(
                "n2", NodeRead.<PatroniNodeStatus>none().succeeded(leader, NOW),
                "n1", NodeRead.<PatroniNodeStatus>none().succeeded(replica, NOW));
        SourceStatus lost = new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, NOW.minusSeconds(5), "down");

        ClusterSnapshot s = assembler.assemble(inputs(lost, dcs("n1"), nodes, Map.of()), NOW);

        assertThat(s.leader()).isEqualTo("n2");
        assertThat(s.leaderLeaseSecondsLeft()).isNull();
        assertThat(s.sourceStatus(SourceKind.ETCD).freshness()).isEqualTo(Freshness.UNREACHABLE);
        assertThat(s.topologyFreshness()).isEqualTo(Freshness.LIVE);
    }
}
