package io.pilothouse.services.replicas;


import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Waits until the upstream's {@code pg_stat_replication} shows a new replica streaming on its slot: asked every
 * {@link #POLL} over the run's one upstream connection, for at most {@link #LIMIT}. Meanwhile the replica is asked
 * once a second whether it still runs ({@code pg_ctl status}), so a server that stopped at start fails the step in
 * about two seconds with the end of its log rather than after the whole wait.
 */
final class StreamingWait {

    /** How often the upstream is asked: streaming is seen within this of its start. */
    static final Duration POLL = Duration.ofMillis(50);
    /** The whole wait: the server's start (recovery of what was written during the copy) and its first contact. */
    static final Duration LIMIT = Duration.ofSeconds(210);
    /** How often the replica is asked whether it still runs. */
    static final Duration ALIVE_EVERY = Duration.ofSeconds(1);

    static final String STREAMING_ROW = "SELECT r.state, s.slot_name FROM pg_stat_replication r"
            + " LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE r.application_name = ?";

    private final UpstreamLink upstream;
    private final String upstreamName;
    private final String name;
    private final String slot;
    private final TargetHost host;
    private final List<String> status;
    private final List<String> logTail;

    /**
     * @param status  the replica's {@code pg_ctl status} as run on the target (exit 0 while it runs)
     * @param logTail the command that shows the end of its log when it stopped
     */
    StreamingWait(UpstreamLink upstream, String upstreamName, String name, String slot, TargetHost host,
                  List<String> status, List<String> logTail) {
        this.upstream = upstream;
        this.upstreamName = upstreamName;
        this.name = name;
        this.slot = slot;
        this.host = host;
        this.status = List.copyOf(status);
        this.logTail = List.copyOf(logTail);
    }

    /** The preview's line: what is asked where, and how often. */
    String describe() {
        return "pg_stat_replication on " + upstreamName + " shows " + name + " streaming with slot " + slot
                + " (asked every " + POLL.toMillis() + " ms, at most " + LIMIT.toSeconds() + " s); meanwhile on the "
                + "target every second: " + new TargetLiveness(host, status, logTail, ALIVE_EVERY).describe();
    }

    /** Returns the report's note once streaming is seen; throws in words when the replica stopped or time ran out. */
    String await() throws Exception {
        long start = System.nanoTime();
        TargetLiveness liveness = new TargetLiveness(host, status, logTail, ALIVE_EVERY);
        String last = "no walsender for " + name + " yet";
        while (PlanRunner.since(start).compareTo(LIMIT) < 0) {
            try (PreparedStatement ps = upstream.connection().prepareStatement(STREAMING_ROW)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        last = "state " + rs.getString(1) + ", slot " + rs.getString(2);
                        if ("streaming".equals(rs.getString(1)) && slot.equals(rs.getString(2))) {
                            return name + " streams from " + upstreamName + " (" + upstream.endpoint()
                                    + ") on slot " + slot + ", seen " + PlanRunner.since(start).toMillis()
                                    + " ms after the start";
                        }
                    }
                }
            } catch (SQLException e) {
                upstream.reset();
                last = e.getMessage();
            }
            liveness.check(name + " is not running (" + liveness.aliveCommand() + "); the end of its log: ");
            Thread.sleep(POLL.toMillis());
        }
        throw new PlanRunner.StepFailedException(name + " is not streaming from " + upstreamName + " after "
                + LIMIT.toSeconds() + " s (" + last + ")");
    }
}
