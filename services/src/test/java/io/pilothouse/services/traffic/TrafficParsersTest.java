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
