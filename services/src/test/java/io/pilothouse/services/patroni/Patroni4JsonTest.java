package io.pilothouse.services.patroni;

import static io.pilothouse.services.patroni.PatroniJsonTest.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ReplicaPositions;
import io.pilothouse.services.model.ReportedLag;
import io.pilothouse.services.switchover.DynamicConfig;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What Patroni 4 writes differently from Debian 12's 3.0.2, one test per difference. The {@code *-4.0.7*} and
 * {@code *-3.0.2-replica*} files were recorded from real sandboxes ({@code sandbox up --patroni 4} and the default);
 * {@code cluster-4.1-quorum.json} is a 4.1 answer written after Patroni 4.1's {@code cluster_as_json} (quorum commit,
 * a {@code replicatefrom} cascade and a stopped member), since no 4.1 runs here.
 */
class Patroni4JsonTest {

    @Test
    void patroni4ClusterReportsReplicasAsStreamingWhere302SaidRunning() throws IOException {
        PatroniCluster four = PatroniJson.parseCluster(recorded("cluster-4.0.7-sandbox.json"));
        PatroniCluster three = PatroniJson.parseCluster(recorded("cluster-3.0.2.json"));

        assertThat(four.members()).filteredOn(m -> m.role() == MemberRole.REPLICA)
                .extracting(PatroniMember::state).containsOnly(MemberState.STREAMING).hasSize(2);
        assertThat(three.members()).filteredOn(m -> m.role() == MemberRole.REPLICA)
                .extracting(PatroniMember::state).containsOnly(MemberState.RUNNING);
        assertThat(four.leader()).get().extracting(PatroniMember::name).isEqualTo("node2");
        // 4.x names the scope in /cluster; 3.0.2 did not.
        assertThat(four.scope()).isEqualTo("demo");
        assertThat(four.members()).allSatisfy(m -> assertThat(m.positions()).isEqualTo(ReplicaPositions.NONE));
    }

    @Test
    void patroni4NodeSaysPrimaryWhere302SaidMaster() throws IOException {
        PatroniNodeStatus four = PatroniJson.parseNode(recorded("patroni-4.0.7-leader.json"));
        PatroniNodeStatus three = PatroniJson.parseNode(recorded("patroni-3.0.2-leader.json"));

        assertThat(four.role()).isEqualTo(MemberRole.LEADER);
        assertThat(three.role()).isEqualTo(MemberRole.LEADER);
        assertThat(four.state()).isEqualTo(MemberState.RUNNING);
        assertThat(four.patroniVersion()).isEqualTo("4.0.7");
        assertThat(four.name()).isEqualTo("node2");
        assertThat(four.replication()).extracting(PatroniNodeStatus.Replication::applicationName)
                .containsExactly("node1", "node3");
    }

    @Test
    void patroni4ReplicaNodeStateComesFromReplicationState() throws IOException {
        PatroniNodeStatus four = PatroniJson.parseNode(recorded("patroni-4.0.7-replica.json"));
        PatroniNodeStatus three = PatroniJson.parseNode(recorded("patroni-3.0.2-replica.json"));

        // 4.0.7 writes state "running" and replication_state "streaming"; Patroni itself reports the latter.
        assertThat(four.state()).isEqualTo(MemberState.STREAMING);
        assertThat(four.role()).isEqualTo(MemberRole.REPLICA);
        assertThat(four.walPosition()).isEqualTo(67357608L);
        assertThat(four.receivedPosition()).isEqualTo(67357608L);
        // 3.0.2 has no replication_state: its state stands.
        assertThat(three.state()).isEqualTo(MemberState.RUNNING);
        assertThat(three.name()).isNull();
    }

    @Test
    void patroni4MemberKeysSayPrimaryAndCarryReplicationState() throws IOException {
        DcsMember leader = PatroniJson.parseMemberKey("node2", recorded("member-4.0.7-leader.json"));
        DcsMember replica = PatroniJson.parseMemberKey("node1", recorded("member-4.0.7-replica.json"));
        DcsMember replica302 = PatroniJson.parseMemberKey("node1", recorded("member-3.0.2-replica.json"));

        assertThat(leader.role()).isEqualTo(MemberRole.LEADER);
        assertThat(leader.state()).isEqualTo(MemberState.RUNNING);
        assertThat(replica.role()).isEqualTo(MemberRole.REPLICA);
        assertThat(replica.state()).isEqualTo(MemberState.STREAMING);
        assertThat(replica.patroniVersion()).isEqualTo("4.0.7");
        assertThat(replica302.state()).isEqualTo(MemberState.RUNNING);
    }

    @Test
    void patroni4DynamicConfigOfTheSandboxReadsLike302() throws IOException {
        DynamicConfig config = DynamicConfig.parse(recorded("config-4.0.7.json"));

        assertThat(config.maximumLagOnFailover()).isEqualTo(1_048_576L);
        assertThat(config.synchronousMode()).isFalse();
        assertThat(config.synchronousModeStrict()).isFalse();
    }

    @Test
    void patroni41ClusterCarriesReceiveAndReplayPositionsAndQuorumStandbys() throws IOException {
        PatroniCluster c = PatroniJson.parseCluster(recorded("cluster-4.1-quorum.json"));

        assertThat(c.scope()).isEqualTo("orders");
        assertThat(c.members()).extracting(PatroniMember::role).containsExactly(MemberRole.LEADER,
                MemberRole.QUORUM_STANDBY, MemberRole.QUORUM_STANDBY, MemberRole.REPLICA, MemberRole.REPLICA);
        PatroniMember pgC = c.members().get(2);
        assertThat(pgC.positions()).isEqualTo(new ReplicaPositions("3/A1F80000", ReportedLag.ofBytes(524_760),
                "3/A1C00000", ReportedLag.ofBytes(4_194_776)));
        assertThat(pgC.lag()).isEqualTo(ReportedLag.ofBytes(524_760));
        PatroniMember pgB = c.members().get(1);
        assertThat(pgB.receiveLag()).isEqualTo(ReportedLag.ofBytes(0));
        assertThat(pgB.replayLag()).isEqualTo(ReportedLag.ofBytes(63_432));
        assertThat(c.members().get(3).tags()).containsEntry("replicatefrom", "pg-b");
        assertThat(c.members().get(0).positions().reported()).isFalse();
    }

    @Test
    void patroni41UnknownPositionsAreUnknownNotZero() throws IOException {
        PatroniMember stopped = PatroniJson.parseCluster(recorded("cluster-4.1-quorum.json")).members().get(4);

        assertThat(stopped.state()).isEqualTo(MemberState.STOPPED);
        assertThat(stopped.positions().receiveLsn()).isNull();
        assertThat(stopped.positions().replayLsn()).isNull();
        assertThat(stopped.positions().receiveLag()).isEqualTo(ReportedLag.UNKNOWN);
        assertThat(stopped.positions().replayLag()).isEqualTo(ReportedLag.UNKNOWN);
        assertThat(stopped.positions().reported()).isTrue();
    }
}
