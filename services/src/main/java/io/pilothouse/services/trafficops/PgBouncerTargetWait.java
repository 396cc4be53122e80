package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waits until the address a PgBouncer database points at reaches the expected leader (a primary, and that member),
 * asking every 100 ms for at most {@code reachTimeout}; stops early once the hold was resumed by someone else.
 */
final class PgBouncerTargetWait {

    private final PoolerTarget target;
    private final Duration reachTimeout;
    private final BooleanSupplier resumed;

    PgBouncerTargetWait(PoolerTarget target, Duration reachTimeout, BooleanSupplier resumed) {
        this.target = target;
        this.reachTimeout = reachTimeout;
        this.resumed = resumed;
    }

    /**
     * @param db where PgBouncer's database points (a TCP host), as read when held (a switchover does not change it)
     * @return "reaches M (host:port, primary) through h:p" when reached; otherwise where it reaches, in words
     */
    String await(ClusterSnapshot after, String expectedLeader, PgBouncerDatabase db, Consumer<String> note) {
        long deadline = System.nanoTime() + reachTimeout.toNanos();
        String last = "";
        while (!resumed.getAsBoolean()) {
            try {
                PoolerTarget.Reached r = target.reach(db.host(), db.port());
                String who = r.member(after).map(Member::name).orElse(r.host() + ":" + r.port());
                last = "reaches " + who + " (" + r.host() + ":" + r.port() + (r.inRecovery() ? ", a replica)"
                        : ", primary)") + " through " + db.host() + ":" + db.port();
                if (!r.inRecovery() && who.equals(expectedLeader)) {
                    return last;
                }
            } catch (SQLException e) {
                last = "does not answer at " + db.host() + ":" + db.port() + ": " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                note.accept("PgBouncer's target still " + last + " after " + reachTimeout.toSeconds()
                        + " s; resuming anyway");
                return last + " (not the leader " + expectedLeader + " after " + reachTimeout.toSeconds() + " s)";
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last + " (the watchdog resumed first)";
    }
}
