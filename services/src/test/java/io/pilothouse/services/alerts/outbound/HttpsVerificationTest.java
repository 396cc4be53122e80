package io.pilothouse.services.alerts.outbound;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS is verified by default: an https receiver whose certificate the JDK does not trust gets nothing (the failure in
 * words), and the same receiver is reached once its CA is named in {@code cacert}. The certificate is made by the
 * JDK's keytool for 127.0.0.1.
 */
class HttpsVerificationTest {

    @TempDir
    static Path dir;

    private HttpsServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ManualAlertsFeed feed = new ManualAlertsFeed();

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        if (!keystore.toFile().exists()) {
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit");
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass",
                    "changeit", "-file", dir.resolve("ca.crt").toString());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posts.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private DeliveryStatus deliverOnce(String cacert) {
        String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        Workspace w = Workspace.builder("ops").outbound(new OutboundConfig(null, new OutboundConfig.Target(url, null,
                null, cacert, null, null, 1))).build();
        try (OutboundAlerts outbound = OutboundAlerts.start(w, feed, (h, p, d, u) -> Optional.empty(), workers,
                scheduler, Clock.systemUTC(), Backoff.DEFAULTS)) {
            feed.raise(ManualAlertsFeed.lag("node2", Instant.now()), Instant.now());
            return Await.until(Duration.ofSeconds(10), "one attempt", () -> outbound.statuses().get(0),
                    s -> s.delivered() + s.failed() == 1);
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedAndNothingIsSent() {
        DeliveryStatus s = deliverOnce(null);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.lastResult()).startsWith("TLS failed:");
        assertThat(posts.get()).isZero();
    }

    @Test
    void theCaNamedInCacertIsTrusted() {
        DeliveryStatus s = deliverOnce(dir.resolve("ca.crt").toString());
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.lastResult()).isEqualTo("HTTP 200");
        assertThat(posts.get()).isEqualTo(1);
    }
}
