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
 * Talks to Patroni's REST API without blocking a thread per request: every call is asynchronous with its own
 * timeout, so a stalled member never holds up the others. Reads ({@link #get}) expect 200; commands
 * ({@link #send}) return whatever status Patroni answered so the caller can explain it. TLS certificates are verified
 * by the JDK's default trust store; basic auth is sent only when a {@link PatroniAuth} is given, and never logged.
 */
public final class PatroniRestClient {

    private final HttpClient http;
    private final Duration requestTimeout;

    public PatroniRestClient(Executor executor, Duration connectTimeout, Duration requestTimeout) {
        this(executor, connectTimeout, requestTimeout, null);
    }

    /**
     * @param tls the CA(s) to trust and client certificate(s) to present over https (see {@link PatroniTls}), or null
     *            for the JDK's defaults
     */
    public PatroniRestClient(Executor executor, Duration connectTimeout, Duration requestTimeout,
                             javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if (tls != null) {
            builder.sslContext(tls).sslParameters(PatroniTls.parameters());
        }
        this.http = builder.build();
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

    /**
     * Sends a command ({@code POST}, {@code PATCH}, {@code DELETE}) to {@code path} below {@code baseUrl}. Completes
     * with Patroni's answer whatever its status; exceptionally with a {@link PatroniUnavailableException} only when
     * there was no answer (refused, timed out, TLS failed).
     *
     * @param jsonBody request body (JSON), or null for none
     * @param auth     basic-auth credentials for Patroni's {@code restapi.authentication}, or null
     * @param timeout  how long to wait for the answer; Patroni holds a {@code POST /switchover} open until the new
     *                 leader is up, so commands need longer than reads
     */
    public CompletableFuture<PatroniAnswer> send(String method, String baseUrl, String path, String jsonBody,
                                                 PatroniAuth auth, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(PatroniUrls.base(baseUrl) + path);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new PatroniUnavailableException("'" + baseUrl + "' is not a valid Patroni REST URL", e));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (auth != null) {
            request.header("Authorization", auth.basicHeader());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new PatroniUnavailableException(method + " " + uri + ": " + describe(uri, error, timeout),
                                unwrap(error));
                    }
                    return new PatroniAnswer(method, uri.toString(), response.statusCode(),
                            response.body() == null ? "" : response.body().strip());
                });
    }

    private String describe(URI uri, Throwable error) {
        return describe(uri, error, requestTimeout);
    }

    private static String describe(URI uri, Throwable error, Duration requestTimeout) {
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
        java.util.Optional<io.pilothouse.services.platform.TlsFailures.Kind> tls =
                io.pilothouse.services.platform.TlsFailures.kind(t);
        if (tls.isPresent() && (t instanceof javax.net.ssl.SSLException || t instanceof IOException)) {
            return io.pilothouse.services.platform.TlsFailures.sentence(tls.get(), "Patroni at " + uri.getAuthority(),
                    "patroniTls.cacert", "patroniTls.cert/key", "Patroni's restapi.certfile");
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
