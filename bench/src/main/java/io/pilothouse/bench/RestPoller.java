package io.pilothouse.bench;

import io.pilothouse.services.patroni.PatroniJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The baseline: what a console polling Patroni's {@code /cluster} once a second sees, and when. */
final class RestPoller {

    private final HttpClient http;
    private final List<String> urls;
    private final String expectedLeader;
    private final Map<String, Long> seenAt;
    private final String key;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    RestPoller(HttpClient http, List<String> urls, String expectedLeader, Map<String, Long> seenAt, String key) {
        this.http = http;
        this.urls = urls;
        this.expectedLeader = expectedLeader;
        this.seenAt = seenAt;
        this.key = key;
    }

    void start() {
        timer.scheduleAtFixedRate(this::poll, 0, 1, TimeUnit.SECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    private void poll() {
        for (String url : urls) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(url + "/cluster"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body();
                PatroniJson.parseCluster(body).leader().ifPresent(l -> {
                    if (l.name().equals(expectedLeader)) {
                        seenAt.putIfAbsent(key, System.nanoTime());
                    }
                });
                return;
            } catch (Exception e) {
                // next member, like a polling console would
            }
        }
    }
}
