package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.sandbox.DownReport;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxStatus;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain streaming-replication cluster (no Patroni) from {@code sandbox up --plain}, watched by the live model over
 * SQL only; the cascading standby's upstream is killed for real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class PlainClusterSandboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static long upMillis;
    private static LiveModel live;
    private static EstateMonitor monitor;
    private static String primary;
    private static String standby;
    private static String cascade;

    @BeforeAll
    static void up() throws Exception {
        long t0 = System.nanoTime();
        own = OwnSandbox.start("pilothouse-plain-", s -> s.withScope("plain").withPlain(true));
        sandbox = own.info();
        upMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("plain sandbox up in " + upMillis + " ms");
        primary = endpoint("node1");
        standby = endpoint("node2");
        cascade = endpoint("node3");
        live = LiveModel.on(own.workspace());
        monitor = live.monitor();
    }

    @AfterAll
    static void down() {
        if (live != null) {
            live.close();
        }
        if (own != null) {
            DownReport report = own.down();
            assertThat(report.clean()).as("nothing left running after down: " + report.survivors()).isTrue();
        }
    }

    private static String endpoint(String member) {
        SandboxInfo.Member m = sandbox.requireMember(member);
        return m.pgHost() + ":" + m.pgPort();
    }

    private static ClusterSnapshot cluster() {
        return monitor.feed().latest().cluster("plain", "plain").orElse(null);
    }

    private static Member member(ClusterSnapshot c, String name) {
        return c.member(name).orElseThrow();
    }

    @Test
    @Order(1)
    void upWritesAWorkspaceOfNodesAndStatusSeesOnlyPostgres() throws Exception {
        assertThat(sandbox.plain()).isTrue();
        assertThat(Files.readString(sandbox.workspaceFile())).contains("nodes:").doesNotContain("etcd");
        SandboxStatus status = own.launcher().status(own.dir());
        assertThat(status.state()).isEqualTo(SandboxStatus.State.RUNNING);
        assertThat(status.processes()).hasSize(3);
    }

    @Test
    @Order(2)
    void showsThePrimaryTheStandbyAndTheCascadeBehindItWithLag() {
        ClusterSnapshot c = Await.until(WAIT, "the cascade streaming", PlainClusterSandboxTest::cluster,
                s -> s != null && s.members().size() == 3
                        && s.members().stream().allMatch(m -> m.freshness() == Freshness.LIVE)
                        && s.members().stream().filter(m -> m.role() == MemberRole.REPLICA)
                                .allMatch(m -> "streaming".equals(m.replicationState()) && m.sqlLagBytes() != null));

        assertThat(c.leader()).isEqualTo(primary);
        assertThat(c.problems()).isEmpty();
        assertThat(c.sources()).containsOnlyKeys(SourceKind.POSTGRES);
        assertThat(c.topologyFreshness()).isEqualTo(Freshness.LIVE);
        assertThat(member(c, primary).role()).isEqualTo(MemberRole.LEADER);
        assertThat(member(c, primary).state()).isEqualTo(MemberState.RUNNING);
        assertThat(member(c, standby).upstream()).isEqualTo(primary);
        assertThat(member(c, standby).state()).isEqualTo(MemberState.STREAMING);
        assertThat(member(c, cascade).upstream()).isEqualTo(standby);
        assertThat(member(c, cascade).sqlLagBytes()).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(member(c, cascade).postgresVersion()).startsWith("15");
        // Slots: node2's on the primary, node3's on the standby.
        assertThat(c.slots()).hasSize(3);
    }

    @Test
    @Order(3)
    void killingTheCascadesUpstreamShowsTheCascadeAsBrokenWhileThePrimaryStaysLive() {
        own.launcher().kill9Member(own.dir(), "node2");

        ClusterSnapshot c = Await.until(WAIT, "the cascading standby shown as not streaming",
                PlainClusterSandboxTest::cluster,
                s -> PlainClusterAssembler.NOT_STREAMING.equals(member(s, cascade).replicationState())
                        && member(s, standby).freshness() != Freshness.LIVE);

        assertThat(member(c, cascade).upstream()).isNull();
        assertThat(member(c, cascade).freshness()).isEqualTo(Freshness.LIVE);
        assertThat(c.problems()).anyMatch(p -> p.startsWith(cascade + " is not streaming"));
        assertThat(member(c, standby).freshness()).isIn(Freshness.UNREACHABLE, Freshness.STALE);
        assertThat(c.leader()).isEqualTo(primary);
        assertThat(member(c, primary).freshness()).isEqualTo(Freshness.LIVE);
        assertThat(member(c, primary).state()).isEqualTo(MemberState.RUNNING);
    }
}
