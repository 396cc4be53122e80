package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the roles and users of a {@code --tls} sandbox's etcd and enables auth, through etcd's JSON gateway over
 * https with the client certificate: passwords travel in request bodies, never in a command line.
 */
final class EtcdAuthSetup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ = 0;
    private static final int READWRITE = 2;

    private EtcdAuthSetup() {
    }

    static void enable(String etcdUrl, SSLContext tls, String namespace, EtcdUsers users) {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        post(http, etcdUrl, "role/add", Map.of("name", "root"));
        post(http, etcdUrl, "role/add", Map.of("name", EtcdUsers.MONITOR_ROLE));
        grant(http, etcdUrl, EtcdUsers.MONITOR_ROLE, namespace, READ);
        post(http, etcdUrl, "role/add", Map.of("name", EtcdUsers.LOCKS_ROLE));
        grant(http, etcdUrl, EtcdUsers.LOCKS_ROLE, EtcdUsers.LOCK_PREFIX, READWRITE);
        post(http, etcdUrl, "role/add", Map.of("name", EtcdUsers.PATRONI_ROLE));
        grant(http, etcdUrl, EtcdUsers.PATRONI_ROLE, namespace, READWRITE);
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put(EtcdUsers.ROOT, List.of("root"));
        roles.put(EtcdUsers.PATRONI, List.of(EtcdUsers.PATRONI_ROLE));
        roles.put(EtcdUsers.PILOTHOUSE, List.of(EtcdUsers.MONITOR_ROLE, EtcdUsers.LOCKS_ROLE));
        roles.put(EtcdUsers.MONITOR, List.of(EtcdUsers.MONITOR_ROLE));
        users.byUser().forEach((user, password) -> {
            post(http, etcdUrl, "user/add", Map.of("name", user, "password", password));
            roles.get(user).forEach(role -> post(http, etcdUrl, "user/grant", Map.of("user", user, "role", role)));
        });
        post(http, etcdUrl, "enable", Map.of());
    }

    private static void grant(HttpClient http, String etcdUrl, String role, String prefix, int type) {
        Map<String, Object> perm = new LinkedHashMap<>();
        perm.put("permType", type);
        perm.put("key", base64(prefix));
        perm.put("range_end", base64(rangeEnd(prefix)));
        post(http, etcdUrl, "role/grant", Map.of("name", role, "perm", perm));
    }

    /** The end of the key range holding every key under {@code prefix}: its last byte plus one. */
    static String rangeEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void post(HttpClient http, String etcdUrl, String path, Map<String, ?> body) {
        String what = "etcd auth " + path;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(etcdUrl + "/v3/auth/" + path))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // The answer never holds the password; the request is not echoed.
                throw new SandboxException(what + " answered HTTP " + response.statusCode() + ": "
                        + response.body().strip());
            }
        } catch (IOException e) {
            throw new SandboxException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted during " + what, e);
        }
    }
}
