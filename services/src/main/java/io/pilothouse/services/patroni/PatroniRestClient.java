package io.pilothouse.services.patroni;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads Patroni's REST API without blocking a thread per request: every call is asynchronous with its own timeout,
 * so a stalled member never holds up the others. TLS certificates are verified by the JDK's default trust store.
 */
public final class PatroniRestClient {

    private final HttpClient http;
    private final Duration requestTimeout;

    public PatroniRestClient(Executor executor, Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** {@code GET /cluster} from the member at {@code baseUrl}. */
    public CompletableFuture<PatroniCluster> cluster(String baseUrl) {
        return get(baseUrl, "/cluster").thenApply(PatroniJson::parseCluster);
    }

    /** {@code GET /patroni} from the member at {@code baseUrl}. */
    public CompletableFuture<PatroniNodeStatus> node(String baseUrl) {
        return get(baseUrl, "/patroni").thenApply(PatroniJson::parseNode);
    }

    /**
     * GET {@code path} below {@code baseUrl}; completes with the body of a 200 answer, or exceptionally with a
     * {@link PatroniUnavailableException} that says what went wrong in words.
     */
    public CompletableFuture<String> get(String baseUrl, String path) {
        URI uri;
        try {
            uri = URI.create(PatroniUrls.base(baseUrl) + path);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new PatroniUnavailableException("'" + baseUrl + "' is not a valid Patroni REST URL", e));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new PatroniUnavailableException(describe(uri, error), unwrap(error));
                    }
                    if (response.statusCode() != 200) {
                        String body = response.body() == null ? "" : response.body().strip();
                        throw new PatroniUnavailableException("GET " + uri + " answered HTTP " + response.statusCode()
                                + (body.isEmpty() ? "" : ": " + abbreviate(body)), null);
                    }
                    return response.body();
                });
    }

    private String describe(URI uri, Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof HttpConnectTimeoutException) {
            return "Patroni at " + uri.getAuthority() + " did not accept a connection in time; is the host reachable?";
        }
        if (t instanceof HttpTimeoutException) {
            return "Patroni at " + uri.getAuthority() + " did not answer within " + requestTimeout.toMillis()
                    + " ms; the member may be stalled or overloaded";
        }
        if (t instanceof ConnectException) {
            return "Patroni at " + uri.getAuthority() + " refused the connection; is Patroni running on that port?";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS with Patroni at " + uri.getAuthority() + " failed: " + t.getMessage()
                    + "; check the certificate and the CA configured for this source";
        }
        if (t instanceof IOException) {
            return "Patroni at " + uri.getAuthority() + " failed: " + t.getMessage();
        }
        return "Patroni at " + uri.getAuthority() + " failed: " + t;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
