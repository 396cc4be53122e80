package io.pilothouse.services.alerts.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook against a real HTTP receiver on loopback: body, retries with back-off, the queue bound, resolve. */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 6);

    private LoopbackReceiver receiver;
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private final ManualAlertsFeed feed = new ManualAlertsFeed();
    private OutboundAlerts outbound;

    @BeforeEach
    void start() throws Exception {
        receiver = new LoopbackReceiver();
        workers = Executors.newCachedThreadPool();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        if (outbound != null) {
            outbound.close();
        }
        receiver.close();
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    private OutboundAlerts webhook(Integer queue, Integer maxAttempts, String user, String auth) {
        Workspace w = Workspace.builder("ops").outbound(new OutboundConfig(null, new OutboundConfig.Target(
                receiver.url("/hook"), user, auth, null, null, queue, maxAttempts))).build();
        outbound = OutboundAlerts.start(w, feed, (host, port, db, u) -> db.equals("webhook") && u.equals("ops")
                        ? Optional.of("s3cret".toCharArray()) : Optional.empty(), workers, scheduler,
                Clock.systemUTC(), FAST);
        return outbound;
    }

    @Test
    void sendsFiringThenResolvedAsDocumented() throws Exception {
        webhook(null, null, null, null);
        Alert a = ManualAlertsFeed.lag("node2", Instant.parse("2026-12-07T03:00:00Z"));
        feed.raise(a, Instant.parse("2026-12-07T03:00:30Z"));
        feed.clear(a, Instant.parse("2026-12-07T03:05:00Z"));
        List<LoopbackReceiver.Received> got = Await.until(Duration.ofSeconds(10), "two webhook posts",
                receiver::received, r -> r.size() == 2);
        JsonNode firing = JSON.readTree(got.get(0).body());
        assertThat(got.get(0).method()).isEqualTo("POST");
        assertThat(got.get(0).path()).isEqualTo("/hook");
        assertThat(got.get(0).authorization()).isNull();
        assertThat(firing.path("version").asInt()).isEqualTo(1);
        assertThat(firing.path("workspace").asText()).isEqualTo("ops");
        assertThat(firing.path("status").asText()).isEqualTo("firing");
        assertThat(firing.path("type").asText()).isEqualTo("ALERT_RAISED");
        assertThat(firing.path("alert").path("rule").asText()).isEqualTo("replica-lag");
        assertThat(firing.path("alert").path("member").asText()).isEqualTo("node2");
        assertThat(firing.path("alert").path("since").asText()).isEqualTo("2026-12-07T03:00:00Z");
        JsonNode resolved = JSON.readTree(got.get(1).body());
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("at").asText()).isEqualTo("2026-12-07T03:05:00Z");
        assertThat(resolved.path("alert").path("id").asText()).isEqualTo(a.id());
        DeliveryStatus s = Await.until(Duration.ofSeconds(5), "two delivered", () -> outbound.statuses().get(0),
                st -> st.delivered() == 2);
        assertThat(s.lastOk()).isTrue();
        assertThat(s.lastResult()).isEqualTo("HTTP 200");
    }

    @Test
    void retriesA500WithGrowingWaitsUntilTheReceiverTakesIt() {
        receiver.answer(500, 500, 503);
        webhook(null, null, "ops", "bearer");
        feed.raise(ManualAlertsFeed.lag("node2", Instant.now()), Instant.now());
        List<LoopbackReceiver.Received> got = Await.until(Duration.ofSeconds(10), "four attempts",
                receiver::received, r -> r.size() == 4);
        assertThat(got).extracting(LoopbackReceiver.Received::body).containsOnly(got.get(0).body());
        assertThat(got.get(0).authorization()).isEqualTo("Bearer s3cret");
        long gap1 = (got.get(1).nanos() - got.get(0).nanos()) / 1_000_000;
        long gap2 = (got.get(2).nanos() - got.get(1).nanos()) / 1_000_000;
        long gap3 = (got.get(3).nanos() - got.get(2).nanos()) / 1_000_000;
        assertThat(gap1).isGreaterThanOrEqualTo(100);
        assertThat(gap2).isGreaterThanOrEqualTo(200);
        assertThat(gap3).isGreaterThanOrEqualTo(400);
        DeliveryStatus s = Await.until(Duration.ofSeconds(5), "delivered", () -> outbound.statuses().get(0),
                st -> st.delivered() == 1);
        assertThat(s.lastResult()).isEqualTo("HTTP 200 (attempt 4)");
        assertThat(s.failed()).isZero();
    }

    @Test
    void givesUpAfterMaxAttemptsAndAtOnceOnA4xxSayingWhatTheReceiverSaid() {
        receiver.answer(500, 500, 400);
        webhook(null, 2, null, null);
        feed.raise(ManualAlertsFeed.lag("node2", Instant.now()), Instant.now());
        feed.raise(ManualAlertsFeed.lag("node3", Instant.now()), Instant.now());
        DeliveryStatus s = Await.until(Duration.ofSeconds(10), "both given up", () -> outbound.statuses().get(0),
                st -> st.failed() == 2);
        // Two attempts for the first (500, 500), one for the second (400: sending it again cannot help).
        assertThat(receiver.received()).hasSize(3);
        assertThat(s.lastResult()).isEqualTo("HTTP 400: receiver says 400");
        assertThat(s.delivered()).isZero();
        assertThat(s.lastOk()).isFalse();
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsItWithoutBlockingTheModel() {
        receiver.hold();
        webhook(3, null, null, null);
        feed.raise(ManualAlertsFeed.lag("node0", Instant.now()), Instant.now());
        Await.until(Duration.ofSeconds(5), "the first post in flight", receiver::received, r -> r.size() == 1);
        long t0 = System.nanoTime();
        for (int i = 1; i <= 200; i++) {
            feed.raise(ManualAlertsFeed.lag("node" + i, Instant.now()), Instant.now());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        DeliveryStatus held = outbound.statuses().get(0);
        assertThat(held.queued()).isEqualTo(3);
        assertThat(held.dropped()).isEqualTo(197);
        // 200 raises with the receiver holding its answer: the model thread only queues.
        assertThat(ms).isLessThan(500);
        receiver.release();
        Await.until(Duration.ofSeconds(10), "the in-flight one and the three newest delivered",
                () -> outbound.statuses().get(0), st -> st.delivered() == 4);
        List<String> members = receiver.received().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).path("alert").path("member").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(members).containsExactly("node0", "node198", "node199", "node200");
    }

    @Test
    void aMissingSecretIsAFailedDeliveryNamingThePgpassLine() {
        Workspace w = Workspace.builder("ops").outbound(new OutboundConfig(null, new OutboundConfig.Target(
                receiver.url("/hook"), "nobody", null, null, null, null, 1))).build();
        outbound = OutboundAlerts.start(w, feed, (h, p, d, u) -> Optional.empty(), workers, scheduler,
                Clock.systemUTC(), FAST);
        feed.raise(ManualAlertsFeed.lag("node2", Instant.now()), Instant.now());
        DeliveryStatus s = Await.until(Duration.ofSeconds(5), "given up", () -> outbound.statuses().get(0),
                st -> st.failed() == 1);
        assertThat(s.lastResult()).startsWith("no secret for nobody@127.0.0.1:")
                .contains(":webhook:nobody:<secret>", "pilothouse credentials set");
        assertThat(receiver.received()).isEmpty();
    }
}
