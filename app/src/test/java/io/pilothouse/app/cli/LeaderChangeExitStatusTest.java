package io.pilothouse.app.cli;

import io.pilothouse.services.switchover.Outcome;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit status of {@code switchover} and {@code failover} (one mapping for both): a failed verification line makes
 * the outcome uncertain, which is 1, never 0; and a verification bound out of range is bad input.
 */
class LeaderChangeExitStatusTest {

    @Test
    void onlyCompletedAndScheduledExitZero() {
        assertThat(LeaderChange.exitStatus(Outcome.COMPLETED)).isZero();
        assertThat(LeaderChange.exitStatus(Outcome.SCHEDULED)).isZero();
        assertThat(LeaderChange.exitStatus(Outcome.REFUSED)).isEqualTo(3);
        assertThat(LeaderChange.exitStatus(Outcome.FAILED)).isEqualTo(1);
        assertThat(LeaderChange.exitStatus(Outcome.UNCERTAIN)).isEqualTo(1);
    }

    @Test
    void verifyTimeoutOutOfRangeIsBadInputForBothCommands() {
        for (String command : new String[] {"switchover", "failover"}) {
            for (String seconds : new String[] {"0", "-5", "3601"}) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int status = io.pilothouse.app.Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                        command, "--patroni", "http://127.0.0.1:1", "--cluster", "x", "--to", "x", "--verify-timeout",
                        seconds);
                assertThat(status).as(command + " " + seconds + ": " + err).isEqualTo(2);
                // A negative number is refused by the shared numeric parser, 0 and 3601 by the verification bound.
                assertThat(err.toString()).containsAnyOf("--verify-timeout " + seconds + " is out of range",
                        "'--verify-timeout': '" + seconds + "' is out of range").doesNotContain("\tat ");
            }
        }
    }
}
