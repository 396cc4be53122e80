package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.services.testing.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pilothouse replica add|remove} on a real plain sandbox (primary, standby, cascade) and a real two-member
 * Patroni sandbox, through picocli as a user runs them, on this machine: the dry-run preview, a refused add, the
 * add verified streaming with its slot, the audit record with every command, the refused removal of the primary,
 * and the removal that leaves no slot, no member key, no process and no data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("servers")
class ReplicaCommandsSandboxTest {

    @TempDir
    static Path work;

    private static OwnSandbox plain;
    private static OwnSandbox patroni;
    private static Path auditLog;
    private static AuditLogProperty auditProperty;
    private static Path replicas;
    private static int plainPort;
    private static int patroniPort;

    @BeforeAll
    static void start() throws Exception {
        plain = OwnSandbox.start("pilothouse-replica-plain-", s -> s.withScope("rplain").withPlain(true));
        auditLog = work.resolve("audit.jsonl");
        auditProperty = AuditLogProperty.pointAt(auditLog);
        // Under /tmp, owned by the server's user: the replica's data directory and its files go here.
        replicas = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-replicas-");
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder("chown", "postgres:", replicas.toString()).inheritIO().start().waitFor();
        }
        plainPort = freePort();
        patroniPort = freePort();
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.inOrder(auditProperty, plain, patroni);
        if (replicas != null) {
            new ProcessBuilder("rm", "-rf", "--", replicas.toString()).inheritIO().start().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static CommandRun cli(OwnSandbox own) {
        return new CommandRun("--workspace", own.info().workspaceFile().toString(), "--cluster", own.info().scope());
    }

    private static String endpoint(SandboxInfo info, String member) {
        SandboxInfo.Member m = info.requireMember(member);
        return m.pgHost() + ":" + m.pgPort();
    }

    private static List<String> slots(SandboxInfo info, String member) throws SQLException {
        try (Connection c = SandboxConnections.connect(info, member, "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("SELECT slot_name FROM pg_replication_slots ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    @Order(1)
    void dryRunListsEveryCheckAndCommandAndRunsNothing() {
        CommandRun cli = cli(plain);
        String dir = replicas.resolve("plain4").toString();
        int status = cli.run("replica", "add", "--host", "127.0.0.1", "--port", String.valueOf(plainPort),
                "--data-dir", dir, "--dry-run");
        assertThat(status).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("[PASS] data directory", "[PASS] port", "[PASS] disk", "[PASS] PostgreSQL version",
                "[PASS] wal senders", "[PASS] replication slots", "[PASS] replication login",
                "[READ] read on the target: id -u; ls -A -- " + dir + "; ss -Htln;",
                "pg_basebackup -D " + dir, " -R -C -S 127_0_0_1_" + plainPort + " -P", "pg_ctl start",
                "Dry run: nothing was run.");
        assertThat(Files.exists(Path.of(dir))).isFalse();
    }

    @Test
    @Order(2)
    void aBusyPortIsRefusedWithItsReasonAndNothingChanges() throws Exception {
        CommandRun cli = cli(plain);
        int busy = plain.info().requireMember("node2").pgPort();
        int status = cli.run("replica", "add", "--host", "127.0.0.1", "--port", String.valueOf(busy),
                "--data-dir", replicas.resolve("busy").toString(), "--yes");
        assertThat(status).isEqualTo(3);
        assertThat(cli.out()).contains("[FAIL] port: something already listens on port [" + busy + "]");
        assertThat(slots(plain.info(), "node1")).containsExactly("node2");
    }

    @Test
    @Order(3)
    void aCopyThatFailsUndoesTheSlotAndSaysWhatWasUndone() throws Exception {
        // The server's user may read but not write this directory: the login probe passes and pg_basebackup -C fails
        // to create the data directory; the undo drops the slot if the copy had made it, and no slot is left.
        Path locked = Files.createTempDirectory(Path.of("/tmp"), "pilothouse-locked-");
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CommandRun cli = cli(plain);
            int status = cli.run("replica", "add", "--host", "127.0.0.1", "--port", String.valueOf(plainPort),
                    "--data-dir", locked.resolve("plain4").toString(), "--name", "doomed", "--yes");
            assertThat(status).as(cli.out() + cli.err()).isEqualTo(1);
            assertThat(cli.out()).contains("FAILED: ");
            if ("root".equals(System.getProperty("user.name"))) {
                // As root the pgpass is written (root may), so the run gets as far as the copy.
                assertThat(cli.out()).contains("FAILED: copy 127.0.0.1:", "Undone after the failure:",
                        "undone: drop the slot doomed on ", "undone: remove the pgpass");
            }
            assertThat(slots(plain.info(), "node1")).containsExactly("node2");
            assertThat(Files.exists(locked.resolve("plain4"))).isFalse();
        } finally {
            new ProcessBuilder("rm", "-rf", "--", locked.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    @Order(4)
    void addsAPlainReplicaThatStreamsOnItsSlotAndAuditsEveryCommand() throws Exception {
        CommandRun cli = cli(plain);
        String dir = replicas.resolve("plain4").toString();
        long t0 = System.nanoTime();
        int status = cli.run("replica", "add", "--host", "127.0.0.1", "--port", String.valueOf(plainPort),
                "--data-dir", dir, "--yes");
        System.out.printf("plain replica add: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(status).as(cli.out() + cli.err()).isZero();
        String name = "127.0.0.1:" + plainPort;
        // A 20 MB copy may end before pg_stat_progress_basebackup is first sampled: the step, not a progress line.
        assertThat(cli.out()).contains("-> copy " + endpoint(plain.info(), "node1") + " with pg_basebackup",
                name + " streams from " + endpoint(plain.info(), "node1")
                + " (" + endpoint(plain.info(), "node1") + ") on slot 127_0_0_1_" + plainPort);
        assertThat(slots(plain.info(), "node1")).contains("127_0_0_1_" + plainPort);
        assertThat(Files.readString(Path.of(dir + "/postgresql.auto.conf"))).contains("passfile=" + dir + ".pgpass")
                .doesNotContain("password=");
        JsonNode record = CommandRun.auditRecords(auditLog).stream()
                .filter(r -> "replica-add".equals(r.path("action").asText())).reduce((a, b) -> b).orElseThrow();
        assertThat(record.path("outcome").asText()).isEqualTo("ok");
        assertThat(record.toString()).contains("pg_basebackup -D " + dir).contains("pg_ctl start")
                .contains("IDENTIFY_SYSTEM");
    }

    @Test
    @Order(5)
    void refusesToRemoveThePrimarySayingWhy() {
        CommandRun cli = cli(plain);
        int status = cli.run("replica", "remove", "--member", endpoint(plain.info(), "node1"), "--yes");
        assertThat(status).isEqualTo(3);
        assertThat(cli.out()).contains("[FAIL] role: " + endpoint(plain.info(), "node1") + " is the leader");
    }

    @Test
    @Order(6)
    void addsAndRemovesAPlainReplicaOverSshThroughARealSshd() throws Exception {
        assumeTrue(OpenSshServer.installed(), "openssh-server is not installed (scripts/ensure-packages.sh test)");
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            CommandRun cli = cli(plain);
            int port = freePort();
            String dir = replicas.resolve("over-ssh").toString();
            String[] ssh = {"--ssh", sshd.destination(), "--known-hosts", sshd.knownHosts().toString(),
                "--identity", sshd.userKey().toString()};
            long t0 = System.nanoTime();
            int status = cli.run(args(List.of("replica", "add", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--data-dir", dir, "--yes"), ssh));
            System.out.printf("plain replica add over ssh: %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertThat(status).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("ssh " + sshd.destination()).contains("streams from");
            assertThat(slots(plain.info(), "node1")).contains("127_0_0_1_" + port);
            JsonNode record = CommandRun.auditRecords(auditLog).stream()
                    .filter(r -> "replica-add".equals(r.path("action").asText())).reduce((a, b) -> b).orElseThrow();
            assertThat(record.path("outcome").asText()).isEqualTo("ok");
            assertThat(record.toString()).contains("pg_basebackup -D " + dir);

            status = cli.run(args(List.of("replica", "remove", "--member", "127.0.0.1:" + port, "--delete-data",
                    "--yes"), ssh));
            assertThat(status).as(cli.out() + cli.err()).isZero();
            assertThat(slots(plain.info(), "node1")).doesNotContain("127_0_0_1_" + port);
            assertThat(Files.exists(Path.of(dir))).isFalse();
        }
    }

    private static String[] args(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    @Order(7)
    void removesThePlainReplicaItsSlotAndItsData() throws Exception {
        CommandRun cli = cli(plain);
        String dir = replicas.resolve("plain4").toString();
        int status = cli.run("replica", "remove", "--member", "127.0.0.1:" + plainPort, "--delete-data", "--yes");
        assertThat(status).as(cli.out() + cli.err()).isZero();
        assertThat(slots(plain.info(), "node1")).containsExactly("node2");
        assertThat(Files.exists(Path.of(dir))).isFalse();
        assertThat(Files.exists(Path.of(dir + ".pgpass"))).isFalse();
        plain.close();
    }

    @Test
    @Order(8)
    void addsAPatroniMemberWithTagsAndRemovesIt() throws Exception {
        patroni = OwnSandbox.start("pilothouse-replica-patroni-", s -> s.withMembers(2).withScope("rpat"));
        CommandRun cli = cli(patroni);
        String dir = replicas.resolve("node3").toString();
        long t0 = System.nanoTime();
        int status = cli.run("replica", "add", "--host", "127.0.0.1", "--port", String.valueOf(patroniPort),
                "--rest-port", String.valueOf(freePort()), "--data-dir", dir, "--name", "node3", "--tags",
                "nofailover", "--yes");
        System.out.printf("patroni replica add: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(status).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("scope: rpat", "nofailover: true",
                "<password of replicator@", "node3 streams from").doesNotContain("password: " + "\n");
        assertThat(Files.readString(Path.of(dir + ".patroni.yml"))).doesNotContain("<password of");

        status = cli.run("replica", "remove", "--member", "node3", "--delete-data", "--yes");
        assertThat(status).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("member key of node3 deleted");
        assertThat(Files.exists(Path.of(dir))).isFalse();
        assertThat(CommandRun.auditRecords(auditLog)).extracting(r -> r.path("action").asText() + " "
                + r.path("target").asText() + " " + r.path("outcome").asText())
                .contains("replica-add node3 ok", "replica-remove node3 ok");
    }

    @Test
    @Order(9)
    @org.junit.jupiter.api.Timeout(240)
    void addsAndRemovesAPatroniMemberOverSshThroughARealSshd() throws Exception {
        assumeTrue(OpenSshServer.installed(), "openssh-server is not installed (scripts/ensure-packages.sh test)");
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd-patroni"))) {
            CommandRun cli = cli(patroni);
            String dir = replicas.resolve("node4").toString();
            String[] ssh = {"--ssh", sshd.destination(), "--known-hosts", sshd.knownHosts().toString(),
                "--identity", sshd.userKey().toString()};
            int postgresPort = freePort();
            int restPort = freePort();
            while (restPort == postgresPort) {
                restPort = freePort();
            }
            int status = cli.run(args(List.of("replica", "add", "--host", "127.0.0.1", "--port",
                    String.valueOf(postgresPort), "--rest-port", String.valueOf(restPort), "--data-dir", dir,
                    "--name", "node4", "--yes"), ssh));
            assertThat(status).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("ssh " + sshd.destination(), "scope: rpat", "node4 streams from");

            status = cli.run(args(List.of("replica", "remove", "--member", "node4", "--delete-data", "--yes"), ssh));
            assertThat(status).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("member key of node4 deleted");
            assertThat(Files.exists(Path.of(dir))).isFalse();
        }
    }
}
