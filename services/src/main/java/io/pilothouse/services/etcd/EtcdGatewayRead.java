package io.pilothouse.services.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.platform.PemTls;
import io.pilothouse.services.platform.TlsFailures;
import io.pilothouse.services.workspace.EtcdConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads every Patroni cluster under one etcd namespace once, through etcd's JSON gateway ({@code POST /v3/kv/range},
 * {@code /v3/lease/timetolive}) over the JDK's HTTP client: what a one-shot command ({@code snapshot}) needs, without
 * loading gRPC, Netty and jetcd, which only the long-lived watch ({@link EtcdNamespaceWatcher}) needs. The same
 * workspace settings as the watch: https verified against {@code etcd.cacert} (else the JDK's trust store) with the
 * client certificate, host names checked, and the etcd user's token from {@code /v3/auth/authenticate}.
 * Reports through the watcher's {@link EtcdNamespaceWatcher.Listener}, in the same order (clusters, leases, status);
 * tried again each tick until etcd gives a definite answer, then done.
 */
public final class EtcdGatewayRead implements EtcdNamespaceSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final EtcdConfig config;
    private final EtcdClients.EtcdPassword passwords;
    private final ScheduledExecutorService scheduler;
    private final Duration tickInterval;
    private final Duration timeout;
    private final EtcdNamespaceWatcher.Listener listener;
    private volatile HttpClient http;
    private volatile boolean answered;
    private volatile boolean done;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> tick;

    /**
     * Whether {@code etcd} can be read through the gateway: not with a client certificate, since etcd refuses gateway
     * requests whose certificate has a CommonName ("CommonName of client sending a request against gateway will be
     * ignored and not used as expected", HTTP 400, etcd 3.4); such a source is read over gRPC even once.
     */
    public static boolean suits(EtcdConfig etcd) {
        return etcd.cert() == null;
    }

    public EtcdGatewayRead(EtcdConfig etcd, EtcdClients.EtcdPassword passwords, ScheduledExecutorService scheduler,
                           Duration tickInterval, Duration timeout, EtcdNamespaceWatcher.Listener listener) {
        this.config = etcd;
        this.passwords = passwords;
        this.scheduler = scheduler;
        this.tickInterval = tickInterval;
        this.timeout = timeout;
        this.listener = listener;
    }

    @Override
    public void start() {
        tick = scheduler.scheduleWithFixedDelay(this::tick, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public String describe() {
        return String.join(",", config.endpoints()) + " " + config.namespace();
    }

    private void tick() {
        if (closed || done) {
            return;
        }
        try {
            readOnce();
            done = true;
            // Said before answered() turns true: whoever waits on it finds the status already given.
            listener.status(new SourceStatus(SourceKind.ETCD, Freshness.LIVE, Instant.now(), null));
            answered = true;
            ScheduledFuture<?> t = tick;
            if (t != null) {
                t.cancel(false);
            }
        } catch (Definite e) {
            listener.status(new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, null, e.getMessage()));
            answered = true;
        } catch (IOException | RuntimeException e) {
            listener.status(new SourceStatus(SourceKind.ETCD, Freshness.UNREACHABLE, null, reason(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first endpoint that answers is read; a definite refusal from every endpoint is a definite answer. */
    private void readOnce() throws IOException, InterruptedException {
        HttpClient client = client();
        IOException last = null;
        for (String endpoint : config.endpoints()) {
            try {
                read(client, URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/"));
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last == null ? new IOException("no etcd endpoint") : last;
    }

    private void read(HttpClient client, URI base) throws IOException, InterruptedException {
        String token = config.user() == null ? null : authenticate(client, base);
        String namespace = config.namespace();
        ObjectNode range = JSON.createObjectNode()
                .put("key", b64(namespace.getBytes(StandardCharsets.UTF_8)))
                .put("range_end", b64(prefixEnd(namespace.getBytes(StandardCharsets.UTF_8))));
        JsonNode all = post(client, base, "v3/kv/range", range, token);
        Map<String, Map<String, DcsValue>> clusters = new LinkedHashMap<>();
        for (JsonNode kv : all.path("kvs")) {
            DcsKey key = DcsKey.parse(namespace, text(kv.path("key").asText()));
            if (key != null) {
                clusters.computeIfAbsent(key.cluster(), c -> new TreeMap<>()).put(
                        key.member() == null ? key.name() : "members/" + key.member(),
                        new DcsValue(text(kv.path("value").asText()), kv.path("lease").asLong(0),
                                kv.path("mod_revision").asLong(0)));
            }
        }
        clusters.forEach((cluster, keys) -> listener.clusterChanged(DcsViewParser.parse(cluster, keys)));
        for (Map.Entry<String, Map<String, DcsValue>> e : clusters.entrySet()) {
            DcsValue leader = e.getValue().get("leader");
            if (leader == null || leader.lease() == 0L) {
                listener.leaderLease(e.getKey(), null);
                continue;
            }
            JsonNode ttl = post(client, base, "v3/lease/timetolive",
                    JSON.createObjectNode().put("ID", String.valueOf(leader.lease())), token);
            long seconds = ttl.path("TTL").asLong(-1);
            listener.leaderLease(e.getKey(), seconds < 0 ? 0L : seconds);
        }
    }

    /** The etcd user's token; its password from the chain (pgpass line {@code host:port:etcd:user:…}, keyring). */
    private String authenticate(HttpClient client, URI base) throws IOException, InterruptedException {
        int port = base.getPort() > 0 ? base.getPort() : 2379;
        char[] password = passwords.find(base.getHost(), port, config.user()).orElseThrow(() -> new Definite(
                "no password for etcd user " + config.user() + " at " + base.getHost() + ":" + port + "; add a pgpass "
                        + "line " + base.getHost() + ":" + port + ":" + EtcdConfig.PASSWORD_DATABASE + ":"
                        + config.user() + ":PASSWORD (file mode 0600) or a keyring entry"));
        ObjectNode login = JSON.createObjectNode().put("name", config.user()).put("password", new String(password));
        Arrays.fill(password, (char) 0);
        return post(client, base, "v3/auth/authenticate", login, null).path("token").asText();
    }

    private JsonNode post(HttpClient client, URI base, String path, ObjectNode body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", token);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLException e) {
            throw tlsOrRethrow(base, e);
        } catch (IOException e) {
            if (TlsFailures.kind(e).isPresent()) {
                throw tlsOrRethrow(base, e);
            }
            if (refused(e)) {
                throw new Definite("etcd at " + hostPort(base) + " refused the connection; check that etcd is "
                        + "running and the endpoint in the workspace");
            }
            throw e;
        }
        if (response.statusCode() / 100 == 4) {
            // Unauthenticated, permission denied, a bad request: asking again will not change it.
            throw new Definite("etcd at " + hostPort(base) + " refused " + path + " (HTTP " + response.statusCode()
                    + "): " + message(response.body()));
        }
        if (response.statusCode() != 200) {
            throw new IOException("etcd at " + hostPort(base) + " answered HTTP " + response.statusCode() + " to "
                    + path + ": " + message(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** etcd's error in words: the gateway's JSON {@code message}, else the first line of a plain-text answer. */
    private static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("message").asText(error.path("error").asText(body.strip()));
        } catch (IOException notJson) {
            return body.lines().findFirst().orElse("").strip();
        }
    }

    private static IOException tlsOrRethrow(URI base, IOException e) {
        return TlsFailures.kind(e).<IOException>map(kind -> new Definite(TlsFailures.sentence(kind,
                "etcd at " + hostPort(base), "etcd.cacert", "etcd.cert/key", "etcd's --cert-file"))).orElse(e);
    }

    /** HTTP/1.1 (etcd's gateway shares the port with gRPC), verified https with the workspace's TLS files. */
    private HttpClient client() throws IOException {
        HttpClient built = http;
        if (built != null) {
            return built;
        }
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (config.usesTls()) {
            try {
                builder.sslContext(PemTls.context(config.cacert() == null ? List.of() : List.of(Path.of(config.cacert())),
                        false, config.cert() == null || config.key() == null ? List.of()
                                : List.of(new PemTls.Identity(Path.of(config.cert()), Path.of(config.key())))));
            } catch (PemTls.PemException e) {
                throw new Definite("cannot set up TLS for etcd at " + String.join(",", config.endpoints()) + ": "
                        + e.getMessage() + "; check etcd.cacert, etcd.cert and etcd.key (PEM; the key unencrypted "
                        + "PKCS#8)");
            }
        }
        built = builder.build();
        http = built;
        return built;
    }

    private String reason(Exception e) {
        if (e instanceof HttpTimeoutException) {
            return "etcd at " + String.join(",", config.endpoints()) + " did not answer within " + timeout.toMillis()
                    + " ms; check that etcd is running and reachable";
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.startsWith("etcd at ") ? msg : "etcd at " + String.join(",", config.endpoints()) + " failed: " + msg;
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException && !(t instanceof java.net.http.HttpConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 2379);
    }

    /** The end of the range of keys starting with {@code prefix}: its last byte plus one (etcd's prefix read). */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return new byte[] {0};
    }

    private static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    private static String text(String base64) {
        return new String(B64_DECODE.decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = tick;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** A failure asking again will not fix (refused connection, certificate, login): etcd has answered. */
    private static final class Definite extends IOException {
        private static final long serialVersionUID = 1L;

        Definite(String message) {
            super(message);
        }
    }
}
