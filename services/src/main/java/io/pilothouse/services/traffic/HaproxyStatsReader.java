package io.pilothouse.services.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;

/** Reads HAProxy's stats CSV over HTTP. */
final class HaproxyStatsReader {

    private final HttpClient http;
    private final TrafficSettings settings;
    private final Clock clock;

    HaproxyStatsReader(TrafficSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HAProxy's stats page speaks HTTP/1.1; no h2c upgrade dance with it or a proxy in front.
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    HaproxyStatus read(String url, MemberIndex members) {
        long t0 = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.readTimeout()).GET()
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TrafficReadException("the stats URL answered HTTP " + response.statusCode()
                        + "; check the URL (HAProxy's stats uri with ;csv) and its access rules");
            }
            List<HaproxyProxy> proxies = HaproxyProxies.from(HaproxyCsv.rows(response.body()), members);
            return new HaproxyStatus(url, ComponentStatus.reachable(clock.instant(), ms(t0)), proxies);
        } catch (TrafficReadException e) {
            return failed(url, "HAProxy stats at " + url + ": " + e.getMessage(), t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(url, "HAProxy stats at " + url + ": read interrupted", t0);
        } catch (IOException | RuntimeException e) {
            return failed(url, TrafficErrors.describe(e, "HAProxy stats", url, null), t0);
        }
    }

    private HaproxyStatus failed(String url, String error, long t0) {
        return new HaproxyStatus(url, ComponentStatus.unreachable(error, clock.instant(), ms(t0)), List.of());
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
