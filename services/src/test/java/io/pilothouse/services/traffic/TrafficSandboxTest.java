package io.pilothouse.services.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.faults.HangingListener;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.TrafficProblemKind;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.ProcessKind;
import io.pilothouse.services.sandbox.SandboxStatus;
import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.services.switchover.VerificationItem;
import io.pilothouse.services.switchover.WriteEndpoint;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.NodeAddress;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.TrafficConfig;
import io.pilothouse.services.workspace.Workspace;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The traffic layer read from the real HAProxy 2.6, PgBouncer 1.18 and Pgpool-II 4.3 of one {@code sandbox up
 * --poolers}: entry points verified through each, bad sources marked unreachable while the rest goes on, and every
 * entry point following a switchover (the switchover's write-endpoint check with it).
 */
@Tag("servers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficSandboxTest {

    private static OwnSandbox own;
    private static LiveModel live;
    private static PasswordLookup passwords;

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("traffic-read-", s -> s.withPoolers(true));
        live = LiveModel.on(own.workspace());
        passwords = PasswordLookup.through(LiveModel.pgpassResolver());
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
        if (own != null) {
            assertThat(own.closeCleanly()).isTrue();
        }
    }

    /**
     * The defaults' 2 s / 3 s are for a quiet network; the test machine runs several suites on 2 cores (load 30 seen),
     * where a first HTTP request can take longer. What is tested does not depend on these figures.
     */
    static final TrafficSettings SETTINGS = new TrafficSettings(Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static TrafficMonitor monitor(Workspace workspace) {
        return new TrafficMonitor(workspace, live.monitor().feed()::latest, passwords, SETTINGS, Clock.systemUTC(),
                live.executors().io());
    }

    private static ClusterSnapshot cluster() {
        return live.cluster(own.sourceName(), own.info().scope());
    }

    @Test
    @Order(1)
    void everyEntryPointOfTheRealComponentsReachesTheLeaderAndNothingDisagrees() throws Exception {
        SandboxStatus status = own.launcher().status(own.dir());
        assertThat(status.isAlive("pgbouncer", ProcessKind.PGBOUNCER)).isTrue();
        assertThat(status.isAlive("pgpool", ProcessKind.PGPOOL)).isTrue();
        assertThat(Files.readString(own.info().passfile())).contains(":pgbouncer:pgbouncer_admin:", ":*:pcp_admin:");
        assertThat(Files.readString(own.info().workspaceFile())).contains("traffic:", "pcpPort:")
                .doesNotContainIgnoringCase("password");
        String leader = cluster().leader();

        try (TrafficMonitor monitor = monitor(own.workspace())) {
            ClusterTraffic t = monitor.readOnce().ofSource(own.sourceName()).orElseThrow();

            assertThat(t.problems()).isEmpty();
            assertThat(t.leader()).isEqualTo(leader);
            assertThat(t.entryPoints()).extracting(EntryPoint::label).containsExactly("haproxy write endpoint",
                    "haproxy primary", "haproxy replicas", "pgbouncer app", "pgbouncer postgres", "pgpool");
            List<EntryPoint> verified = t.entryPoints().stream().filter(e -> e.verification() != null).toList();
            assertThat(verified).hasSize(4).allSatisfy(e -> {
                assertThat(e.writesTo()).containsExactly(leader);
                assertThat(e.verification().inRecovery()).isFalse();
                assertThat(e.verification().systemIdentifier()).isNotNull();
            });
            assertThat(verified).extracting(e -> e.verification().systemIdentifier()).containsOnly(
                    verified.get(0).verification().systemIdentifier());
            assertThat(t.haproxy().proxies()).extracting(HaproxyProxy::name).containsExactly("primary", "replicas");
            assertThat(t.haproxy().proxies().get(0).servers()).allSatisfy(s -> {
                assertThat(s.address()).isNotNull();
                assertThat(s.member()).isNotNull();
                assertThat(s.up() || s.expectedDown()).isTrue();
            });
            assertThat(t.pgbouncer().status().reachable()).isTrue();
            assertThat(t.pgbouncer().databases()).extracting(PgbouncerDatabase::name).containsExactly("app",
                    "postgres");
            assertThat(t.pgpool().nodes()).hasSize(3).allSatisfy(n -> {
                assertThat(n.member()).isNotNull();
                assertThat(n.primary()).isEqualTo(n.member().equals(leader));
                assertThat(n.status()).isEqualTo("up");
            });
        }
    }

    @Test
    @Order(2)
    void htmlStatsAWrongAdminUserAndAHangingPgpoolAreEachUnreachableInOneLineAndTheRestGoesOn() throws Exception {
        // A tiny HTTP server answering every request with an HTML page, as a stats URL without ;csv does.
        java.net.ServerSocket html = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!html.isClosed()) {
                try (java.net.Socket s = html.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    byte[] body = "<!DOCTYPE html><html><body>HAProxy Statistics Report</body></html>"
                            .getBytes(StandardCharsets.UTF_8);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().write(body);
                    s.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    // closed: the test is over
                }
            }
        }, "html-stats");
        server.setDaemon(true);
        server.start();
        try (HangingListener hanging = HangingListener.start()) {
            SourceConfig s = own.workspace().sources().get(0);
            TrafficConfig bad = new TrafficConfig(
                    new TrafficConfig.Haproxy("http://127.0.0.1:" + html.getLocalPort() + "/stats", null),
                    new TrafficConfig.Pgbouncer(s.traffic().pgbouncer().address(), "nobody"),
                    new TrafficConfig.Pgpool(hanging.address(), null, null));
            Workspace w = own.workspace().toBuilder().sources(List.of(new SourceConfig(s.name(), s.etcd(),
                    s.patroni(), s.postgres(), s.nodes(), s.writeEndpoint(), s.patroniUser(), bad))).build();

            long t0 = System.nanoTime();
            ClusterTraffic t;
            try (TrafficMonitor monitor = monitor(w)) {
                t = monitor.readOnce().ofSource(own.sourceName()).orElseThrow();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;

            // The hanging Pgpool costs one component budget, not one per entry point or a hang.
            assertThat(ms).isLessThan(SETTINGS.componentBudget().toMillis() + 10_000);
            assertThat(t.haproxy().status().reachability()).isEqualTo(Reachability.UNREACHABLE);
            assertThat(t.haproxy().status().error()).contains("HTML", ";csv").doesNotContain("\n", "Exception");
            assertThat(t.pgbouncer().status().reachability()).isEqualTo(Reachability.UNREACHABLE);
            assertThat(t.pgbouncer().status().error()).contains("nobody").doesNotContain("\n");
            assertThat(t.pgpool().status().reachability()).isEqualTo(Reachability.UNREACHABLE);
            assertThat(t.pgpool().status().error()).contains(hanging.address()).doesNotContain("\n");
            assertThat(t.problems()).filteredOn(p -> p.kind() == TrafficProblemKind.SOURCE_UNREACHABLE)
                    .extracting(p -> p.entryPoint()).contains("haproxy", "pgbouncer", "pgpool");
            // The rest goes on: the write endpoint is still verified on the leader.
            assertThat(t.entryPoints()).filteredOn(e -> e.name().equals("write endpoint")).singleElement()
                    .satisfies(e -> assertThat(e.writesTo()).containsExactly(cluster().leader()));
        } finally {
            html.close();
        }
    }

    @Test
    @Order(3)
    void afterASwitchoverEveryEntryPointAndTheWriteEndpointCheckFollowTheNewLeader() throws Exception {
        ClusterSnapshot before = cluster();
        String candidate = before.members().stream().map(m -> m.name()).filter(n -> !n.equals(before.leader()))
                .findFirst().orElseThrow();
        String leaderRest = own.info().requireMember(before.leader()).restUrl();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(leaderRest + "/switchover")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leader\":\"" + before.leader() + "\",\"candidate\":\""
                        + candidate + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(60), "the live model to show " + candidate + " leading", TrafficSandboxTest::cluster,
                c -> c != null && candidate.equals(c.leader()));

        try (TrafficMonitor monitor = monitor(own.workspace())) {
            ClusterTraffic t = Await.until(Duration.ofSeconds(60), "every entry point to reach " + candidate,
                    () -> monitor.readOnce().ofSource(own.sourceName()).orElseThrow(),
                    c -> c.problems().isEmpty() && c.entryPoints().stream().filter(e -> e.verification() != null)
                            .allMatch(e -> e.writesTo().equals(List.of(candidate))));
            assertThat(t.leader()).isEqualTo(candidate);
            assertThat(t.pgpool().nodes()).filteredOn(PgpoolNode::primary).extracting(PgpoolNode::member)
                    .containsExactly(candidate);
        }

        NodeAddress write = NodeAddress.parse(own.workspace().sources().get(0).writeEndpoint());
        WriteEndpoint endpoint = new WriteEndpoint(write.toString(),
                () -> live.monitor().openFresh(own.sourceName(), write),
                m -> live.monitor().openFresh(own.sourceName(), new NodeAddress(m.host(), m.port())));
        VerificationItem item = endpoint.check(cluster());
        assertThat(item.verdict()).as(item.detail()).isEqualTo(Verdict.PASS);
        assertThat(item.detail()).contains(candidate + ", the leader");
    }
}
