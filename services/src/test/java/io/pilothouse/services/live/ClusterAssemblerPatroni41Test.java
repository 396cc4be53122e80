package io.pilothouse.services.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.etcd.DcsValue;
import io.pilothouse.services.etcd.DcsViewParser;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.ReplicaPositions;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.PatroniCluster;
import io.pilothouse.services.patroni.PatroniJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Patroni 4.1's receive and replay figures reach the model, whichever source carries the topology. */
class ClusterAssemblerPatroni41Test {

    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
    private static final ReplicaPositions PG_C = new ReplicaPositions("3/A1F80000", ReportedLag.ofBytes(524_760),
            "3/A1C00000", ReportedLag.ofBytes(4_194_776));

    private final ClusterAssembler assembler = new ClusterAssembler(Duration.ofSeconds(3));

    @Test
    void withoutEtcdTheClusterAnswerCarriesPositionsOntoReplicasOnly() throws IOException {
        ClusterInputs in = new ClusterInputs("src", "orders", false,
                new SourceStatus(SourceKind.ETCD, Freshness.UNKNOWN, null, null), null, null,
                NodeRead.<PatroniCluster>none().succeeded(cluster(), NOW), Map.of(), false, Map.of(), Map.of());

        ClusterSnapshot s = assembler.assemble(in, NOW);

        assertThat(s.member("pg-c").orElseThrow().patroniPositions()).isEqualTo(PG_C);
        assertThat(s.member("pg-b").orElseThrow().role()).isEqualTo(MemberRole.QUORUM_STANDBY);
        assertThat(s.member("pg-b").orElseThrow().patroniPositions().replayLag()).isEqualTo(ReportedLag.ofBytes(63_432));
        assertThat(s.member("pg-a").orElseThrow().patroniPositions()).isEqualTo(ReplicaPositions.NONE);
        assertThat(s.member("pg-e").orElseThrow().patroniPositions().replayLag().unknown()).isTrue();
    }

    @Test
    void withEtcdLiveTheClusterAnswerStillAddsPositions() throws IOException {
        Map<String, DcsValue> keys = new TreeMap<>();
        keys.put("leader", new DcsValue("pg-a", 7, 1));
        keys.put("config", new DcsValue("{\"ttl\":30,\"synchronous_mode\":\"quorum\"}", 0, 1));
        keys.put("status", new DcsValue("{\"optime\":14529069528}", 0, 1));
        for (String name : new String[] {"pg-a", "pg-b", "pg-c", "pg-d", "pg-e"}) {
            String role = name.equals("pg-a") ? "primary" : "replica";
            keys.put("members/" + name, new DcsValue("{\"conn_url\":\"postgres://10.20.0.1:5432/postgres\","
                    + "\"api_url\":\"http://10.20.0.1:8008/patroni\",\"state\":\"running\",\"role\":\"" + role
                    + "\",\"version\":\"4.1.0\",\"timeline\":4}", 1, 1));
        }
        ClusterInputs in = new ClusterInputs("src", "orders", true,
                new SourceStatus(SourceKind.ETCD, Freshness.LIVE, NOW, null), DcsViewParser.parse("orders", keys), 20L,
                NodeRead.<PatroniCluster>none().succeeded(cluster(), NOW), Map.of(), false, Map.of(), Map.of());

        ClusterSnapshot s = assembler.assemble(in, NOW);

        assertThat(s.leader()).isEqualTo("pg-a");
        assertThat(s.member("pg-c").orElseThrow().patroniPositions()).isEqualTo(PG_C);
        assertThat(s.member("pg-a").orElseThrow().patroniPositions().reported()).isFalse();
    }

    private static PatroniCluster cluster() throws IOException {
        try (InputStream in = ClusterAssemblerPatroni41Test.class.getResourceAsStream(
                "/io/pilothouse/services/patroni/cluster-4.1-quorum.json")) {
            return PatroniJson.parseCluster(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
