package io.pilothouse.services.alerts.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** What an Alertmanager receives (API v2 shape, basic auth, resend of firing alerts, resolve), on a loopback server. */
class AlertmanagerShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackReceiver receiver = new LoopbackReceiver();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private OutboundAlerts outbound;

    AlertmanagerShapeTest() throws Exception {
    }

    @AfterEach
    void stop() {
        outbound.close();
        receiver.close();
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void postsFiringWithLabelsResendsItAndResolvesWithEndsAt() throws Exception {
        ManualAlertsFeed feed = new ManualAlertsFeed();
        // The base URL with a trailing slash: /api/v2/alerts is appended once.
        Workspace w = Workspace.builder("ops").outbound(new OutboundConfig(new OutboundConfig.Target(
                receiver.url("/am/"), "ops", null, null, 1, null, null), null)).build();
        outbound = OutboundAlerts.start(w, feed, (host, port, db, user) -> db.equals("alertmanager")
                        ? Optional.of("pa:ss".toCharArray()) : Optional.empty(), workers, scheduler,
                Clock.systemUTC(), Backoff.DEFAULTS);
        Alert a = ManualAlertsFeed.lag("node2", Instant.parse("2026-12-07T03:00:00Z"));
        Instant raisedAt = Instant.now();
        feed.raise(a, raisedAt);

        List<LoopbackReceiver.Received> got = Await.until(Duration.ofSeconds(10), "the raise and one resend",
                receiver::received, r -> r.size() >= 2);
        LoopbackReceiver.Received first = got.get(0);
        assertThat(first.path()).isEqualTo("/am/api/v2/alerts");
        assertThat(first.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("ops:pa:ss".getBytes(StandardCharsets.UTF_8)));
        JsonNode entry = JSON.readTree(first.body()).get(0);
        assertThat(entry.path("labels").path("alertname").asText()).isEqualTo("replica-lag");
        assertThat(entry.path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(entry.path("labels").path("cluster").asText()).isEqualTo("demo");
        assertThat(entry.path("labels").path("member").asText()).isEqualTo("node2");
        assertThat(entry.path("labels").path("pilothouse_id").asText()).isEqualTo(a.id());
        assertThat(entry.path("annotations").path("summary").asText()).contains("20 MB behind");
        assertThat(entry.path("startsAt").asText()).isEqualTo("2026-12-07T03:00:00Z");
        // Firing: endsAt four resend periods ahead, so Alertmanager resolves it if Pilothouse stops sending.
        Instant ends = Instant.parse(entry.path("endsAt").asText());
        assertThat(ends).isAfter(raisedAt.plusSeconds(3)).isBefore(raisedAt.plusSeconds(6));
        JsonNode resent = JSON.readTree(got.get(1).body()).get(0);
        assertThat(resent.path("labels")).isEqualTo(entry.path("labels"));

        Instant clearedAt = Instant.parse("2026-12-07T03:09:00Z");
        feed.clear(a, clearedAt);
        LoopbackReceiver.Received resolve = Await.until(Duration.ofSeconds(10), "the resolve", () ->
                receiver.received().stream().filter(r -> r.body().contains("\"endsAt\":\"" + clearedAt + "\""))
                        .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(JSON.readTree(resolve.body()).get(0).path("labels").path("alertname").asText())
                .isEqualTo("replica-lag");
        assertThat(outbound.statuses().get(0).target()).isEqualTo("alertmanager");
        assertThat(outbound.statuses().get(0).failed()).isZero();
    }
}
