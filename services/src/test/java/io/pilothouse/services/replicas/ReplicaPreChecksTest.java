package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.Freshness;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaPreChecksTest {

    private static final long MIB = 1048576;
    private static final HbaRule LOCAL = new HbaRule(1, "local", List.of("replication"), List.of("all"), null, null,
            "trust");
    private static final HbaRule LOOPBACK = new HbaRule(4, "host", List.of("replication"), List.of("all"),
            "127.0.0.1", "255.255.255.255", "scram-sha-256");

    private boolean paused;
    private boolean patroni = true;
    private TargetFacts target = new TargetFacts(-1, null, List.of(), null, 1000 * MIB, "/srv", 15, List.of());
    private UpstreamFacts upstream = new UpstreamFacts(150010, 100 * MIB, 48 * MIB, 10, 2, 10, 2, List.of("node2", "node3"),
            List.of(LOCAL, LOOPBACK), null);
    private boolean password = true;
    private Optional<String> running = Optional.empty();
    private String client = "127.0.0.1";

    private List<PreCheck> checks() throws Exception {
        ClusterSnapshot cluster = ClusterSnapshot.builder("src", "demo").leader("node1").paused(paused)
                .members(List.of(Member.builder("node1").role(MemberRole.LEADER).state(MemberState.RUNNING)
                        .host("127.0.0.1").port(5432).build()))
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE, Instant.EPOCH,
                        null)))
                .observedAt(Instant.EPOCH).build();
        ReplicaRequest r = new ReplicaRequest("127.0.0.1", Optional.empty(), 5433, "/srv/pg/node4", "node4",
                Optional.empty(), Map.of(), "replicator", "postgres", Optional.empty(), 8010, Optional.empty());
        return ReplicaPreChecks.evaluate(new ReplicaPreChecks.Inputs(cluster, patroni, r, "node1", "127.0.0.1:5432",
                target, List.of(5433, 8010), upstream, null, InetAddress.getByName(client), password, running));
    }

    private PreCheck check(String name) throws Exception {
        return checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyTargetPassesEveryCheckWithItsFacts() throws Exception {
        assertThat(checks()).allSatisfy(c -> assertThat(c.outcome()).as(c.line()).isEqualTo(CheckOutcome.PASS));
        assertThat(check("disk").reason()).contains("database 100.0 MiB + WAL 48.0 MiB").contains("177.6 MiB needed")
                .contains("1000.0 MiB free on the target at /srv");
        assertThat(check("pg_hba").reason()).contains("line 4: host replication all 127.0.0.1/255.255.255.255");
    }

    @Test
    void refusesANonEmptyDataDirectoryABusyPortAndTooLittleDisk() throws Exception {
        target = new TargetFacts(3, null, List.of(5433), null, 100 * MIB, "/srv", 15, List.of());
        assertThat(check("data directory").outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check("data directory").reason()).contains("holds 3 entries");
        assertThat(check("port").reason()).contains("[5433]");
        assertThat(check("disk").outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check("disk").reason()).contains("only 100.0 MiB free");
    }

    @Test
    void refusesAnotherMajorVersionAndMissingBinaries() throws Exception {
        target = new TargetFacts(-1, null, List.of(), null, 1000 * MIB, "/srv", 16, List.of());
        assertThat(check("PostgreSQL version").reason()).contains("PostgreSQL 16 but the upstream runs 15");
        target = new TargetFacts(-1, null, List.of(), null, 1000 * MIB, "/srv", 0, List.of());
        assertThat(check("PostgreSQL version").reason()).contains("no PostgreSQL binaries in /usr/lib/postgresql/15/bin");
    }

    @Test
    void refusesAPlainReplicaWhoseSlotNameIsTakenOnTheUpstream() throws Exception {
        patroni = false;
        assertThat(check("replication slots").outcome()).isEqualTo(CheckOutcome.PASS);
        upstream = new UpstreamFacts(150010, MIB, MIB, 10, 2, 10, 3, List.of("node2", "node4"), List.of(LOOPBACK),
                null);
        assertThat(check("replication slots").outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check("replication slots").reason()).contains("a slot named node4 already exists on node1")
                .contains("pg_drop_replication_slot('node4')");
    }

    @Test
    void refusesWithoutWalSenderOrSlotHeadroom() throws Exception {
        upstream = new UpstreamFacts(150010, MIB, MIB, 10, 9, 4, 4, List.of(), null, "superusers only");
        assertThat(check("wal senders").outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check("wal senders").reason()).contains("max_wal_senders 10, 9 in use");
        assertThat(check("replication slots").outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check("pg_hba").outcome()).isEqualTo(CheckOutcome.UNKNOWN);
    }

    @Test
    void pgHbaWithoutALineForTheTargetIsRefusedWithTheLineToAdd() throws Exception {
        client = "10.1.2.3";
        assertThat(check("pg_hba").outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check("pg_hba").reason()).contains("host replication replicator 10.1.2.3/32 scram-sha-256");
    }

    @Test
    void aRejectLineFirstRefuses() throws Exception {
        upstream = new UpstreamFacts(150010, MIB, MIB, 10, 0, 10, 0, List.of(), List.of(new HbaRule(2, "host",
                List.of("replication"), List.of("replicator"), "127.0.0.0", "255.0.0.0", "reject"), LOOPBACK), null);
        assertThat(check("pg_hba").reason()).contains("rejects replication");
    }

    @Test
    void refusesAPausedClusterARunningOperationAndAMissingPassword() throws Exception {
        paused = true;
        assertThat(check("cluster state").reason()).contains("paused");
        paused = false;
        running = Optional.of("switchover to node2 by ann");
        assertThat(check("cluster state").reason()).contains("switchover to node2 by ann");
        password = false;
        assertThat(check("replication login").reason()).contains("pilothouse credentials set --host 127.0.0.1 "
                + "--port 5432 --user replicator");
    }
}
