package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JVM-wide sandbox as other test classes (and modules, through the test-jar) use it. */
@Tag("servers")
class SharedSandboxTest {

    @Test
    void getStartsOneSandboxPerJvmAndReturnsItAgain() {
        SandboxInfo first = SharedSandbox.get();

        assertThat(SharedSandbox.get()).isSameAs(first);
        assertThat(SharedSandbox.dir()).isEqualTo(first.dir());
        assertThat(new SandboxLauncher().status(first.dir()).state()).isEqualTo(SandboxStatus.State.RUNNING);
        assertThat(SandboxRest.healthy(first, first.members().size() - 1)).isTrue();
    }

    @Test
    void theAppsMonitoringRoleReadsReplicationStateOnTheLeader() throws Exception {
        SandboxInfo sandbox = SharedSandbox.get();
        String leader = SandboxRest.leader(sandbox).orElseThrow();

        try (Connection c = SandboxConnections.connect(sandbox, leader, sandbox.monitorUser(), "postgres");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE client_addr IS NOT NULL")) {
            r.next();
            // client_addr is hidden from roles without pg_read_all_stats (part of pg_monitor).
            assertThat(r.getInt(1)).isEqualTo(sandbox.members().size() - 1);
        }
    }
}
