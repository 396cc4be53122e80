package io.pilothouse.services.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers on output recorded from the real HAProxy, PgBouncer and Pgpool-II of a sandbox. */
class TrafficParsersTest {

    @Test
    void haproxyAfterASwitchoverShowsTheReplicasDownByTheirRoleCheckAsNormal() throws Exception {
        List<HaproxyProxy> proxies = HaproxyProxies.from(HaproxyCsv.rows(Recorded.text("haproxy-after-switchover.csv")),
                Recorded.cluster("node2"));

        assertThat(proxies).extracting(HaproxyProxy::name).containsExactly("primary", "replicas");
        HaproxyProxy primary = proxies.get(0);
        assertThat(primary.status()).isEqualTo("OPEN");
        assertThat(primary.upServers()).extracting(HaproxyServer::member).containsExactly("node2");
        HaproxyServer node1 = primary.servers().get(0);
        assertThat(node1.status()).isEqualTo("DOWN");
        assertThat(node1.checkStatus()).isEqualTo("L7STS");
        assertThat(node1.checkCode()).isEqualTo(503);
        assertThat(node1.lastChangeSeconds()).isEqualTo(7);
        assertThat(node1.weight()).isEqualTo(1);
        // Recorded before `stats show-legends`: no addr, so joined by server name.
        assertThat(node1.address()).isNull();
        assertThat(node1.member()).isEqualTo("node1");
        assertThat(node1.expectedDown()).isTrue();
        assertThat(proxies.get(1).upServers()).extracting(HaproxyServer::name).containsExactly("node1", "node3");
    }

    @Test
    void withShowLegendsServersAreJoinedByAddressNotName() throws Exception {
        // Recorded from a second sandbox (node1 25201, node2 29130, node3 25867); named members elsewhere on purpose.
        MemberIndex members = new MemberIndex(io.pilothouse.services.model.ClusterSnapshot.builder("demo", "demo")
                .leader("pg-b").members(List.of(
                        member("pg-a", 25201), member("pg-b", 29130), member("pg-c", 25867))).build());

        List<HaproxyProxy> proxies = HaproxyProxies.from(
                HaproxyCsv.rows(Recorded.text("haproxy-show-stat-with-addr.csv")), members);

        HaproxyProxy primary = proxies.get(0);
        assertThat(primary.servers()).extracting(HaproxyServer::address).containsExactly("127.0.0.1:25201",
                "127.0.0.1:29130", "127.0.0.1:25867");
        assertThat(primary.servers()).extracting(HaproxyServer::member).containsExactly("pg-a", "pg-b", "pg-c");
        assertThat(primary.upServers()).extracting(HaproxyServer::member).containsExactly("pg-b");
    }

    @Test
    void aCheckInProgressStillReadsAsItsLastResult() throws Exception {
        String csv = "# pxname,svname,status,check_status,check_code,addr\n"
                + "primary,node1,DOWN,* L7STS,0,127.0.0.1:24306\n";
        HaproxyServer s = HaproxyProxies.from(HaproxyCsv.rows(csv), Recorded.cluster("node2")).get(0).servers()
                .get(0);
        assertThat(s.checkStatus()).isEqualTo("L7STS");
        assertThat(s.expectedDown()).isTrue();
    }

    private static io.pilothouse.services.model.Member member(String name, int port) {
        return io.pilothouse.services.model.Member.builder(name).role(
                        name.equals("pg-b") ? io.pilothouse.services.model.MemberRole.LEADER
                                : io.pilothouse.services.model.MemberRole.REPLICA)
                .state(io.pilothouse.services.model.MemberState.RUNNING).host("127.0.0.1").port(port).build();
    }

    @Test
    void aDownServerWhoseMemberIsNotKnownIsNotExplainedAway() throws Exception {
        List<HaproxyProxy> proxies = HaproxyProxies.from(HaproxyCsv.rows(Recorded.text("haproxy-after-switchover.csv")),
                MemberIndex.NONE);

        assertThat(proxies.get(0).servers().get(0).expectedDown()).isFalse();
    }

    @Test
    void statsThatAreHtmlOrGarbageSayWhatToFix() {
        assertThatThrownBy(() -> HaproxyCsv.rows("<!DOCTYPE html><html><body>Statistics Report</body></html>"))
                .hasMessageContaining("HTML").hasMessageContaining(";csv");
        assertThatThrownBy(() -> HaproxyCsv.rows("\u0000\u0001garbage,,,\n1,2,3"))
                .hasMessageContaining("not HAProxy's stats CSV");
        assertThatThrownBy(() -> HaproxyCsv.rows("")).hasMessageContaining("answered nothing");
        assertThatThrownBy(() -> HaproxyCsv.rows("# a,b,c\n1,2,3")).hasMessageContaining("pxname");
    }

    @Test
    void pgbouncerDatabasesPoolsAndServersReadByColumnName() {
        List<PgbouncerDatabase> databases = PgbouncerRows.databases(Recorded.psqlCsv("pgbouncer-show-databases.csv"));
        assertThat(databases).extracting(PgbouncerDatabase::name).containsExactly("app", "postgres");
        assertThat(databases.get(1).target()).isEqualTo("127.0.0.1:26214");
        assertThat(databases.get(1).poolSize()).isEqualTo(10);
        assertThat(databases.get(1).currentConnections()).isEqualTo(1);
        assertThat(databases.get(1).paused()).isFalse();

        List<PgbouncerPool> pools = PgbouncerRows.pools(Recorded.psqlCsv("pgbouncer-show-pools.csv"));
        assertThat(pools).singleElement().satisfies(p -> {
            assertThat(p.database()).isEqualTo("postgres");
            assertThat(p.serversIdle()).isEqualTo(1);
            assertThat(p.poolMode()).isEqualTo("transaction");
            assertThat(p.maxWaitMicros()).isZero();
        });

        List<PgbouncerServer> servers = PgbouncerRows.servers(Recorded.psqlCsv("pgbouncer-show-servers.csv"),
                Recorded.cluster("node1"));
        // PgBouncer reaches the cluster through HAProxy's write port: no member at that address.
        assertThat(servers).singleElement().satisfies(s -> {
            assertThat(s.address()).isEqualTo("127.0.0.1:26214");
            assertThat(s.member()).isNull();
            assertThat(s.state()).isEqualTo("idle");
        });
    }

    @Test
    void olderPgbouncerWithoutSomeColumnsStillReads() {
        List<PgbouncerPool> pools = PgbouncerRows.pools(List.of(Map.of("database", "app", "user", "app",
                "cl_active", "2", "cl_waiting", "3", "maxwait", "7")));

        assertThat(pools.get(0).maxWaitMicros()).isEqualTo(7_000_000L);
        assertThat(pools.get(0).clientsWaiting()).isEqualTo(3);
        assertThat(pools.get(0).poolMode()).isNull();
    }

    @Test
    void pgpoolNodesJoinedToMembersByAddressWithBothSidesOfRoleAndStatus() {
        List<PgpoolNode> nodes = PgpoolRows.nodes(Recorded.psqlCsv("pgpool-after-switchover.csv"),
                Recorded.cluster("node2"));

        assertThat(nodes).extracting(PgpoolNode::member).containsExactly("node1", "node2", "node3");
        assertThat(nodes.get(1).primary()).isTrue();
        assertThat(nodes.get(1).pgRole()).isEqualTo("primary");
        assertThat(nodes.get(0).replicationState()).isEqualTo("streaming");
        assertThat(nodes.get(0).replicationDelay()).isZero();
        assertThat(nodes.get(0).weight()).isEqualTo(0.333333);
        assertThat(nodes.get(2).loadBalanceNode()).isTrue();
        assertThat(nodes.get(0).status()).isEqualTo("up");
        assertThat(nodes.get(0).pgStatus()).isEqualTo("up");
    }
}
