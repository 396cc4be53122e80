package io.pilothouse.services.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.EtcdConfig;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-shot gateway read with etcd auth: a real etcd of its own (plain http, a Patroni-shaped namespace written
 * with a leased leader key, a read-only user, auth enabled), read with the user's password, and refused with a
 * wrong one. Set up through the JSON API so no password is on a command line.
 */
@Tag("servers")
class EtcdGatewayReadAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String NAMESPACE = "/service/";

    @TempDir
    static Path data;
    private static Process etcd;
    private static String url;
    private static ScheduledExecutorService scheduler;

    @BeforeAll
    static void startEtcd() throws Exception {
        int client = freePort();
        int peer = freePort();
        url = "http://127.0.0.1:" + client;
        etcd = new ProcessBuilder("etcd", "--name", "gw", "--data-dir", data.resolve("etcd").toString(),
                "--listen-client-urls", url, "--advertise-client-urls", url,
                "--listen-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-cluster", "gw=http://127.0.0.1:" + peer)
                .redirectErrorStream(true).redirectOutput(data.resolve("etcd.log").toFile()).start();
        Await.until(Duration.ofSeconds(30), "etcd answering at " + url, () -> {
            try {
                return post("/v3/kv/range", Map.of("key", b64("x"))).has("header");
            } catch (Exception notYet) {
                return false;
            }
        }, up -> up);
        String lease = post("/v3/lease/grant", Map.of("TTL", 60)).path("ID").asText();
        post("/v3/kv/put", Map.of("key", b64(NAMESPACE + "demo/leader"), "value", b64("node1"), "lease", lease));
        post("/v3/kv/put", Map.of("key", b64(NAMESPACE + "demo/members/node1"), "value", b64("{\"conn_url\":"
                + "\"postgres://127.0.0.1:5432/postgres\",\"api_url\":\"http://127.0.0.1:8008/patroni\","
                + "\"state\":\"running\",\"role\":\"master\",\"timeline\":1}")));
        post("/v3/kv/put", Map.of("key", b64(NAMESPACE + "demo/config"), "value", b64("{\"ttl\":30}")));
        post("/v3/auth/user/add", Map.of("name", "root", "password", "root-secret"));
        post("/v3/auth/user/grant", Map.of("user", "root", "role", "root"));
        post("/v3/auth/role/add", Map.of("name", "reader"));
        post("/v3/auth/role/grant", Map.of("name", "reader", "perm", Map.of("permType", 0, "key", b64(NAMESPACE),
                "range_end", b64("/service0"))));
        post("/v3/auth/user/add", Map.of("name", "monitor", "password", "monitor-secret"));
        post("/v3/auth/user/grant", Map.of("user", "monitor", "role", "reader"));
        post("/v3/auth/enable", Map.of());
        scheduler = Executors.newScheduledThreadPool(1);
    }

    @AfterAll
    static void stopEtcd() throws Exception {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (etcd != null) {
            etcd.destroy();
            etcd.waitFor();
        }
    }

    @Test
    void readsTheNamespaceWithTheUsersToken() {
        DcsRecorder seen = read("monitor-secret");
        DcsView demo = seen.views.get("demo");
        assertThat(demo).as("cluster demo").isNotNull();
        assertThat(demo.leader()).isEqualTo("node1");
        assertThat(demo.leaderLease()).isPositive();
        assertThat(demo.members()).extracting(m -> m.name()).containsExactly("node1");
        assertThat(seen.leases.get("demo")).isBetween(1L, 60L);
        assertThat(seen.statuses).extracting(SourceStatus::freshness).containsExactly(Freshness.LIVE);
    }

    @Test
    void aWrongPasswordIsADefiniteRefusalSayingSo() {
        DcsRecorder seen = read("not-the-password");
        assertThat(seen.views).isEmpty();
        assertThat(seen.statuses).isNotEmpty().allSatisfy(s -> {
            assertThat(s.freshness()).isEqualTo(Freshness.UNREACHABLE);
            assertThat(s.lastError()).contains("etcd at 127.0.0.1:", "refused v3/auth/authenticate",
                    "authentication failed");
        });
    }

    private static DcsRecorder read(String password) {
        DcsRecorder seen = new DcsRecorder();
        EtcdConfig config = new EtcdConfig(List.of(url), NAMESPACE, null, null, null, null, "monitor");
        try (EtcdGatewayRead read = new EtcdGatewayRead(config, (host, port, user) -> Optional.of(
                password.toCharArray()), scheduler, Duration.ofSeconds(1), Duration.ofSeconds(5), seen)) {
            read.start();
            Await.until(Duration.ofSeconds(15), "an answer from etcd", read::answered, ok -> ok);
        }
        return seen;
    }

    private static JsonNode post(String path, Map<String, ?> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
