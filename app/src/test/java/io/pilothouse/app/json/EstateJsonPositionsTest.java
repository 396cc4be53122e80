package io.pilothouse.app.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.ReplicaPositions;
import io.pilothouse.services.model.ReportedLag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code snapshot --json} carries Patroni 4.1's receive and replay figures as additive fields. */
class EstateJsonPositionsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");

    @Test
    void replicaMembersCarryReceiveAndReplayLagAndLsnNullBeforePatroni41() throws Exception {
        Member leader = Member.builder("pg-a").role(MemberRole.LEADER).build();
        Member quorum = Member.builder("pg-c").role(MemberRole.QUORUM_STANDBY).patroniLag(ReportedLag.ofBytes(524_760))
                .patroniPositions(new ReplicaPositions("3/A1F80000", ReportedLag.ofBytes(524_760), "3/A1C00000",
                        ReportedLag.ofBytes(4_194_776)))
                .build();
        Member old = Member.builder("pg-f").role(MemberRole.REPLICA).patroniLag(ReportedLag.ofBytes(0)).build();
        ClusterSnapshot c = ClusterSnapshot.builder("src", "orders").leader("pg-a").timeline(4)
                .members(List.of(leader, quorum, old)).observedAt(NOW).build();

        JsonNode members = new ObjectMapper().readTree(Json.pretty(EstateJson.of(
                new EstateSnapshot("ws", false, List.of(c), 1, NOW)))).path("clusters").path(0).path("members");

        JsonNode pgC = find(members, "pg-c");
        assertThat(pgC.path("receiveLagBytes").asLong()).isEqualTo(524_760L);
        assertThat(pgC.path("replayLagBytes").asLong()).isEqualTo(4_194_776L);
        assertThat(pgC.path("receiveLsn").asText()).isEqualTo("3/A1F80000");
        assertThat(pgC.path("replayLsn").asText()).isEqualTo("3/A1C00000");
        assertThat(pgC.path("role").asText()).isEqualTo("quorum_standby");
        JsonNode pgF = find(members, "pg-f");
        assertThat(pgF.has("replayLagBytes")).isTrue();
        assertThat(pgF.path("replayLagBytes").isNull()).isTrue();
        assertThat(pgF.path("receiveLsn").isNull()).isTrue();
    }

    private static JsonNode find(JsonNode members, String name) {
        for (JsonNode m : members) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no member " + name + " in " + members);
    }
}
