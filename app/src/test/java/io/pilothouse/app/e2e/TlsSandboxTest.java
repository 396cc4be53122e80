package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Await;
import io.pilothouse.services.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app on one {@code sandbox up --tls} (two members): every connection verified (PostgreSQL verify-full, etcd
 * over https with a client certificate and an etcd user, Patroni REST over https with a client certificate),
 * snapshot, watch, switchover (dry run and real), in-doubt listing; then bad certificates — a wrong CA, a server
 * certificate for another host, an expired one — for each endpoint kind, each a one-line error naming the endpoint
 * and the workspace key or server file to fix, exit 1, no stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class TlsSandboxTest {

    @TempDir
    static Path work;

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static AuditLogProperty auditProperty;
    private static Path tls;
    private static String workspace;

    private final CommandRun cli = new CommandRun();

    @BeforeAll
    static void start() {
        own = OwnSandbox.start("pilothouse-tls-", s -> s.withMembers(2).withScope("tls").toBuilder().tls(true).build());
        sandbox = own.info();
        tls = sandbox.dir().resolve("tls");
        workspace = sandbox.workspaceFile().toString();
        auditProperty = AuditLogProperty.pointAt(work.resolve("audit.jsonl"));
    }

    @AfterAll
    static void stop() {
        Closing.inOrder(auditProperty, own);
    }

    @Test
    @Order(1)
    void certificatesAreShortLivedKeysPrivateAndTheWorkspaceHoldsNoPassword() throws Exception {
        for (String key : List.of("ca.key", "server.key", "client.key", "client.pk8")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(key)))).as(key)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.passfile())))
                .isEqualTo("rw-------");
        X509Certificate server = certificate(tls.resolve("server.crt"));
        assertThat(server.getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(2).plusHours(1)));
        assertThat(server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .contains("127.0.0.1");
        String yaml = Files.readString(sandbox.workspaceFile());
        assertThat(yaml).contains("sslmode: verify-full", "sslrootcert: " + tls.resolve("ca.crt"),
                "user: pilothouse", "patroniTls:", "https://").doesNotContainIgnoringCase("password");
        assertThat(Files.readString(sandbox.passfile())).contains(":etcd:pilothouse:", ":etcd:root:");
    }

    @Test
    @Order(2)
    void serversRefusePlainText() throws Exception {
        SandboxInfo.Member m = sandbox.members().get(0);
        Properties plain = new Properties();
        plain.setProperty("user", "postgres");
        plain.setProperty("password", password(m.pgPort(), "postgres"));
        plain.setProperty("sslmode", "disable");
        plain.setProperty("connectTimeout", "10");
        Throwable refused = null;
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + m.pgPort()
                + "/postgres", plain)) {
            // must not get here
        } catch (java.sql.SQLException e) {
            refused = e;
        }
        assertThat(refused).as("a plain-text login is refused (hostssl lines only)").isNotNull()
                .hasMessageContaining("no encryption");
    }

    @Test
    @Order(3)
    void snapshotReadsEtcdRestAndPostgresOverVerifiedTls() throws Exception {
        JsonNode cluster = snapshot();
        assertThat(cluster.path("leader").asText()).isNotEmpty();
        assertThat(cluster.path("members")).hasSize(2);
        assertThat(cluster.path("members").findValues("lagBytes")).as("SQL answered over TLS").isNotEmpty();
    }

    @Test
    @Order(4)
    void switchoverDryRunThenRealOneWithTheWatchFollowing() throws Exception {
        String leader = snapshot().path("leader").asText();
        String replica = sandbox.members().stream().map(SandboxInfo.Member::name).filter(n -> !n.equals(leader))
                .findFirst().orElseThrow();
        assertThat(cli.run("switchover", "--dry-run", "--json", "--workspace", workspace, "--cluster", "tls"))
                .as(cli.err()).isZero();
        JsonNode matrix = Json.mapper().readTree(cli.out());
        assertThat(matrix.path("candidates").get(0).path("eligible").asBoolean()).as(cli.out()).isTrue();

        try (Watch watch = new Watch()) {
            Await.until(Duration.ofSeconds(60), "the watch's first line", watch::text, t -> t.contains("\n"));
            assertThat(cli.run("switchover", "--to", replica, "--yes", "--workspace", workspace, "--cluster", "tls"))
                    .as(cli.out() + "\n" + cli.err()).isZero();
            assertThat(cli.out()).contains(": completed");
            Await.until(Duration.ofSeconds(60), "the watch to see " + replica + " lead", watch::text,
                    t -> t.lines().anyMatch(l -> l.contains("\"" + replica + "\"") && l.contains("leader")));
        }
        assertThat(Await.until(Duration.ofSeconds(60), "the new leader in a snapshot",
                () -> snapshot().path("leader").asText(), replica::equals)).isEqualTo(replica);
    }

    @Test
    @Order(5)
    void inDoubtListingFindsAPreparedTransactionOverTls() throws Exception {
        String leader = snapshot().path("leader").asText();
        SandboxInfo.Member m = sandbox.requireMember(leader);
        try (Connection c = superuser(m.pgPort()); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("SELECT txid_current()");
            s.execute("PREPARE TRANSACTION 'tls_0001_" + leader + "'");
        }
        try {
            int status = cli.run("indoubt", "list", "--json", "--workspace", workspace);
            assertThat(status).as(cli.err()).isEqualTo(4);
            assertThat(cli.out()).contains("tls_0001_" + leader);
        } finally {
            try (Connection c = superuser(m.pgPort()); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED 'tls_0001_" + leader + "'");
            }
        }
    }

    @Test
    @Order(6)
    void aWrongCaIsOneLineNamingTheEndpointAndTheKeyToFix() throws Exception {
        Path otherCa = work.resolve("other-ca");
        Files.createDirectories(otherCa);
        openssl(otherCa, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Another CA");
        String ca = otherCa.resolve("ca.crt").toString();
        expectOneLine(etcdOnly(ca), "TLS with etcd at 127.0.0.1:", "not signed by the CA you trust",
                "set etcd.cacert");
        expectOneLine(restOnly(ca), "TLS with Patroni at 127.0.0.1:", "not signed by the CA you trust",
                "set patroniTls.cacert");
        expectOneLine(postgresOnly(ca), "PostgreSQL at 127.0.0.1:", "not signed by the CA you trust",
                "set postgres.sslrootcert");
    }

    @Test
    @Order(7)
    void aServerCertificateForAnotherHostOrExpiredIsOneLineNamingTheEndpoint() throws Exception {
        Path good = work.resolve("server.crt.good");
        Files.copy(tls.resolve("server.crt"), good);
        String ca = tls.resolve("ca.crt").toString();
        try {
            serve("subjectAltName=DNS:db.example.com\nextendedKeyUsage=serverAuth,clientAuth\n", "2");
            expectOneLine(etcdOnly(ca), "TLS with etcd at 127.0.0.1:", "for another host name");
            expectOneLine(restOnly(ca), "TLS with Patroni at 127.0.0.1:", "for another host name");
            expectOneLine(postgresOnly(ca), "PostgreSQL at 127.0.0.1:", "for another host name");

            serve("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n", "-1");
            expectOneLine(etcdOnly(ca), "TLS with etcd at 127.0.0.1:", "has expired", "renew etcd's --cert-file");
            expectOneLine(restOnly(ca), "TLS with Patroni at 127.0.0.1:", "has expired",
                    "renew Patroni's restapi.certfile");
            expectOneLine(postgresOnly(ca), "PostgreSQL at 127.0.0.1:", "has expired",
                    "renew the server's ssl_cert_file");
        } finally {
            Files.copy(good, tls.resolve("server.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            reloadServers();
        }
    }

    @Test
    @Order(8)
    void leastPrivilegeReadsEverythingAndEveryChangeIsRefusedInWords() throws Exception {
        // etcd: pilothouse_monitor, whose only role (namespace_reader) reads /service/; PostgreSQL: pilothouse_monitor,
        // whose only privilege is pg_monitor. The live read path (snapshot, watch, the wall) needs nothing more.
        String leader = snapshot().path("leader").asText();
        int leaderPort = sandbox.members().stream().filter(m -> m.name().equals(leader)).findFirst().orElseThrow()
                .pgPort();
        try (Connection c = superuser(leaderPort); Statement st = c.createStatement();
             java.sql.ResultSet r = st.executeQuery("SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR "
                     + "r.rolreplication OR r.rolbypassrls, array_to_string(ARRAY(SELECT b.rolname FROM "
                     + "pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid WHERE m.member = r.oid), ',') "
                     + "FROM pg_roles r WHERE r.rolname = 'pilothouse_monitor'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getBoolean(1)).as("no role attribute beyond LOGIN").isFalse();
            assertThat(r.getString(2)).isEqualTo("pg_monitor");
        }
        Path least = work.resolve("least-privilege.yaml");
        String full = Files.readString(sandbox.workspaceFile());
        assertThat(full).contains("      user: pilothouse\n");
        Files.writeString(least, full.replace("      user: pilothouse\n", "      user: pilothouse_monitor\n"));

        assertThat(cli.run("snapshot", "--json", "--workspace", least.toString())).as(cli.err()).isZero();
        JsonNode cluster = Json.mapper().readTree(cli.out()).path("clusters").get(0);
        assertThat(cluster.path("leader").asText()).isEqualTo(leader);
        assertThat(cluster.path("dcs").asText()).isEqualTo("reachable");
        assertThat(cluster.path("members").findValues("lagBytes")).as("SQL answered as pg_monitor").hasSize(2);

        // A change with the read-only etcd user: refused at the operation lock, in words, exit 3, nothing done.
        assertThat(cli.run("pause", "--cluster", "tls", "--workspace", least.toString())).as(cli.err()).isEqualTo(3);
        assertThat(cli.err()).contains("refused", "permission denied", "readwrite").doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(snapshot().path("paused").asBoolean()).isFalse();

        // A change PostgreSQL decides (the lock taken with the full etcd user): pg_monitor may not signal another
        // role's backend. Refused in words, exit 3, the backend still there.
        try (Connection held = superuser(leaderPort); Statement st = held.createStatement();
             java.sql.ResultSet r = st.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            int status = cli.run("activity", "terminate", "--node", "tls/" + leader, "--pid",
                    String.valueOf(r.getInt(1)), "--yes", "--workspace", workspace);
            assertThat(status).as(cli.out() + cli.err()).isEqualTo(3);
            assertThat(cli.err()).contains("pg_signal_backend").doesNotContain("\tat ");
            assertThat(held.isValid(5)).isTrue();
        }
    }

    @Test
    @Order(9)
    void addingAPatroniMemberIsRefusedNamingTheTlsAndLoginsAGeneratedConfigCannotCarry() throws Exception {
        int status = cli.run("replica", "add", "--workspace", workspace, "--cluster", "tls", "--host", "127.0.0.1",
                "--port", "1", "--rest-port", "2", "--data-dir", work.resolve("tls-member").toString(), "--dry-run");
        assertThat(status).as(cli.out() + cli.err()).isEqualTo(3);
        assertThat(cli.out()).contains("[FAIL] TLS and logins: tls uses etcd over https (etcd3.cacert",
                "Patroni's REST API over https", "add this member by hand");
        assertThat(Files.exists(work.resolve("tls-member"))).as("nothing was made").isFalse();
    }

    // ---- helpers

    /** Replaces the servers' certificate (same key) by one with {@code extensions}, valid {@code days}, and reloads. */
    private static void serve(String extensions, String days) throws Exception {
        Path dir = work.resolve("swap");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ext"), "basicConstraints=CA:FALSE\n" + extensions);
        openssl(dir, "req", "-new", "-key", tls.resolve("server.key").toString(), "-out", "server.csr", "-subj",
                "/O=Pilothouse test server");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", tls.resolve("ca.crt").toString(), "-CAkey",
                tls.resolve("ca.key").toString(), "-CAcreateserial", "-CAserial", "ca.srl", "-days", days, "-out",
                "server.crt", "-extfile", "ext");
        Files.copy(dir.resolve("server.crt"), tls.resolve("server.crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        reloadServers();
    }

    /** PostgreSQL and Patroni read a new certificate on SIGHUP; etcd reads it at every handshake. */
    private static void reloadServers() throws Exception {
        for (SandboxInfo.Member m : sandbox.members()) {
            // The postmaster of now: a demoted leader's was restarted.
            String postmaster = Files.readAllLines(m.dataDir().resolve("postmaster.pid")).get(0).trim();
            new ProcessBuilder("kill", "-HUP", Long.toString(m.patroniPid()), postmaster).inheritIO().start()
                    .waitFor();
        }
        // Patroni restarts its REST server on its next HA loop (loop_wait 2 s); the postmaster reloads at once.
        X509Certificate now = certificate(tls.resolve("server.crt"));
        for (SandboxInfo.Member m : sandbox.members()) {
            java.net.URI rest = java.net.URI.create(m.restUrl());
            Await.until(Duration.ofSeconds(20), m.name() + "'s REST API serving the new certificate",
                    () -> servedOrNull(() -> ServedCertificate.tls(rest.getHost(), rest.getPort())), now::equals);
            Await.until(Duration.ofSeconds(20), m.name() + "'s PostgreSQL serving the new certificate",
                    () -> servedOrNull(() -> ServedCertificate.postgres(m.pgHost(), m.pgPort())), now::equals);
        }
    }

    private interface Served {
        X509Certificate read() throws Exception;
    }

    /** The served certificate, or null while the server restarts its listener. */
    private static X509Certificate servedOrNull(Served served) {
        try {
            return served.read();
        } catch (Exception e) {
            return null;
        }
    }

    private void expectOneLine(Path badWorkspace, String... parts) {
        int status = cli.run("snapshot", "--timeout", "8", "--workspace", badWorkspace.toString());
        String err = cli.err();
        assertThat(status).as(err).isEqualTo(1);
        assertThat(err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err.lines().filter(l -> l.contains(parts[0]))).as(err).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains(parts));
        System.out.println("bad-certificate case " + badWorkspace.getFileName() + ": "
                + err.lines().filter(l -> l.contains(parts[0])).findFirst().orElse(""));
    }

    private static Path etcdOnly(String ca) throws Exception {
        return write("etcd", "    etcd: {endpoints: [\"" + sandbox.etcdUrl() + "\"], namespace: /service/, cacert: "
                + ca + ", cert: " + tls.resolve("client.crt") + ", key: " + tls.resolve("client.key")
                + ", user: pilothouse}\n" + postgres(tls.resolve("ca.crt").toString()));
    }

    private static Path restOnly(String ca) throws Exception {
        return write("rest", "    patroni: [\"" + sandbox.members().get(0).restUrl() + "\"]\n"
                + "    patroniTls: {cacert: " + ca + ", cert: " + tls.resolve("client.crt") + ", key: "
                + tls.resolve("client.key") + "}\n");
    }

    private static Path postgresOnly(String ca) throws Exception {
        return write("postgres", "    nodes: [\"127.0.0.1:" + sandbox.members().get(0).pgPort() + "\"]\n"
                + postgres(ca));
    }

    private static String postgres(String ca) {
        return "    postgres: {user: pilothouse_monitor, passfile: " + sandbox.passfile() + ", sslrootcert: " + ca
                + ", sslcert: " + tls.resolve("client.crt") + ", sslkey: " + tls.resolve("client.pk8") + "}\n";
    }

    private static Path write(String kind, String source) throws Exception {
        Path file = Files.createTempFile(work, "bad-" + kind + "-", ".yaml");
        Files.writeString(file, "name: bad-" + kind + "\nsources:\n  - name: " + kind + "\n" + source);
        return file;
    }

    private JsonNode snapshot() {
        assertThat(cli.run("snapshot", "--json", "--workspace", workspace)).as(cli.err()).isZero();
        try {
            return Json.mapper().readTree(cli.out()).path("clusters").get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Connection superuser(int port) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password(port, "postgres"));
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", tls.resolve("ca.crt").toString());
        p.setProperty("sslcert", tls.resolve("client.crt").toString());
        p.setProperty("sslkey", tls.resolve("client.pk8").toString());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private static String password(int port, String user) throws Exception {
        return Files.readAllLines(sandbox.passfile()).stream()
                .filter(l -> l.startsWith("127.0.0.1:" + port + ":*:" + user + ":")).findFirst().orElseThrow()
                .substring(("127.0.0.1:" + port + ":*:" + user + ":").length());
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    }

    /** {@code pilothouse watch --json} in the background, as a user leaves it running. */
    private static final class Watch implements AutoCloseable {
        private final StringWriter out = new StringWriter();
        private final ExecutorService runner = Executors.newSingleThreadExecutor();
        private final Future<Integer> run = runner.submit(() -> Main.run(new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "watch", "--json", "--workspace", workspace));

        String text() {
            synchronized (out) {
                return out.toString();
            }
        }

        @Override
        public void close() {
            run.cancel(true);
            runner.shutdownNow();
        }
    }
}
