package io.pilothouse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.app.Main;
import io.pilothouse.services.model.TrafficProblem;
import io.pilothouse.services.model.TrafficProblemKind;
import io.pilothouse.services.traffic.ClusterTraffic;
import io.pilothouse.services.traffic.ComponentStatus;
import io.pilothouse.services.traffic.EntryPoint;
import io.pilothouse.services.traffic.EntryRole;
import io.pilothouse.services.traffic.PgpoolStatus;
import io.pilothouse.services.traffic.TrafficComponent;
import io.pilothouse.services.traffic.TrafficSnapshot;
import io.pilothouse.services.traffic.Verification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pilothouse traffic}: refused in words without traffic keys; its text names what goes where. */
class TrafficCommandTest {

    @Test
    void aSourceWithoutTrafficKeysIsBadInputSaidAtOnce() {
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int status = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "traffic",
                "--patroni", "http://127.0.0.1:1");
        assertThat(status).isEqualTo(2);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        assertThat(err.toString()).contains("names no load balancer or pooler", "--poolers").doesNotContain("\tat ");
    }

    @Test
    void textShowsEntryPointsWhereTheyGoAndProblemsWithTheirSeverity() {
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        EntryPoint write = new EntryPoint(TrafficComponent.HAPROXY, "write endpoint", "127.0.0.1:5000",
                EntryRole.WRITE, List.of("node1"), List.of("node1"),
                new Verification("node1", "127.0.0.1:5432", 42L, true, null, at));
        ClusterTraffic c = new ClusterTraffic("demo", "demo", "node2", List.of(write), null, null,
                new PgpoolStatus("127.0.0.1:9999", 9898, ComponentStatus.unreachable("Pgpool-II at 127.0.0.1:9999 did"
                        + " not answer in time (it hangs or is overloaded)", at, 8000), List.of()),
                List.of(new TrafficProblem("demo", "demo", TrafficProblemKind.WRITES_TO_NON_LEADER,
                        "haproxy write endpoint", "writes through haproxy write endpoint reach node1, which is in "
                        + "recovery (read-only); the leader is node2")));

        String text = TrafficText.render(new TrafficSnapshot(List.of(c), at));

        assertThat(text).contains("demo  cluster demo, leader node2", "haproxy write endpoint",
                "writes -> node1", "(reached node1 at 127.0.0.1:5432, in recovery, system id 42)",
                "pgpool 127.0.0.1:9999 (PCP 9898)  UNREACHABLE: Pgpool-II at 127.0.0.1:9999 did not answer",
                "CRITICAL writes-to-non-leader  writes through haproxy write endpoint reach node1");
    }
}
