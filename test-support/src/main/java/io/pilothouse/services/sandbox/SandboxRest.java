package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads a sandbox's Patroni REST API in tests, and waits for conditions on it. */
public final class SandboxRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private SandboxRest() {}

    /** {@code GET path} on {@code baseUrl} as JSON, if it answers 200. */
    public static Optional<JsonNode> get(String baseUrl, String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /cluster} from the first member that answers. */
    public static Optional<JsonNode> cluster(SandboxInfo info) {
        for (String url : info.restUrls()) {
            Optional<JsonNode> cluster = get(url, "/cluster");
            if (cluster.isPresent()) {
                return cluster;
            }
        }
        return Optional.empty();
    }

    /** The running leader's name according to {@code /cluster}. */
    public static Optional<String> leader(SandboxInfo info) {
        return cluster(info).flatMap(SandboxRest::leaderOf);
    }

    /** Names of the members with the given role ({@code replica}, {@code leader}, …). */
    public static List<String> membersWithRole(JsonNode cluster, String role) {
        List<String> names = new ArrayList<>();
        cluster.path("members").forEach(m -> {
            if (m.path("role").asText().equals(role)) {
                names.add(m.path("name").asText());
            }
        });
        return names;
    }

    /** Application names of the connections the leader lists as streaming in {@code GET /patroni}. */
    public static List<String> streamingFromLeader(SandboxInfo info) {
        List<String> names = new ArrayList<>();
        leader(info).flatMap(l -> get(info.requireMember(l).restUrl(), "/patroni")).ifPresent(status ->
                status.path("replication").forEach(r -> {
                    if (r.path("state").asText().equals("streaming")) {
                        names.add(r.path("application_name").asText());
                    }
                }));
        return names;
    }

    /** Polls {@code /cluster} until {@code condition} holds; fails with the last answer otherwise. */
    public static JsonNode awaitCluster(SandboxInfo info, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> cluster = cluster(info);
            if (cluster.isPresent()) {
                last = cluster.get();
                if (condition.test(last)) {
                    return last;
                }
            }
            pause();
        }
        throw new AssertionError("cluster condition not met within " + timeout + "; last /cluster: " + last);
    }

    /** Whether {@code cluster} has a running leader and {@code replicas} replicas the leader streams to. */
    public static boolean healthy(SandboxInfo info, int replicas) {
        return leader(info).isPresent() && streamingFromLeader(info).size() == replicas;
    }

    static Optional<String> leaderOf(JsonNode cluster) {
        for (JsonNode m : cluster.path("members")) {
            if (m.path("role").asText().equals("leader") && m.path("state").asText().equals("running")) {
                return Optional.of(m.path("name").asText());
            }
        }
        return Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
