package io.pilothouse.services.trafficops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Resumes the PgBouncer pauses a killed app left in the journal. Called at start (a window's session, the traffic
 * and switchover commands): a database left paused holds every client's queries until someone notices.
 */
public final class LeftPauses {

    private LeftPauses() {
    }

    /**
     * RESUMEs each journaled pause and forgets it once read back; a PgBouncer that does not answer keeps its record
     * for the next try. A read-only workspace changes nothing: each pause is only named with the command that
     * resumes it.
     *
     * @return one line per record: what was done
     */
    public static List<String> resume(HoldJournal journal, Function<PgBouncerAddress, PgBouncerConnector> consoles,
                                      boolean readOnly) {
        List<String> out = new ArrayList<>();
        for (HoldRecord r : journal.open()) {
            String what = "PgBouncer " + r.address().label() + " database " + r.database() + " (paused "
                    + r.pausedAt() + " for a switchover of " + r.cluster() + ")";
            if (readOnly) {
                out.add(what + ": not resumed, this workspace is read-only (pilothouse traffic pgbouncer resume "
                        + "--database " + r.database() + " from a workspace that may change things)");
                continue;
            }
            try (PgBouncerAdmin admin = consoles.apply(r.address()).open()) {
                PgBouncerDatabase db = admin.database(r.database()).orElse(null);
                if (db != null && db.paused()) {
                    admin.send(PgBouncerCommand.RESUME, r.database(), Duration.ofSeconds(5));
                    boolean still = admin.database(r.database()).map(PgBouncerDatabase::paused).orElse(false);
                    if (still) {
                        out.add(what + ": still paused after RESUME; kept in the journal");
                        continue;
                    }
                    out.add(what + ": resumed (it had been left paused)");
                } else {
                    out.add(what + ": " + (db == null ? "no such database any more" : "already running"));
                }
                journal.remove(r.id());
            } catch (TrafficSourceException | RuntimeException e) {
                out.add(what + ": could not resume now (" + e.getMessage() + "); kept in the journal");
            }
        }
        return out;
    }
}
