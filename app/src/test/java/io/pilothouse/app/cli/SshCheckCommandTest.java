package io.pilothouse.app.cli;

import io.pilothouse.app.Main;
import io.pilothouse.services.testing.OpenSshServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code pilothouse ssh-check} against a real OpenSSH server on loopback. */
@Tag("servers")
class SshCheckCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void logsInRunsTheProbesAndSaysWhereAndRefusesAnUnknownHostKey() throws Exception {
        assumeTrue(OpenSshServer.installed(), "openssh-server is not installed (scripts/ensure-packages.sh test)");
        try (OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"))) {
            int status = run("ssh-check", "--ssh", server.destination(), "--known-hosts",
                    server.knownHosts().toString(), "--identity", server.userKey().toString());
            assertThat(status).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("ssh " + server.destination() + ": logged in, host key ssh-ed25519 "
                            + server.hostKeyFingerprint() + " known")
                    .contains("uname -a: Linux")
                    .contains("id -un: " + server.user())
                    .contains("pg_config --version: ");

            Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
            int refused = run("ssh-check", "--ssh", server.destination(), "--known-hosts", empty.toString(),
                    "--identity", server.userKey().toString());
            assertThat(refused).isEqualTo(1);
            assertThat(err.toString()).contains("is not known").contains(server.hostKeyFingerprint())
                    .doesNotContain("Exception");
        }
    }

    @Test
    void refusesAHostileDestinationInOneLine() {
        assertThat(run("ssh-check", "--ssh", "pg@-oProxyCommand=touch /tmp/x")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("pilothouse: --ssh '-oProxyCommand=touch /tmp/x' is not a host")
                .doesNotContain("\n");
    }
}
