package io.pilothouse.services.alerts.outbound;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * POSTs JSON to one URL with the JDK's HTTP client: TLS verified (host name included) by the JDK, with the given CA
 * or the JDK's trust store; an {@code Authorization} header when one is supplied. Never throws: every failure is a
 * {@link DeliveryResult} in words.
 */
public final class HttpSender implements DeliveryQueue.Sender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI uri;
    private final Supplier<Optional<String>> authorization;

    /**
     * @param tls           the context for https (null for the JDK's defaults)
     * @param authorization the {@code Authorization} header's value, looked up at each send (never logged)
     */
    public HttpSender(URI uri, SSLContext tls, Supplier<Optional<String>> authorization) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
        this.uri = uri;
        this.authorization = authorization;
    }

    @Override
    public DeliveryResult send(String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            authorization.get().ifPresent(a -> request.header("Authorization", a));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new DeliveryResult(status, "HTTP " + status + (ok || text.isEmpty() ? ""
                    : ": " + (text.length() > 160 ? text.substring(0, 160) + "…" : text)));
        } catch (HttpTimeoutException e) {
            return new DeliveryResult(0, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return new DeliveryResult(0, "connection refused (nothing listens at " + uri.getHost() + ":"
                    + port() + ")");
        } catch (SSLException e) {
            return new DeliveryResult(0, "TLS failed: " + e.getMessage());
        } catch (IOException e) {
            return new DeliveryResult(0, "I/O error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult(0, "interrupted");
        } catch (RuntimeException e) {
            // A secret lookup that failed (no keyring, no pgpass line) is a failed delivery, in words.
            return new DeliveryResult(0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private int port() {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
