package io.pilothouse.services.live;

import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live model against a real etcd + Patroni + PostgreSQL sandbox: every failure here is made for real
 * (kill -9, SIGSTOP, etcd stopped, a REST switchover). Tests run in order on one sandbox and each leaves it healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
@Tag("patroni-matrix")
class EstateMonitorSandboxTest {

    private static final Duration FAILOVER = Duration.ofSeconds(90);

    private static SandboxInfo sandbox;
    private static OwnSandbox own;
    private static String sourceName;
    private static LiveModel live;
    private static EstateMonitor monitor;
    private static final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startMonitor() throws Exception {
        // Its own sandbox: these tests kill, stop and switch over, which the shared one must never see.
        own = OwnSandbox.start("pilothouse-live-", s -> s.withScope("live"));
        sandbox = own.info();
        sourceName = own.sourceName();
        live = LiveModel.on(own.workspace(), m -> m.onEvent(events::add));
        monitor = live.monitor();
    }

    @AfterAll
    static void stopMonitor() {
        if (live != null) {
            live.close();
        }
        if (own != null) {
            assertThat(own.closeCleanly()).as("sandbox stopped cleanly").isTrue();
        }
    }

    private static ClusterSnapshot cluster() {
        return monitor.feed().latest().cluster(sourceName, sandbox.scope()).orElse(null);
    }

    private static ClusterSnapshot awaitHealthy(String what) {
        return live.awaitHealthy(sandbox.scope(), sandbox.members().size(), FAILOVER, what);
    }

    @Test
    @Order(1)
    void seesOneLeaderAndStreamingReplicasWithSqlLagAndVersions() {
        awaitHealthy("a healthy cluster");
        // Every source read live at least once (under load a first SQL read can time out and be retried).
        ClusterSnapshot c = Await.until(Duration.ofSeconds(30), "the leader lease read and every source live",
                EstateMonitorSandboxTest::cluster, s -> s.leaderLeaseSecondsLeft() != null
                        && s.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE
                        && s.sourceStatus(SourceKind.PATRONI_REST).freshness() == Freshness.LIVE
                        && s.sourceStatus(SourceKind.POSTGRES).freshness() == Freshness.LIVE);

        assertThat(c.members()).filteredOn(m -> m.role() == MemberRole.LEADER).hasSize(1);
        assertThat(c.timeline()).isNotNull();
        assertThat(c.ttlSeconds()).isEqualTo(20);
        assertThat(c.leaderLeaseSecondsLeft()).isBetween(0L, 20L);
        assertThat(c.sourceStatus(SourceKind.ETCD).freshness()).isEqualTo(Freshness.LIVE);
        assertThat(c.sourceStatus(SourceKind.PATRONI_REST).freshness()).isEqualTo(Freshness.LIVE);
        assertThat(c.sourceStatus(SourceKind.POSTGRES).freshness()).isEqualTo(Freshness.LIVE);
        for (Member m : c.members()) {
            assertThat(m.postgresVersion()).startsWith("15.");
            assertThat(m.patroniVersion()).isNotBlank();
            if (!m.role().isLeaderLike()) {
                assertThat(m.upstream()).isEqualTo(c.leader());
                assertThat(m.sqlLagBytes()).isNotNull().isGreaterThanOrEqualTo(0L);
                assertThat(m.syncState()).isEqualTo("async");
            }
        }
    }

    @Test
    @Order(2)
    void restSwitchoverAppearsAsLeaderChangeThroughTheWatch() throws Exception {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before the switchover");
        String oldLeader = before.leader();
        String candidate = before.members().stream().filter(m -> !m.role().isLeaderLike()).findFirst().orElseThrow().name();
        events.clear();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(sandbox.requireMember(oldLeader).restUrl() + "/switchover"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leader\":\"" + oldLeader + "\",\"candidate\":\"" + candidate + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        ClusterSnapshot after = Await.until(FAILOVER, "leader " + candidate, EstateMonitorSandboxTest::cluster,
                c -> candidate.equals(c.leader()) && c.timeline() != null && c.timeline() > before.timeline());
        assertThat(after.member(candidate).orElseThrow().role()).isEqualTo(MemberRole.LEADER);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isIn(ClusterEventType.LEADER_CHANGED, ClusterEventType.LEADER_ELECTED);
            assertThat(e.to()).isEqualTo(candidate);
        });
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(ClusterEventType.TIMELINE_CHANGED));
        awaitHealthy("old leader back as a streaming replica");
    }

    @Test
    @Order(3)
    void kill9OfTheLeaderShowsLeaderLostThenANewLeaderOnANewTimeline() {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before the kill");
        String victim = before.leader();
        events.clear();

        own.launcher().kill9Member(own.dir(), victim);

        Await.until(FAILOVER, "leader lost", () -> events, es -> es.stream()
                .anyMatch(e -> e.type() == ClusterEventType.LEADER_LOST && victim.equals(e.from())));
        ClusterSnapshot after = Await.until(FAILOVER, "a new leader", EstateMonitorSandboxTest::cluster,
                c -> c.leader() != null && !victim.equals(c.leader()));
        Await.until(FAILOVER, "timeline bump", EstateMonitorSandboxTest::cluster,
                c -> c.timeline() != null && c.timeline() > before.timeline());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(ClusterEventType.LEADER_ELECTED);
            assertThat(e.to()).isEqualTo(after.leader());
        });
        assertThat(events.stream().filter(e -> e.type() == ClusterEventType.LEADER_LOST).findFirst().orElseThrow()
                .observedAt()).isBeforeOrEqualTo(events.stream()
                .filter(e -> e.type() == ClusterEventType.LEADER_ELECTED).findFirst().orElseThrow().observedAt());

        own.launcher().startMember(own.dir(), victim);
        awaitHealthy("the killed member rejoined");
    }

    @Test
    @Order(4)
    void aStoppedMemberGoesStaleWhileEverythingElseStaysLive() {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before SIGSTOP");
        String victim = before.members().stream().filter(m -> !m.role().isLeaderLike()).findFirst().orElseThrow().name();

        own.launcher().stopMember(own.dir(), victim);
        try {
            ClusterSnapshot during = Await.until(Duration.ofSeconds(15), victim + " stale",
                    EstateMonitorSandboxTest::cluster, c -> c.member(victim)
                            .map(m -> m.freshness() == Freshness.STALE || m.freshness() == Freshness.UNREACHABLE)
                            .orElse(false));
            assertThat(during.members()).filteredOn(m -> !m.name().equals(victim))
                    .allSatisfy(m -> assertThat(m.freshness()).isEqualTo(Freshness.LIVE));
            assertThat(during.topologyFreshness()).isEqualTo(Freshness.LIVE);
            assertThat(during.leader()).isEqualTo(before.leader());
            // The rest keeps updating: later snapshots keep coming (one that only moves clocks at least every
            // heartbeat, half the staleness window, with the estate's next flush) and the others stay live in them.
            ClusterSnapshot later = Await.until(Duration.ofSeconds(15), "a snapshot 3 s newer",
                    EstateMonitorSandboxTest::cluster, c -> c.observedAt().isAfter(during.observedAt().plusSeconds(3)));
            assertThat(later.members()).filteredOn(m -> !m.name().equals(victim))
                    .allSatisfy(m -> assertThat(m.freshness()).isEqualTo(Freshness.LIVE));
            assertThat(later.member(victim).map(m -> m.freshness())).isNotEqualTo(Optional.of(Freshness.LIVE));
        } finally {
            own.launcher().continueMember(own.dir(), victim);
        }
        awaitHealthy("the stopped member answers again");
    }

    @Test
    @Order(5)
    void withEtcdStoppedTheSourceIsLostAndRestKeepsTheModelCurrent() {
        awaitHealthy("a healthy cluster before stopping etcd");
        events.clear();

        own.launcher().stopEtcd(own.dir());
        try {
            ClusterSnapshot during = Await.until(Duration.ofSeconds(15), "etcd marked lost",
                    EstateMonitorSandboxTest::cluster,
                    c -> c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.UNREACHABLE);
            assertThat(during.sourceStatus(SourceKind.ETCD).lastError()).contains("etcd");
            assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(ClusterEventType.SOURCE_LOST));
            // REST keeps the model current: members stay live and the snapshot keeps moving.
            assertThat(during.sourceStatus(SourceKind.PATRONI_REST).freshness()).isEqualTo(Freshness.LIVE);
            assertThat(during.topologyFreshness()).isEqualTo(Freshness.LIVE);
            assertThat(during.members()).hasSize(sandbox.members().size());
            assertThat(during.members()).allSatisfy(m -> assertThat(m.freshness()).isEqualTo(Freshness.LIVE));
            assertThat(during.leaderLeaseSecondsLeft()).isNull();
        } finally {
            own.launcher().startEtcd(own.dir());
        }
        Await.until(Duration.ofSeconds(30), "etcd regained", EstateMonitorSandboxTest::cluster,
                c -> c.sourceStatus(SourceKind.ETCD).freshness() == Freshness.LIVE);
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(ClusterEventType.SOURCE_REGAINED));
        awaitHealthy("healthy after etcd came back");
    }
}
