package io.pilothouse.services.history;

import io.pilothouse.services.live.EstateMonitor;
import io.pilothouse.services.live.LiveModel;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real leader changes on the sandbox, fed from a real EstateMonitor into the history: a REST switchover must come out
 * as a switchover, a kill -9 of the leader as a failover, and Patroni's own /history must parse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
@Tag("patroni-matrix")
class LeaderHistorySandboxTest {

    private static final Duration FAILOVER = Duration.ofSeconds(90);
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static String sourceName;
    private static LiveModel live;
    private static EstateMonitor monitor;
    private static EstateHistory history;
    private static final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private static final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // Its own sandbox: this test switches over and kills the leader.
        own = OwnSandbox.start("pilothouse-history-", s -> s.withScope("hist"));
        sandbox = own.info();
        sourceName = own.sourceName();
        history = new EstateHistory(notifications::add);
        live = LiveModel.on(own.workspace(), m -> {
            m.onEvent(history);
            m.onEvent(events::add);
        });
        monitor = live.monitor();
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(live, own);
    }

    private static ClusterSnapshot cluster() {
        return monitor.feed().latest().cluster(sourceName, sandbox.scope()).orElse(null);
    }

    private static ClusterSnapshot awaitHealthy(String what) {
        return live.awaitHealthy(sandbox.scope(), sandbox.members().size(), FAILOVER, what);
    }

    private static List<HistoryEntry> entries(HistoryKind kind) {
        return history.cluster(sourceName, sandbox.scope()).entries().stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    @Order(1)
    void restSwitchoverIsRecordedAsASwitchover() throws Exception {
        ClusterSnapshot before = awaitHealthy("a healthy cluster");
        String oldLeader = before.leader();
        String candidate = before.members().stream().filter(m -> !m.role().isLeaderLike()).findFirst()
                .orElseThrow().name();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(sandbox.requireMember(oldLeader).restUrl() + "/switchover"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"leader\":\"" + oldLeader + "\",\"candidate\":\"" + candidate + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        HistoryEntry switchover = Await.until(FAILOVER, "a leader change in the history",
                () -> history.cluster(sourceName, sandbox.scope()).entries().stream()
                        .filter(e -> e.kind() == HistoryKind.SWITCHOVER || e.kind() == HistoryKind.FAILOVER)
                        .findFirst().orElse(null), e -> e != null);
        assertThat(switchover.kind()).as(switchover.detail() + "; events " + events).isEqualTo(HistoryKind.SWITCHOVER);
        assertThat(switchover.member()).isEqualTo(candidate);
        assertThat(switchover.detail()).startsWith(oldLeader + " → " + candidate);
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.severity()).isEqualTo(Severity.INFO);
            assertThat(n.title()).isEqualTo("Switchover in " + sandbox.scope());
        });
        awaitHealthy("old leader back as a replica");
    }

    @Test
    @Order(2)
    void patronisOwnHistoryShowsTheNewTimelineAndMergesWithTheLiveOne() throws Exception {
        ClusterSnapshot c = awaitHealthy("healthy");
        PatroniRestClient rest = new PatroniRestClient(live.executors().io(), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        List<TimelineRecord> records = new PatroniHistoryClient(rest)
                .history(sandbox.requireMember(c.leader()).restUrl()).get(10, TimeUnit.SECONDS);
        assertThat(records).isNotEmpty();
        TimelineRecord last = records.get(records.size() - 1);
        assertThat(last.nextTimeline()).isEqualTo(c.timeline());
        assertThat(last.lsn()).isPositive();
        assertThat(last.timestamp()).isNotNull();
        assertThat(last.newLeader()).isEqualTo(c.leader());

        ClusterHistory h = history.cluster(sourceName, sandbox.scope());
        h.setTimelines(records);
        assertThat(h.entries()).filteredOn(e -> e.kind() == HistoryKind.TIMELINE)
                .extracting(HistoryEntry::timeline).doesNotHaveDuplicates().contains(c.timeline());
    }

    @Test
    @Order(3)
    void kill9OfTheLeaderIsRecordedAsAFailover() {
        ClusterSnapshot before = awaitHealthy("a healthy cluster before the kill");
        String victim = before.leader();
        int changesBefore = entries(HistoryKind.SWITCHOVER).size() + entries(HistoryKind.FAILOVER).size();

        own.launcher().kill9Member(own.dir(), victim);

        Await.until(FAILOVER, "a second leader change in the history",
                () -> entries(HistoryKind.SWITCHOVER).size() + entries(HistoryKind.FAILOVER).size(),
                n -> n > changesBefore);
        List<HistoryEntry> failovers = entries(HistoryKind.FAILOVER);
        assertThat(failovers).as("events " + events).singleElement().satisfies(e -> {
            assertThat(e.detail()).startsWith(victim + " → ");
            assertThat(e.member()).isNotEqualTo(victim);
        });
        assertThat(entries(HistoryKind.MEMBER_LOST)).anySatisfy(e -> assertThat(e.member()).isEqualTo(victim));
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.title()).isEqualTo("Failover in " + sandbox.scope());
        });

        own.launcher().startMember(own.dir(), victim);
        awaitHealthy("the killed member rejoined");
        assertThat(entries(HistoryKind.MEMBER_JOINED)).anySatisfy(e -> assertThat(e.member()).isEqualTo(victim));
    }
}
