package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.postgres.NodeSqlState;
import io.pilothouse.services.workspace.NodeAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlainClusterAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final NodeAddress P = new NodeAddress("127.0.0.1", 5001);
    private static final NodeAddress S = new NodeAddress("127.0.0.1", 5002);
    private static final NodeAddress C = new NodeAddress("127.0.0.1", 5003);

    private final PlainClusterAssembler assembler = new PlainClusterAssembler(Duration.ofSeconds(3));

    private static NodeSqlState.ReplicaStat row(String app, long lag) {
        return new NodeSqlState.ReplicaStat(app, "127.0.0.1", "streaming", "async", 0, 0L, 0L, 0L, lag, null, null,
                0.5);
    }

    private static NodeRead<NodeSqlState> ok(NodeSqlState s) {
        return NodeRead.<NodeSqlState>none().succeeded(s, NOW);
    }

    private static NodeSqlState primary(NodeSqlState.ReplicaStat... rows) {
        return new NodeSqlState(false, "15.8", List.of(rows), null, null);
    }

    private static NodeSqlState standby(NodeAddress upstream, String status, NodeSqlState.ReplicaStat... rows) {
        return new NodeSqlState(true, "15.8", List.of(rows),
                status == null ? null : new NodeSqlState.WalReceiver(upstream.host(), upstream.port(), status, null), 0.1);
    }

    private ClusterSnapshot assemble(Map<String, NodeRead<NodeSqlState>> reads) {
        return assembler.assemble("plain", List.of(P, S, C), reads, Map.of(), NOW);
    }

    @Test
    void showsTheCascadeWithLagFromEachUpstream() {
        Map<String, NodeRead<NodeSqlState>> reads = new HashMap<>();
        reads.put(P.toString(), ok(primary(row(S.toString(), 10))));
        reads.put(S.toString(), ok(standby(P, "streaming", row(C.toString(), 20))));
        reads.put(C.toString(), ok(standby(S, "streaming")));

        ClusterSnapshot c = assemble(reads);

        assertThat(c.leader()).isEqualTo(P.toString());
        assertThat(c.scope()).isEqualTo("plain");
        assertThat(c.problems()).isEmpty();
        assertThat(c.topologyFreshness()).isEqualTo(Freshness.LIVE);
        assertThat(c.member(P.toString()).orElseThrow().role()).isEqualTo(MemberRole.LEADER);
        var s = c.member(S.toString()).orElseThrow();
        assertThat(s.upstream()).isEqualTo(P.toString());
        assertThat(s.state()).isEqualTo(MemberState.STREAMING);
        assertThat(s.sqlLagBytes()).isEqualTo(10L);
        var cascade = c.member(C.toString()).orElseThrow();
        assertThat(cascade.upstream()).isEqualTo(S.toString());
        assertThat(cascade.sqlLagBytes()).isEqualTo(20L);
        assertThat(cascade.replicationState()).isEqualTo("streaming");
    }

    @Test
    void aStandbyWhoseUpstreamIsGoneIsBroken() {
        Map<String, NodeRead<NodeSqlState>> reads = new HashMap<>();
        reads.put(P.toString(), ok(primary()));
        reads.put(S.toString(), NodeRead.<NodeSqlState>none().failed("refused", true, NOW));
        reads.put(C.toString(), ok(standby(S, null)));

        ClusterSnapshot c = assemble(reads);

        assertThat(c.leader()).isEqualTo(P.toString());
        assertThat(c.member(S.toString()).orElseThrow().state()).isEqualTo(MemberState.STOPPED);
        assertThat(c.member(S.toString()).orElseThrow().freshness()).isEqualTo(Freshness.UNREACHABLE);
        var cascade = c.member(C.toString()).orElseThrow();
        assertThat(cascade.upstream()).isNull();
        assertThat(cascade.replicationState()).isEqualTo(PlainClusterAssembler.NOT_STREAMING);
        assertThat(c.problems()).anyMatch(p -> p.startsWith(C + " is not streaming"));
    }

    @Test
    void twoPrimariesAreASplitBrainWithNoLeader() {
        Map<String, NodeRead<NodeSqlState>> reads = new HashMap<>();
        reads.put(P.toString(), ok(primary()));
        reads.put(S.toString(), ok(primary()));
        reads.put(C.toString(), ok(standby(S, "streaming")));

        ClusterSnapshot c = assemble(reads);

        assertThat(c.leader()).isNull();
        assertThat(c.problems()).anyMatch(p -> p.startsWith("Split brain: " + P + " and " + S));
    }
}
