package io.pilothouse.services.patroni;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ReportedLag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatroniJsonTest {

    static String recorded(String name) throws IOException {
        try (InputStream in = PatroniJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsPatroni3ClusterWithMasterAsLeaderAndNumericLag() throws IOException {
        PatroniCluster c = PatroniJson.parseCluster(recorded("cluster-3.0.2.json"));

        assertThat(c.scope()).isNull();
        assertThat(c.paused()).isFalse();
        assertThat(c.leader()).get().extracting(PatroniMember::name).isEqualTo("node1");
        PatroniMember node3 = c.members().get(2);
        assertThat(node3.role()).isEqualTo(MemberRole.REPLICA);
        assertThat(node3.state()).isEqualTo(MemberState.RUNNING);
        assertThat(node3.lag()).isEqualTo(ReportedLag.ofBytes(16384));
        assertThat(node3.tags()).containsEntry("nofailover", "true").containsEntry("replicatefrom", "node2");
        assertThat(node3.port()).isEqualTo(5433);
        assertThat(c.members().get(0).lag()).isEqualTo(ReportedLag.NONE);
    }

    @Test
    void readsPatroni4ClusterWithPrimaryQuorumUnknownLagAndSchedule() throws IOException {
        PatroniCluster c = PatroniJson.parseCluster(recorded("cluster-4.1.json"));

        assertThat(c.scope()).isEqualTo("billing");
        assertThat(c.paused()).isTrue();
        assertThat(c.scheduledSwitchover().at()).isEqualTo("2026-11-22T03:00:00+00:00");
        assertThat(c.scheduledSwitchover().to()).isEqualTo("pg-b");
        assertThat(c.members()).extracting(PatroniMember::role).containsExactly(
                MemberRole.LEADER, MemberRole.QUORUM_STANDBY, MemberRole.REPLICA, MemberRole.REPLICA);
        assertThat(c.members().get(1).state()).isEqualTo(MemberState.STREAMING);
        assertThat(c.members().get(1).receiveLag()).isEqualTo(ReportedLag.ofBytes(0));
        PatroniMember pgC = c.members().get(2);
        assertThat(pgC.lag().unknown()).isTrue();
        assertThat(pgC.lag().known()).isFalse();
        assertThat(pgC.pendingRestart()).isTrue();
        assertThat(pgC.state()).isEqualTo(MemberState.IN_ARCHIVE_RECOVERY);
        PatroniMember pgD = c.members().get(3);
        assertThat(pgD.state()).isEqualTo(MemberState.UNKNOWN);
        assertThat(pgD.stateText()).isEqualTo("doing something new");
        assertThat(pgD.lag()).isEqualTo(ReportedLag.ofBytes(123));
        assertThat(pgD.apiUrl()).isNull();
        assertThat(c.members().get(0).tags()).containsEntry("failover_priority", "2");
    }

    @Test
    void readsPatroniEndpointOfLeaderAndReplica() throws IOException {
        PatroniNodeStatus leader = PatroniJson.parseNode(recorded("patroni-3.0.2-leader.json"));
        assertThat(leader.role()).isEqualTo(MemberRole.LEADER);
        assertThat(leader.postgresVersion()).isEqualTo("15.18");
        assertThat(leader.patroniVersion()).isEqualTo("3.0.2");
        assertThat(leader.scope()).isEqualTo("demo");
        assertThat(leader.walPosition()).isEqualTo(67108960L);
        assertThat(leader.replication()).extracting(PatroniNodeStatus.Replication::applicationName)
                .containsExactly("node2", "node3");

        PatroniNodeStatus replica = PatroniJson.parseNode(recorded("patroni-4.0-replica.json"));
        assertThat(replica.role()).isEqualTo(MemberRole.REPLICA);
        assertThat(replica.state()).isEqualTo(MemberState.STREAMING);
        assertThat(replica.postgresVersion()).isEqualTo("17.2");
        assertThat(replica.walPosition()).isEqualTo(83886000L);
        assertThat(replica.receivedPosition()).isEqualTo(83886080L);
        assertThat(replica.replayPaused()).isTrue();
        assertThat(replica.pendingRestart()).isTrue();
        assertThat(replica.name()).isEqualTo("pg-c");
        assertThat(replica.tags()).containsEntry("nosync", "true");
    }

    @Test
    void readsMemberKeysOfBothVersions() throws IOException {
        DcsMember m3 = PatroniJson.parseMemberKey("node1", recorded("member-3.0.2.json"));
        assertThat(m3.role()).isEqualTo(MemberRole.LEADER);
        assertThat(m3.host()).isEqualTo("127.0.0.1");
        assertThat(m3.port()).isEqualTo(5431);
        assertThat(m3.xlogLocation()).isEqualTo(67108960L);
        assertThat(m3.patroniVersion()).isEqualTo("3.0.2");

        DcsMember m4 = PatroniJson.parseMemberKey("db-2", recorded("member-4.0.json"));
        assertThat(m4.role()).isEqualTo(MemberRole.REPLICA);
        assertThat(m4.state()).isEqualTo(MemberState.STREAMING);
        assertThat(m4.port()).isEqualTo(6432);
        assertThat(m4.tags()).containsEntry("replicatefrom", "db-1");
        assertThat(m4.pendingRestart()).isTrue();
    }

    @Test
    void malformedJsonIsAClearErrorNamingTheEndpointAndPosition() {
        assertThatThrownBy(() -> PatroniJson.parseCluster("{\"members\": [ {\"name\": \"a\", }"))
                .isInstanceOf(PatroniFormatException.class)
                .hasMessageStartingWith("GET /cluster: malformed JSON at line 1, column");
        assertThatThrownBy(() -> PatroniJson.parseNode("<html>502 Bad Gateway</html>"))
                .isInstanceOf(PatroniFormatException.class)
                .hasMessageContaining("GET /patroni: malformed JSON")
                .hasMessageContaining("<html>502 Bad Gateway</html>");
        assertThatThrownBy(() -> PatroniJson.parseCluster("[1,2]"))
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> PatroniJson.parseCluster("{\"status\": \"ok\"}"))
                .hasMessageContaining("no \"members\" array");
        assertThatThrownBy(() -> PatroniJson.parseMemberKey("x", ""))
                .hasMessageContaining("member key x: empty answer");
        assertThatThrownBy(() -> PatroniJson.parseCluster("{\"members\": [{\"role\": \"leader\"}]}"))
                .hasMessageContaining("member without a name");
    }

    @Test
    void roleAndStateNamesAreNormalisedAcrossVersions() {
        assertThat(MemberRole.fromPatroni("master")).isEqualTo(MemberRole.LEADER);
        assertThat(MemberRole.fromPatroni("primary")).isEqualTo(MemberRole.LEADER);
        assertThat(MemberRole.fromPatroni("standby_leader")).isEqualTo(MemberRole.STANDBY_LEADER);
        assertThat(MemberRole.fromPatroni("sync_standby")).isEqualTo(MemberRole.SYNC_STANDBY);
        assertThat(MemberRole.fromPatroni(null)).isEqualTo(MemberRole.UNKNOWN);
        assertThat(MemberState.fromPatroni("creating replica")).isEqualTo(MemberState.CREATING_REPLICA);
        assertThat(MemberState.fromPatroni("start failed")).isEqualTo(MemberState.START_FAILED);
    }

    @Test
    void versionNumbersFormatLikePostgres() {
        assertThat(PostgresVersions.format(150018)).isEqualTo("15.18");
        assertThat(PostgresVersions.format(90624)).isEqualTo("9.6.24");
        assertThat(PostgresVersions.format(0)).isNull();
    }
}
