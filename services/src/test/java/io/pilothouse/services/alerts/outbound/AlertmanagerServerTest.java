package io.pilothouse.services.alerts.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Alertmanager ({@code prometheus-alertmanager}, installed by scripts/ensure-packages.sh for the tests) on
 * loopback: a raised alert is there when read back through {@code GET /api/v2/alerts}, and gone once cleared.
 */
@Tag("servers")
class AlertmanagerServerTest {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Process alertmanager;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        assertThat(BINARY).as("prometheus-alertmanager (apt-get install prometheus-alertmanager)").isExecutable();
        Path config = Files.writeString(dir.resolve("alertmanager.yml"),
                "route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Await.until(Duration.ofSeconds(20), "Alertmanager ready at " + base, () -> status(base + "/-/ready"),
                s -> s == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void aRaisedAlertIsReadBackThenResolved() throws Exception {
        ManualAlertsFeed feed = new ManualAlertsFeed();
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Workspace w = Workspace.builder("ops").outbound(new OutboundConfig(new OutboundConfig.Target(base, null,
                null, null, null, null, null), null)).build();
        try (OutboundAlerts outbound = OutboundAlerts.start(w, feed, (h, p, d, u) -> Optional.empty(), workers,
                scheduler, Clock.systemUTC(), Backoff.DEFAULTS)) {
            Alert a = ManualAlertsFeed.lag("node2", Instant.now().minusSeconds(40));
            feed.raise(a, Instant.now());
            JsonNode firing = Await.until(Duration.ofSeconds(15), "the alert in Alertmanager",
                    () -> ours(a), Optional::isPresent).orElseThrow();
            assertThat(firing.path("labels").path("alertname").asText()).isEqualTo("replica-lag");
            assertThat(firing.path("labels").path("cluster").asText()).isEqualTo("demo");
            assertThat(firing.path("annotations").path("summary").asText()).contains("20 MB behind");
            assertThat(firing.path("status").path("state").asText()).isEqualTo("active");

            feed.clear(a, Instant.now());
            Await.until(Duration.ofSeconds(15), "the alert resolved (no longer listed)", () -> ours(a),
                    Optional::isEmpty);
            DeliveryStatus s = Await.until(Duration.ofSeconds(5), "both posts counted", () ->
                    outbound.statuses().get(0), st -> st.delivered() == 2);
            assertThat(s.lastResult()).isEqualTo("HTTP 200");
            assertThat(s.failed()).isZero();
        } finally {
            workers.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    private static Optional<JsonNode> ours(Alert a) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode n : JSON.readTree(r.body())) {
                if (a.id().equals(n.path("labels").path("pilothouse_id").asText())) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }
}
