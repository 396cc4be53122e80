package io.pilothouse.services.sandbox.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The few etcd v3 calls the simulator needs, through etcd's JSON gateway (the way Patroni's etcd3 client talks):
 * puts and deletes in one transaction, lease grant and keep-alive. Plain http only: the simulator refuses TLS sandboxes.
 */
final class EtcdGateway {

    /** etcd refuses transactions of more operations than this ({@code --max-txn-ops}, 128 by default). */
    static final int MAX_TXN_OPS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write: a put ({@code value} set, {@code lease} 0 for none) or a delete ({@code value} null). */
    record Write(String key, String value, long lease) {
        static Write put(String key, String value) {
            return new Write(key, value, 0);
        }

        static Write delete(String key) {
            return new Write(key, null, 0);
        }
    }

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    EtcdGateway(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Applies {@code writes} atomically, in transactions of at most {@link #MAX_TXN_OPS}. */
    void apply(List<Write> writes) {
        for (int from = 0; from < writes.size(); from += MAX_TXN_OPS) {
            ObjectNode txn = JSON.createObjectNode();
            ArrayNode success = txn.putArray("success");
            for (Write w : writes.subList(from, Math.min(writes.size(), from + MAX_TXN_OPS))) {
                ObjectNode op = success.addObject();
                if (w.value() == null) {
                    op.putObject("requestDeleteRange").put("key", b64(w.key()));
                } else {
                    ObjectNode put = op.putObject("requestPut").put("key", b64(w.key())).put("value", b64(w.value()));
                    if (w.lease() != 0) {
                        put.put("lease", Long.toString(w.lease()));
                    }
                }
            }
            post("kv/txn", txn);
        }
    }

    /** Deletes every key under {@code prefix}. */
    void deletePrefix(String prefix) {
        ObjectNode body = JSON.createObjectNode().put("key", b64(prefix)).put("range_end", b64(rangeEnd(prefix)));
        post("kv/deleterange", body);
    }

    /** Grants a lease of {@code ttlSeconds}; returns its id. */
    long grantLease(long ttlSeconds) {
        JsonNode r = post("lease/grant", JSON.createObjectNode().put("TTL", Long.toString(ttlSeconds)));
        return Long.parseLong(r.path("ID").asText("0"));
    }

    /** Renews lease {@code id} once. */
    void keepAlive(long id) {
        post("lease/keepalive", JSON.createObjectNode().put("ID", Long.toString(id)));
    }

    /** Revokes lease {@code id}: the keys attached to it vanish, as when a Patroni leader dies and its TTL runs out. */
    void revoke(long id) {
        post("lease/revoke", JSON.createObjectNode().put("ID", Long.toString(id)));
    }

    private JsonNode post(String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v3/" + path))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("etcd at " + url + " answered " + response.statusCode() + " to "
                        + path + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("etcd at " + url + " failed on " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to etcd", e);
        }
    }

    /** The end of the key range that holds every key starting with {@code prefix}. */
    static String rangeEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
