package io.pilothouse.services.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.model.TrafficProblemKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Judging recorded readings (and readings edited to show one fault each) against the cluster. */
class TrafficAssessorTest {

    private static final Instant AT = Instant.parse("2026-12-07T00:00:30Z");
    private static final ComponentStatus OK = ComponentStatus.reachable(AT, 3);
    private static final String WRITE_ENDPOINT = "127.0.0.1:26214";
    private static final long SYSID = 7_400_000_000_000_000_001L;
    private static final TrafficAssessor ASSESSOR = new TrafficAssessor(TrafficSettings.DEFAULTS);

    private static Verification reached(String member, String address, boolean recovery) {
        return new Verification(member, address, SYSID, recovery, null, AT);
    }

    private static HaproxyStatus haproxyAfterSwitchover(MemberIndex members) throws Exception {
        return new HaproxyStatus("http://127.0.0.1:23138/stats;csv", OK, HaproxyProxies.from(
                HaproxyCsv.rows(Recorded.text("haproxy-after-switchover.csv")), members));
    }

    private static PgbouncerStatus bouncer(List<PgbouncerPool> pools, List<PgbouncerServer> servers) {
        return new PgbouncerStatus("127.0.0.1:25083", "pgbouncer_admin", OK,
                PgbouncerRows.databases(Recorded.psqlCsv("pgbouncer-show-databases.csv")), pools, servers);
    }

    private static PgpoolStatus pgpool(String recording, MemberIndex members) {
        return new PgpoolStatus("127.0.0.1:21179", 26841, OK, PgpoolRows.nodes(Recorded.psqlCsv(recording), members));
    }

    private static List<TrafficProblemKind> kinds(ClusterTraffic t) {
        return t.problems().stream().map(TrafficProblem::kind).toList();
    }

    @Test
    void aCleanSwitchoverLeavesNoProblemAndEveryEntryPointOnTheNewLeader() throws Exception {
        MemberIndex members = Recorded.cluster("node2");
        TrafficReading r = new TrafficReading("demo", members, WRITE_ENDPOINT, haproxyAfterSwitchover(members),
                bouncer(List.of(), List.of()), pgpool("pgpool-after-switchover.csv", members),
                reached("node2", Recorded.NODE2, false),
                Map.of("postgres", reached("node2", Recorded.NODE2, false), "app", reached("node2", Recorded.NODE2,
                        false)), reached("node2", Recorded.NODE2, false), SYSID, Set.of("postgres", "app"));

        ClusterTraffic t = ASSESSOR.assess(r);

        assertThat(t.problems()).isEmpty();
        assertThat(t.scope()).isEqualTo("demo");
        assertThat(t.leader()).isEqualTo("node2");
        assertThat(t.entryPoints()).extracting(EntryPoint::label).containsExactly("haproxy write endpoint",
                "haproxy primary", "haproxy replicas", "pgbouncer app", "pgbouncer postgres", "pgpool");
        assertThat(t.entryPoints()).filteredOn(e -> e.role() == EntryRole.WRITE)
                .allSatisfy(e -> assertThat(e.writesTo()).containsExactly("node2"));
        EntryPoint replicas = t.entryPoints().get(2);
        assertThat(replicas.role()).isEqualTo(EntryRole.READ);
        assertThat(replicas.readsTo()).containsExactly("node1", "node3");
        EntryPoint pool = t.entryPoints().get(5);
        assertThat(pool.role()).isEqualTo(EntryRole.READ_WRITE);
        assertThat(pool.writesTo()).containsExactly("node2");
        assertThat(pool.readsTo()).containsExactly("node1", "node2", "node3");
    }

    @Test
    void writesReachingANodeInRecoveryOrAnotherClusterAreWritesToANonLeader() throws Exception {
        MemberIndex members = Recorded.cluster("node2");
        TrafficReading r = new TrafficReading("demo", members, WRITE_ENDPOINT, null, null, null,
                reached("node1", Recorded.NODE1, true), Map.of(), null, SYSID, Set.of());
        assertThat(ASSESSOR.assess(r).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(TrafficProblemKind.WRITES_TO_NON_LEADER);
            assertThat(p.message()).contains("node1", "in recovery", "the leader is node2");
        });

        TrafficReading other = new TrafficReading("demo", members, WRITE_ENDPOINT, null, null, null,
                new Verification(null, "10.0.0.9:5432", 42L, false, null, AT), Map.of(), null, SYSID, Set.of());
        assertThat(ASSESSOR.assess(other).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("another cluster", "42"));
    }

    @Test
    void pgpoolStillBelievingTheOldPrimaryIsAMismatch() {
        // The pre-switchover recording (node1 primary) judged against the cluster after it (node2 leads).
        MemberIndex members = Recorded.cluster("node2");
        TrafficReading r = new TrafficReading("demo", members, null, null, null,
                pgpool("pgpool-show-pool-nodes.csv", members), null, Map.of(), null, null, Set.of());

        ClusterTraffic t = ASSESSOR.assess(r);

        assertThat(kinds(t)).containsExactly(TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH);
        assertThat(t.problems().get(0).message()).contains("sends writes to node1", "the leader is node2");
    }

    @Test
    void pgpoolsRoleOrStatusDifferingFromTheServersIsAProblem() {
        MemberIndex members = Recorded.cluster("node1");
        List<Map<String, String>> rows = Recorded.psqlCsv("pgpool-show-pool-nodes.csv");
        rows.get(1).put("pg_role", "primary");
        rows.get(2).put("status", "down");
        TrafficReading r = new TrafficReading("demo", members, null, null, null,
                new PgpoolStatus("127.0.0.1:21179", null, OK, PgpoolRows.nodes(rows, members)), null, Map.of(),
                null, null, Set.of());

        assertThat(kinds(ASSESSOR.assess(r))).containsExactly(TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH,
                TrafficProblemKind.PGPOOL_STATUS_MISMATCH);
    }

    @Test
    void aPoolerConnectedToTheOldLeaderAndClientsWaitingTooLongAreProblems() {
        MemberIndex members = Recorded.cluster("node2");
        List<PgbouncerServer> servers = List.of(new PgbouncerServer("postgres", "app", "idle", Recorded.NODE1,
                "node1"));
        List<PgbouncerPool> pools = List.of(new PgbouncerPool("postgres", "app", 0, 4, 0, 1, 0, 7_500_000, "session"));
        TrafficReading r = new TrafficReading("demo", members, null, null, bouncer(pools, servers), null, null,
                Map.of("postgres", reached("node2", Recorded.NODE2, false)), null, null, Set.of("postgres"));

        ClusterTraffic t = ASSESSOR.assess(r);

        assertThat(kinds(t)).containsExactly(TrafficProblemKind.POOLER_ON_OLD_LEADER,
                TrafficProblemKind.CLIENTS_WAITING);
        assertThat(t.problems().get(0).message()).contains("node1", "RECONNECT postgres");
        assertThat(t.problems().get(1).message()).contains("4 client(s)", "7.5 s");
    }

    @Test
    void aBackendRefusingConnectionsIsDownAndAProxyWithoutServersHasNoRoute() throws Exception {
        MemberIndex members = Recorded.cluster("node2");
        String csv = Recorded.text("haproxy-after-switchover.csv")
                .replace("primary,node2,0,0,0,0,,", "primary,node2,0,0,0,0,,")
                .replaceAll("(?m)^(primary,node2,.*?),UP,", "$1,DOWN,")
                .replaceAll("(?m)^(replicas,node3,.*?),L7OK,200,", "$1,L4CON,,");
        HaproxyStatus h = new HaproxyStatus("u", OK, HaproxyProxies.from(HaproxyCsv.rows(csv), members));
        TrafficReading r = new TrafficReading("demo", members, null, h, null, null, null, Map.of(), null, null,
                Set.of());

        ClusterTraffic t = ASSESSOR.assess(r);

        assertThat(t.problems()).extracting(TrafficProblem::kind, TrafficProblem::entryPoint).contains(
                org.assertj.core.groups.Tuple.tuple(TrafficProblemKind.NO_ROUTE, "haproxy primary"));
        assertThat(t.problems()).filteredOn(p -> p.kind() == TrafficProblemKind.BACKEND_DOWN).isNotEmpty();
    }

    @Test
    void anUnreachableComponentIsOneProblemAndTheOthersAreStillJudged() {
        MemberIndex members = Recorded.cluster("node2");
        HaproxyStatus down = new HaproxyStatus("u", ComponentStatus.unreachable("nothing answers at u", AT, 1),
                List.of());
        TrafficReading r = new TrafficReading("demo", members, null, down, null,
                pgpool("pgpool-show-pool-nodes.csv", members), null, Map.of(), null, null, Set.of());

        assertThat(kinds(ASSESSOR.assess(r))).containsExactly(TrafficProblemKind.SOURCE_UNREACHABLE,
                TrafficProblemKind.PGPOOL_PRIMARY_MISMATCH);
    }
}
