package io.pilothouse.services.history;

import io.pilothouse.services.patroni.PatroniRestClient;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Reads {@code GET /history} through the shared asynchronous REST client. */
public final class PatroniHistoryClient {

    private final PatroniRestClient rest;

    public PatroniHistoryClient(PatroniRestClient rest) {
        this.rest = rest;
    }

    /**
     * The timeline records of the member at {@code baseUrl}; completes exceptionally with a
     * {@code PatroniUnavailableException} or {@code PatroniFormatException} whose message says what went wrong.
     */
    public CompletableFuture<List<TimelineRecord>> history(String baseUrl) {
        return rest.get(baseUrl, "/history")
                .thenApply(body -> PatroniHistoryParser.parse(body, "GET " + baseUrl + "/history"));
    }
}
