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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Waits for sandbox processes to be ready, over HTTP: etcd's {@code /health}, Patroni's
 * {@code /cluster} and {@code /patroni}, HAProxy's stats CSV. Every wait also watches the launched
 * processes, so a crash ends it early with the crashed process's log.
 */
final class ReadinessProbe {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LEADER_ROLES = Set.of("leader", "master", "primary");
    private static final Set<String> REPLICA_ROLES = Set.of("replica", "sync_standby", "quorum_standby");
    /** Patroni 3.0 says running; later versions may say streaming for a replica that streams. */
    private static final Set<String> RUNNING_STATES = Set.of("running", "streaming");

    private final HttpClient http = client(null);

    /** The https clients of {@code --tls} sandboxes by the authority (host:port) they serve. */
    private final Map<String, HttpClient> tlsByAuthority = new java.util.concurrent.ConcurrentHashMap<>();

    private static HttpClient client(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                // Patroni's REST server is Python's http.server: no HTTP/2 to negotiate.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(tls == null ? 1 : 5));
        if (tls != null) {
            // TLS 1.2: the JDK's client hangs after a TLS 1.3 handshake with Patroni's REST server when it asks for a
            // client certificate (see PatroniTls.parameters in services).
            javax.net.ssl.SSLParameters p = new javax.net.ssl.SSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            builder.sslContext(tls).sslParameters(p);
        }
        return builder.build();
    }

    /**
     * Talks to the https endpoints of a {@code --tls} sandbox with its CA and client certificate from now on; a
     * no-op for a sandbox without TLS.
     */
    void trust(SandboxInfo info) {
        if (!info.etcdUrl().startsWith("https://")) {
            return;
        }
        HttpClient tls = client(SandboxTls.clientContext(info.dir().resolve("tls")));
        tlsByAuthority.put(URI.create(info.etcdUrl()).getAuthority(), tls);
        info.members().forEach(m -> tlsByAuthority.put(URI.create(m.restUrl()).getAuthority(), tls));
        info.shards().forEach(s -> s.members().forEach(m -> tlsByAuthority.put(URI.create(m.restUrl()).getAuthority(),
                tls)));
    }

    /**
     * The state of a starting cluster as seen through Patroni.
     *
     * @param leader    the leader's name, or {@code null} while there is none
     * @param streaming replicas the leader lists as streaming
     * @param waiting   members not ready yet, with their Patroni state
     */
    record ClusterReadiness(String leader, Set<String> streaming, Map<String, String> waiting) {

        boolean ready() {
            return leader != null && waiting.isEmpty();
        }

        String summary(int members) {
            if (leader == null) {
                return "Waiting for a leader" + describe(waiting);
            }
            return "Leader " + leader + "; " + streaming.size() + " of " + (members - 1) + " replicas streaming"
                    + (streaming.isEmpty() ? "" : " (" + String.join(", ", streaming) + ")") + describe(waiting);
        }

        private static String describe(Map<String, String> waiting) {
            if (waiting.isEmpty()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            waiting.forEach((name, state) -> parts.add(name + ": " + state));
            return "; waiting for " + String.join(", ", parts);
        }
    }

    void awaitEtcd(String etcdUrl, Deadline deadline, LaunchedProcesses watched) {
        while (true) {
            watched.check();
            Optional<JsonNode> health = getJson(etcdUrl + "/health");
            if (health.map(h -> "true".equals(h.path("health").asText())).orElse(false)) {
                return;
            }
            if (deadline.passed()) {
                throw new SandboxException("etcd at " + etcdUrl + " did not report healthy within "
                        + deadline.budget().toSeconds() + " s" + watched.logsOf("etcd"));
            }
            ProcessTable.sleep(POLL);
        }
    }

    /**
     * Waits for one leader and every other member streaming from it (or, tagged {@code replicatefrom}, from its
     * upstream), as listed both by {@code /cluster} and by the sender's own {@code /patroni} {@code replication[]}.
     *
     * @param restUrls member name to Patroni REST base URL
     */
    ClusterReadiness awaitCluster(Map<String, String> restUrls, Deadline deadline, LaunchedProcesses watched,
                                  Consumer<String> progress) {
        String lastSummary = null;
        while (true) {
            watched.check();
            ClusterReadiness readiness = poll(restUrls);
            String summary = readiness.summary(restUrls.size());
            if (!summary.equals(lastSummary)) {
                progress.accept(summary);
                lastSummary = summary;
            }
            if (readiness.ready()) {
                return readiness;
            }
            if (deadline.passed()) {
                StringBuilder message = new StringBuilder("The cluster did not become ready within "
                        + deadline.budget().toSeconds() + " s: " + summary);
                // The first member not ready gets a long tail, the others a short one: they
                // usually fail alike, and the message must stay readable.
                List<String> suspects = new ArrayList<>(readiness.waiting().keySet());
                for (int i = 0; i < suspects.size(); i++) {
                    message.append(watched.logsOf(suspects.get(i), i == 0 ? 25 : 8));
                }
                throw new SandboxException(message.toString());
            }
            ProcessTable.sleep(POLL);
        }
    }

    /** Waits until {@code member} leads its cluster (as {@code /cluster} on its own REST API says). */
    void awaitLeader(String member, String restUrl, Deadline deadline, LaunchedProcesses watched) {
        while (!getJson(restUrl + "/cluster").map(c -> member.equals(leaderOf(c))).orElse(false)) {
            watched.check();
            if (deadline.passed()) {
                throw new SandboxException(member + " did not bootstrap the cluster and lead it within "
                        + deadline.budget().toSeconds() + " s" + watched.logsOf(member));
            }
            ProcessTable.sleep(POLL);
        }
    }

    /** Waits until Patroni's REST API at {@code restUrl} answers at all. */
    void awaitRest(String component, String restUrl, Deadline deadline, LaunchedProcesses watched) {
        while (getJson(restUrl + "/patroni").isEmpty()) {
            watched.check();
            if (deadline.passed()) {
                throw new SandboxException(component + "'s Patroni REST API at " + restUrl + " did not answer within "
                        + deadline.budget().toSeconds() + " s" + watched.logsOf(component));
            }
            ProcessTable.sleep(POLL);
        }
    }

    /** Waits until HAProxy's checks route the write port to one server and the read port to {@code replicas}. */
    void awaitHaproxy(String statsCsvUrl, int replicas, Deadline deadline, LaunchedProcesses watched) {
        while (true) {
            watched.check();
            Optional<String> csv = getText(statsCsvUrl);
            if (csv.isPresent()) {
                Map<String, Integer> up = HaproxyStats.upServers(csv.get());
                if (up.getOrDefault(HaproxyConfigWriter.WRITE_PROXY, 0) == 1
                        && up.getOrDefault(HaproxyConfigWriter.READ_PROXY, 0) == replicas) {
                    return;
                }
            }
            if (deadline.passed()) {
                throw new SandboxException("HAProxy did not route to the primary and " + replicas
                        + " replicas within " + deadline.budget().toSeconds() + " s" + watched.logsOf("haproxy"));
            }
            ProcessTable.sleep(POLL);
        }
    }

    private ClusterReadiness poll(Map<String, String> restUrls) {
        Optional<JsonNode> cluster = Optional.empty();
        for (String url : restUrls.values()) {
            cluster = getJson(url + "/cluster");
            if (cluster.isPresent()) {
                break;
            }
        }
        if (cluster.isEmpty()) {
            Map<String, String> waiting = new LinkedHashMap<>();
            restUrls.keySet().forEach(name -> waiting.put(name, "REST API not up yet"));
            return new ClusterReadiness(null, Set.of(), waiting);
        }
        String leader = leaderOf(cluster.get());
        Map<String, JsonNode> statuses = new LinkedHashMap<>();
        if (leader != null) {
            restUrls.forEach((name, url) -> getJson(url + "/patroni").ifPresent(status -> statuses.put(name, status)));
        }
        return assess(cluster.get(), statuses, restUrls.keySet());
    }

    /**
     * Pure assessment of a {@code /cluster} answer and the members' own {@code GET /patroni}
     * answers. A replica is ready when the leader lists it as streaming <em>and</em> its own Patroni
     * says it runs: Patroni 3.0 reports a replica as running (in {@code /cluster}) before its
     * walreceiver connects, and as starting (in {@code /patroni}, so {@code GET /replica} answers
     * 503) for a loop after it already streams.
     *
     * @param statuses member name to its {@code GET /patroni} answer; members that did not answer are absent
     */
    static ClusterReadiness assess(JsonNode cluster, Map<String, JsonNode> statuses, Set<String> members) {
        String leader = leaderOf(cluster);
        // A cascading replica (replicatefrom) streams from another replica: whoever lists it as streaming counts.
        Set<String> streamedTo = new TreeSet<>();
        if (leader != null && statuses.containsKey(leader)) {
            for (JsonNode status : statuses.values()) {
                for (JsonNode connection : status.path("replication")) {
                    if ("streaming".equals(connection.path("state").asText())) {
                        streamedTo.add(connection.path("application_name").asText());
                    }
                }
            }
        }
        Map<String, String> registered = new LinkedHashMap<>();
        for (JsonNode member : cluster.path("members")) {
            registered.put(member.path("name").asText(),
                    member.path("role").asText("?") + " " + member.path("state").asText("?"));
        }
        Set<String> ready = new TreeSet<>();
        Map<String, String> waiting = new LinkedHashMap<>();
        for (String name : new TreeSet<>(members)) {
            if (name.equals(leader)) {
                continue;
            }
            JsonNode own = statuses.get(name);
            boolean runs = own != null && REPLICA_ROLES.contains(own.path("role").asText())
                    && RUNNING_STATES.contains(own.path("state").asText());
            if (runs && streamedTo.contains(name)) {
                ready.add(name);
            } else if (!registered.containsKey(name)) {
                waiting.put(name, "not registered yet");
            } else if (leader == null) {
                waiting.put(name, registered.get(name));
            } else if (own == null) {
                waiting.put(name, registered.get(name) + ", REST API not answering");
            } else {
                String state = own.path("role").asText("?") + " " + own.path("state").asText("?");
                waiting.put(name, state + (streamedTo.contains(name) ? ", streaming" : ", not streaming yet"));
            }
        }
        return new ClusterReadiness(leader, ready, waiting);
    }

    private static String leaderOf(JsonNode cluster) {
        for (JsonNode member : cluster.path("members")) {
            if (LEADER_ROLES.contains(member.path("role").asText())
                    && "running".equals(member.path("state").asText())) {
                return member.path("name").asText();
            }
        }
        return null;
    }

    Optional<JsonNode> getJson(String url) {
        return getText(url).flatMap(body -> {
            try {
                return Optional.of(JSON.readTree(body));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The body of a 200 answer; empty on any other status or error (the thing is not up yet). */
    Optional<String> getText(String url) {
        URI uri = URI.create(url);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        HttpClient http = "https".equals(uri.getScheme())
                ? tlsByAuthority.getOrDefault(uri.getAuthority(), this.http) : this.http;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for " + url, e);
        }
    }
}
