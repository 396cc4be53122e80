package io.pilothouse.services.etcd;

import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.patroni.DcsMember;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.EtcdConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-shot etcd read over the JSON gateway against the shared sandbox's real etcd: it sees what the gRPC watch
 * sees (same clusters, leader, members, lease), and a closed port is a definite answer at once. TLS, etcd auth and
 * bad certificates through this path are covered by the app's {@code TlsSandboxTest} (its {@code snapshot} runs).
 */
@Tag("servers")
class EtcdGatewayReadSandboxTest {

    private static ScheduledExecutorService scheduler;
    private static SandboxInfo sandbox;

    @BeforeAll
    static void start() {
        sandbox = SharedSandbox.get();
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "etcd-gateway-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void readsTheSameClustersLeaderMembersAndLeaseAsTheWatch() {
        EtcdConfig etcd = new EtcdConfig(List.of(sandbox.etcdUrl()), sandbox.namespace());
        DcsRecorder once = new DcsRecorder();
        DcsRecorder watched = new DcsRecorder();
        try (EtcdGatewayRead read = new EtcdGatewayRead(etcd, EtcdClients.EtcdPassword.NONE, scheduler,
                Duration.ofSeconds(1), Duration.ofSeconds(5), once);
             EtcdNamespaceWatcher watch = new EtcdNamespaceWatcher(etcd, EtcdClients.EtcdPassword.NONE, scheduler,
                     Duration.ofSeconds(1), Duration.ofSeconds(5), watched)) {
            read.start();
            watch.start();
            Await.until(Duration.ofSeconds(20), "one read and the watch's first tick",
                    () -> read.answered() && watch.answered() && once.leases.containsKey(sandbox.scope())
                            && watched.leases.containsKey(sandbox.scope()), ok -> ok);

            DcsView viaGateway = once.views.get(sandbox.scope());
            DcsView viaWatch = watched.views.get(sandbox.scope());
            assertThat(viaGateway).as("cluster %s read over the gateway", sandbox.scope()).isNotNull();
            assertThat(viaGateway.leader()).isNotBlank().isEqualTo(viaWatch.leader());
            assertThat(viaGateway.leaderLease()).isPositive().isEqualTo(viaWatch.leaderLease());
            assertThat(viaGateway.members().stream().map(DcsMember::name).sorted().toList())
                    .hasSize(sandbox.members().size())
                    .isEqualTo(viaWatch.members().stream().map(DcsMember::name).sorted().toList());
            assertThat(viaGateway.ttl()).isEqualTo(viaWatch.ttl());
            assertThat(once.leases.get(sandbox.scope())).isBetween(1L, viaGateway.ttl());
            assertThat(once.statuses).extracting(SourceStatus::freshness).containsExactly(Freshness.LIVE);
        }
    }

    @Test
    void aClosedPortIsADefiniteAnswerSayingSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DcsRecorder once = new DcsRecorder();
        try (EtcdGatewayRead read = new EtcdGatewayRead(new EtcdConfig(List.of("http://127.0.0.1:" + closed),
                sandbox.namespace()), EtcdClients.EtcdPassword.NONE, scheduler, Duration.ofSeconds(1),
                Duration.ofSeconds(5), once)) {
            read.start();
            Await.until(Duration.ofSeconds(10), "a refusal", read::answered, ok -> ok);
            assertThat(once.views).isEmpty();
            assertThat(once.statuses).isNotEmpty().allSatisfy(s -> {
                assertThat(s.freshness()).isEqualTo(Freshness.UNREACHABLE);
                assertThat(s.lastError()).contains("etcd at 127.0.0.1:" + closed, "refused");
            });
        }
    }
}
