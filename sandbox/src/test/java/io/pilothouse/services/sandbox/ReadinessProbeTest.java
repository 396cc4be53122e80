package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.sandbox.ReadinessProbe.ClusterReadiness;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Readiness decisions on answers recorded from a Patroni 3.0.2 sandbox. */
class ReadinessProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEMBERS = Set.of("node1", "node2", "node3");

    private static final String CLUSTER = """
            {"members": [{"name": "node1", "role": "replica", "state": "running", "api_url": "http://127.0.0.1:30170/patroni", "host": "127.0.0.1", "port": 31043, "timeline": 1, "lag": 0},
             {"name": "node2", "role": "leader", "state": "running", "api_url": "http://127.0.0.1:21277/patroni", "host": "127.0.0.1", "port": 27180, "timeline": 1},
             {"name": "node3", "role": "replica", "state": "running", "api_url": "http://127.0.0.1:22074/patroni", "host": "127.0.0.1", "port": 31199, "timeline": 1, "lag": 0}]}
            """;

    private static final String LEADER_STREAMING_TO_BOTH = """
            {"state": "running", "postmaster_start_time": "2026-11-21 05:18:38.421770+00:00", "role": "master", "server_version": 150018,
             "xlog": {"location": 67109736}, "timeline": 1,
             "replication": [{"usename": "replicator", "application_name": "node1", "client_addr": "127.0.0.1", "state": "streaming", "sync_state": "async", "sync_priority": 0},
                             {"usename": "replicator", "application_name": "node3", "client_addr": "127.0.0.1", "state": "streaming", "sync_state": "async", "sync_priority": 0}],
             "dcs_last_seen": 1795238348, "database_system_identifier": "7710489862863359471", "patroni": {"version": "3.0.2", "scope": "demo"}}
            """;

    private static final String LEADER_STREAMING_TO_ONE = """
            {"state": "running", "role": "master", "timeline": 1,
             "replication": [{"usename": "replicator", "application_name": "node1", "client_addr": "127.0.0.1", "state": "streaming", "sync_state": "async", "sync_priority": 0},
                             {"usename": "replicator", "application_name": "node3", "client_addr": "127.0.0.1", "state": "catchup", "sync_state": "async", "sync_priority": 0}]}
            """;

    private static final String REPLICA_RUNNING = """
            {"state": "running", "postmaster_start_time": "2026-11-21 05:18:41.677357+00:00", "role": "replica", "server_version": 150018,
             "xlog": {"received_location": 67109736, "replayed_location": 67109736, "replayed_timestamp": null, "paused": false},
             "timeline": 1, "dcs_last_seen": 1795238348, "database_system_identifier": "7710489862863359471", "patroni": {"version": "3.0.2", "scope": "demo"}}
            """;

    /** Seen for about one loop after the replica already streams; GET /replica answers 503 meanwhile. */
    private static final String REPLICA_STARTING = """
            {"state": "starting", "postmaster_start_time": "2026-11-21 05:33:03.197481+00:00", "role": "replica", "server_version": 150018,
             "xlog": {"received_location": 67109680, "replayed_location": 67109680}, "patroni": {"version": "3.0.2", "scope": "demo"}}
            """;

    @Test
    void readyWhenTheLeaderStreamsToEveryOtherMemberAndTheyRun() throws Exception {
        ClusterReadiness readiness = ReadinessProbe.assess(JSON.readTree(CLUSTER), Map.of(
                "node2", JSON.readTree(LEADER_STREAMING_TO_BOTH),
                "node1", JSON.readTree(REPLICA_RUNNING),
                "node3", JSON.readTree(REPLICA_RUNNING)), MEMBERS);

        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.leader()).isEqualTo("node2");
        assertThat(readiness.streaming()).containsExactly("node1", "node3");
        assertThat(readiness.summary(3)).isEqualTo("Leader node2; 2 of 2 replicas streaming (node1, node3)");
    }

    @Test
    void aRunningReplicaIsNotReadyUntilTheLeaderSeesItStream() throws Exception {
        // Patroni 3.0 says "running" for a replica whose walreceiver has not connected yet.
        ClusterReadiness readiness = ReadinessProbe.assess(JSON.readTree(CLUSTER), Map.of(
                "node2", JSON.readTree(LEADER_STREAMING_TO_ONE),
                "node1", JSON.readTree(REPLICA_RUNNING),
                "node3", JSON.readTree(REPLICA_RUNNING)), MEMBERS);

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.waiting()).containsOnlyKeys("node3");
        assertThat(readiness.summary(3)).contains("1 of 2 replicas streaming (node1)", "node3: replica running, not streaming yet");
    }

    @Test
    void aStreamingReplicaIsNotReadyWhileItsPatroniStillSaysStarting() throws Exception {
        ClusterReadiness readiness = ReadinessProbe.assess(JSON.readTree(CLUSTER), Map.of(
                "node2", JSON.readTree(LEADER_STREAMING_TO_BOTH),
                "node1", JSON.readTree(REPLICA_STARTING),
                "node3", JSON.readTree(REPLICA_RUNNING)), MEMBERS);

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.waiting()).containsExactly(Map.entry("node1", "replica starting, streaming"));
    }

    @Test
    void notReadyWithoutARunningLeader() throws Exception {
        JsonNode starting = JSON.readTree("""
                {"members": [{"name": "node1", "role": "replica", "state": "stopped"},
                             {"name": "node2", "role": "replica", "state": "initializing new cluster"}]}
                """);

        ClusterReadiness readiness = ReadinessProbe.assess(starting, Map.of(), MEMBERS);

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.leader()).isNull();
        assertThat(readiness.waiting()).containsEntry("node2", "replica initializing new cluster")
                .containsEntry("node3", "not registered yet");
        assertThat(readiness.summary(3)).startsWith("Waiting for a leader; waiting for node1: replica stopped");
    }

    @Test
    void acceptsPatroni4RoleAndStateNames() throws Exception {
        JsonNode cluster = JSON.readTree("""
                {"members": [{"name": "node1", "role": "leader", "state": "running"},
                             {"name": "node2", "role": "sync_standby", "state": "streaming", "lag": "unknown"}]}
                """);
        JsonNode leader = JSON.readTree("""
                {"role": "primary", "replication": [{"application_name": "node2", "state": "streaming"}]}
                """);

        JsonNode replica = JSON.readTree("""
                {"role": "replica", "state": "streaming"}
                """);

        assertThat(ReadinessProbe.assess(cluster, Map.of("node1", leader, "node2", replica), Set.of("node1", "node2"))
                .ready()).isTrue();
    }

    @Test
    void haproxyStatsCountOnlyServersThatAreUpAndPassedTheirCheck() {
        String csv = """
                # pxname,svname,status,weight,check_status,check_code
                stats,FRONTEND,OPEN,,,
                stats,BACKEND,UP,,,
                primary,FRONTEND,OPEN,,,
                primary,node1,DOWN,1,L7STS,503
                primary,node2,UP,1,L7OK,200
                primary,node3,UP,1,INI,
                primary,BACKEND,UP,1,,
                replicas,node1,UP,1,L7OK,200
                replicas,node2,DOWN,1,L7STS,503
                replicas,node3,UP 1/2,1,L7STS,503
                replicas,node4,UP,1,L7OK,200
                """;

        assertThat(HaproxyStats.upServers(csv)).containsOnly(Map.entry("primary", 1), Map.entry("replicas", 2));
    }
}
