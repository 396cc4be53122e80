package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostShell;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replica that stops after pg_ctl start -W fails the wait with its log, not after the whole wait. */
class StreamingWaitTest {

    /** A target whose replica does not run ({@code pg_ctl status} exits 3) and whose log ends with the reason. */
    private static final class StoppedReplica implements HostShell {
        final List<String> commands = new ArrayList<>();

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            commands.add(String.join(" ", argv));
            if (argv.equals(List.of("id", "-u"))) {
                return new CommandResult(0, "1000\n", "");
            }
            if (argv.contains("status")) {
                return new CommandResult(3, "pg_ctl: no server running\n", "");
            }
            return new CommandResult(0, "FATAL:  could not create lock file \"/run/x/.s.PGSQL.5433.lock\"\n"
                    + "LOG:  database system is shut down\n", "");
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
        }

        @Override
        public String describe() {
            return "a stopped replica";
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** An upstream that does not answer: the wait must still end, through the replica's liveness. */
    private static final ReplicaSql NO_UPSTREAM = new ReplicaSql() {
        @Override
        public Connection monitor(String host, int port) throws SQLException {
            throw new SQLException("connection refused");
        }

        @Override
        public Connection as(String user, String database, String host, int port) throws SQLException {
            throw new SQLException("connection refused");
        }

        @Override
        public Optional<char[]> password(String host, int port, String user) {
            return Optional.empty();
        }
    };

    @Test
    void aReplicaThatStoppedFailsTheWaitWithTheEndOfItsLog() throws Exception {
        StoppedReplica shell = new StoppedReplica();
        TargetHost host = TargetHost.on(shell, "postgres");
        StreamingWait wait = new StreamingWait(new UpstreamLink(NO_UPSTREAM, "127.0.0.1", 5432), "node1", "node4",
                "node4", host, List.of("pg_ctl", "status", "-D", "/srv/node4"),
                List.of("tail", "-n", "5", "--", "/srv/node4.log"));

        assertThat(wait.describe()).contains("every 50 ms", "pg_ctl status -D /srv/node4",
                "tail -n 5 -- /srv/node4.log");
        assertThatThrownBy(wait::await).isInstanceOf(PlanRunner.StepFailedException.class)
                .hasMessageContaining("node4 is not running (pg_ctl status -D /srv/node4)")
                .hasMessageContaining("could not create lock file");
        // Twice not running (the pid file may lag pg_ctl -W), then the log: never the whole 210-s wait.
        assertThat(shell.commands).containsExactly("id -u", "pg_ctl status -D /srv/node4",
                "pg_ctl status -D /srv/node4", "tail -n 5 -- /srv/node4.log");
    }
}
