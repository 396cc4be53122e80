package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.policy.AuditTrail;
import io.pilothouse.services.switchover.ClientHold;
import io.pilothouse.services.switchover.Verdict;
import io.pilothouse.services.switchover.VerificationItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Holds clients at PgBouncer across a switchover: PAUSE (journaled first) -> the leader change -> wait until where
 * PgBouncer points reaches the new leader -> RECONNECT -> RESUME. RESUME always happens: after the switchover
 * whatever its outcome, from a watchdog once {@code maxHold} has passed (a stuck switchover never holds clients
 * longer), and at the next start from the journal when the app died. While held, the longest client wait is sampled
 * from {@code SHOW POOLS}.
 */
public final class PgBouncerClientHold implements ClientHold {

    private static final Logger LOG = LoggerFactory.getLogger(PgBouncerClientHold.class);

    private final PgBouncerConnector bouncer;
    private final String database;
    private final HoldJournal journal;
    private final PoolerTarget target;
    private final Duration maxHold;
    private final Duration reachTimeout;
    private final Clock clock;

    private final AtomicBoolean resumed = new AtomicBoolean();
    private final AtomicLong longestWaitMicros = new AtomicLong();
    private volatile ScheduledExecutorService timers;
    /** Watches for the candidate apart from the timers, so the watchdog never waits behind it. */
    private volatile ScheduledExecutorService watcher;
    private volatile HoldRecord record;
    private volatile long heldAtNanos;
    private volatile long heldUntilNanos;
    private volatile String watchdogNote;
    private volatile Future<String> early;
    private volatile String earlyResume;
    private volatile String earlyCandidate;
    private volatile PgBouncerDatabase pointsTo;
    private volatile HoldSteering steering;

    /**
     * @param maxHold      the watchdog resumes after this long whatever happens (a switchover takes a few seconds)
     * @param reachTimeout how long to wait for PgBouncer's target to reach the new leader before resuming anyway
     */
    public PgBouncerClientHold(PgBouncerConnector bouncer, String database, HoldJournal journal, PoolerTarget target,
                               Duration maxHold, Duration reachTimeout, Clock clock) {
        this.bouncer = bouncer;
        this.database = PgBouncerAdmin.checkedName(database);
        this.journal = journal;
        this.target = target;
        this.maxHold = maxHold;
        this.reachTimeout = reachTimeout;
        this.clock = clock;
    }

    /**
     * Also points HAProxy's write backends at the candidate the moment it accepts writes (see
     * {@link HaproxyWriteSteer}), so PgBouncer reaches it and clients are let go without waiting for HAProxy's
     * health checks.
     *
     * @return this hold
     */
    public PgBouncerClientHold steering(HaproxyWriteSteer haproxy) {
        this.steering = new HoldSteering(haproxy);
        return this;
    }

    @Override
    public String toString() {
        return "PgBouncer " + bouncer.address().label() + " database " + database;
    }

    @Override
    public void hold(ClusterSnapshot before, AuditTrail trail, Consumer<String> note) throws Exception {
        try (PgBouncerAdmin admin = bouncer.open()) {
            PgBouncerDatabase db = admin.database(database).orElseThrow(() -> new TrafficSourceException("PgBouncer "
                    + "at " + bouncer.address().label() + " has no database " + database, null));
            if (db.paused()) {
                throw new TrafficSourceException("PgBouncer database " + database + " is already paused (by someone "
                        + "else?); resume it first or leave it to whoever paused it", null);
            }
            trail.result("pgbouncer.before", db.describe());
            pointsTo = db;
            Instant now = clock.instant();
            record = new HoldRecord("hold-" + now.toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8),
                    bouncer.address().host(), bouncer.address().port(), bouncer.address().user(), database,
                    before.source() + "/" + before.scope(), now, now.plus(maxHold));
            journal.save(record);
            timers = io.pilothouse.services.live.LiveExecutors.single("pgbouncer-hold-" + database);
            watcher = io.pilothouse.services.live.LiveExecutors.single("pgbouncer-hold-watch-" + database);
            // Armed before the PAUSE: a PAUSE that hangs on a long client transaction is resumed too.
            timers.schedule(this::watchdog, maxHold.toMillis(), TimeUnit.MILLISECONDS);
            heldAtNanos = System.nanoTime();
            try {
                admin.send(PgBouncerCommand.PAUSE, database, maxHold);
            } catch (TrafficSourceException e) {
                try {
                    resume(admin);
                } finally {
                    shutdownTimers();
                }
                throw e;
            }
            trail.response("PAUSE " + database + " -> ok");
            note.accept("clients held at PgBouncer " + bouncer.address().label() + " (PAUSE " + database + " after "
                    + (System.nanoTime() - heldAtNanos) / 1_000_000L + " ms); RESUME at the latest in "
                    + maxHold.toSeconds() + " s");
            timers.scheduleWithFixedDelay(this::sampleWait, 50, 100, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void leaderRequested(ClusterSnapshot before, String candidate) {
        ScheduledExecutorService t = watcher;
        if (record == null || t == null) {
            return;
        }
        earlyCandidate = candidate;
        HoldSteering haproxy = steering;
        boolean steer = haproxy != null && haproxy.prepare(before, candidate);
        early = t.submit(() -> {
            if (steer) {
                haproxy.steerOncePromoted(before, candidate, reachTimeout, resumed::get);
            }
            String reached = waitForLeader(before, candidate, s -> { });
            if (reached.startsWith("reaches " + candidate + " ")) {
                try (PgBouncerAdmin admin = bouncer.open()) {
                    sampleWith(admin);
                    admin.send(PgBouncerCommand.RECONNECT, database, Duration.ofSeconds(5));
                    earlyResume = resume(admin);
                }
            }
            return reached;
        });
    }

    @Override
    public VerificationItem release(ClusterSnapshot after, String expectedLeader, AuditTrail trail,
                                    Consumer<String> note) {
        String title = "Clients held at PgBouncer";
        if (record == null) {
            return null;
        }
        if (early != null && expectedLeader != null && !expectedLeader.equals(earlyCandidate)) {
            early.cancel(true); // the switchover did not happen: do not wait for the candidate
        }
        String reached = earlyOutcome();
        boolean reachedLeader;
        String resumedWords;
        if (reached != null && earlyResume != null) {
            reachedLeader = true;
            resumedWords = earlyResume + " as soon as the candidate was reached";
        } else {
            reached = waitForLeader(after, expectedLeader, note);
            reachedLeader = reached.startsWith("reaches " + expectedLeader + " ");
            resumedWords = finalResume(reachedLeader);
        }
        shutdownTimers();
        long heldMs = ((heldUntilNanos == 0 ? System.nanoTime() : heldUntilNanos) - heldAtNanos) / 1_000_000L;
        long waitMs = longestWaitMicros.get() / 1000;
        trail.result("pgbouncer.heldMs", Long.toString(heldMs));
        trail.result("pgbouncer.longestClientWaitMs", Long.toString(waitMs));
        trail.result("pgbouncer.target", reached);
        trail.result("pgbouncer.resume", resumedWords);
        HoldSteering haproxySteering = steering;
        String haproxy = haproxySteering == null ? "" : haproxySteering.audit(trail);
        String detail = "held " + heldMs + " ms; longest client wait " + waitMs + " ms; PgBouncer's target "
                + reached + "; " + resumedWords + haproxy + (watchdogNote == null ? "" : "; " + watchdogNote);
        note.accept(detail);
        boolean resumedOk = resumed.get() && !resumedWords.startsWith("RESUME failed");
        return new VerificationItem("clients_held", title, !resumedOk ? Verdict.FAIL
                : reachedLeader ? Verdict.PASS : Verdict.WARN, detail);
    }

    private String earlyOutcome() {
        Future<String> f = early;
        if (f == null) {
            return null;
        }
        try {
            return f.get(reachTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException e) {
            f.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        }
    }

    private String finalResume(boolean reachedLeader) {
        try (PgBouncerAdmin admin = bouncer.open()) {
            sampleWith(admin);
            if (reachedLeader) {
                admin.send(PgBouncerCommand.RECONNECT, database, Duration.ofSeconds(5));
            }
            return resume(admin);
        } catch (TrafficSourceException | RuntimeException e) {
            return "RESUME failed: " + e.getMessage() + " (the journal keeps it; the next start resumes it, "
                    + "or run: pilothouse traffic pgbouncer resume --database " + database + ")";
        }
    }

    /** The longest a client waited while held, so far. */
    public Duration longestClientWait() {
        return Duration.ofNanos(longestWaitMicros.get() * 1000);
    }

    private String waitForLeader(ClusterSnapshot after, String expectedLeader, Consumer<String> note) {
        Member leader = expectedLeader == null ? null : after.member(expectedLeader).orElse(null);
        if (leader == null) {
            return "not checked: no leader known";
        }
        // Where it points, as read when held (a switchover does not change PgBouncer's configuration).
        PgBouncerDatabase db = pointsTo;
        if (db == null) {
            try (PgBouncerAdmin admin = bouncer.open()) {
                db = admin.database(database).orElse(null);
            } catch (TrafficSourceException e) {
                return "not checked: " + e.getMessage();
            }
        }
        if (db == null || db.host().isEmpty() || db.host().startsWith("/")) {
            return "not checked: PgBouncer's database " + database + " has no TCP host";
        }
        return new PgBouncerTargetWait(target, reachTimeout, resumed::get).await(after, expectedLeader, db, note);
    }

    private String resume(PgBouncerAdmin admin) throws TrafficSourceException {
        if (!resumed.compareAndSet(false, true)) {
            return "RESUME already sent by the watchdog";
        }
        try {
            admin.send(PgBouncerCommand.RESUME, database, Duration.ofSeconds(5));
        } catch (TrafficSourceException e) {
            if (!String.valueOf(e.getMessage()).contains("not paused")) {
                resumed.set(false);
                throw e;
            }
        }
        boolean paused = admin.database(database).map(PgBouncerDatabase::paused).orElse(false);
        if (paused) {
            resumed.set(false);
            throw new TrafficSourceException("PgBouncer still shows " + database + " paused after RESUME", null);
        }
        heldUntilNanos = System.nanoTime();
        journal.remove(record.id());
        return "RESUME " + database + " read back (not paused)";
    }

    private void watchdog() {
        if (resumed.get()) {
            return;
        }
        try (PgBouncerAdmin admin = bouncer.open()) {
            watchdogNote = "the watchdog resumed after " + maxHold.toSeconds() + " s: " + resume(admin);
            LOG.warn("PgBouncer {} database {}: {}", bouncer.address().label(), database, watchdogNote);
        } catch (TrafficSourceException | RuntimeException e) {
            LOG.error("The watchdog could not resume PgBouncer {} database {}: {} (the journal keeps it)",
                    bouncer.address().label(), database, e.getMessage());
        }
    }

    private void sampleWait() {
        try (PgBouncerAdmin admin = bouncer.open()) {
            sampleWith(admin);
        } catch (TrafficSourceException | RuntimeException e) {
            LOG.debug("Sampling PgBouncer's waits failed: {}", e.getMessage());
        }
    }

    private void sampleWith(PgBouncerAdmin admin) throws TrafficSourceException {
        admin.database(database).ifPresent(d -> longestWaitMicros.accumulateAndGet(d.maxWaitMicros(), Math::max));
    }

    private void shutdownTimers() {
        for (ScheduledExecutorService t : new ScheduledExecutorService[] {timers, watcher}) {
            if (t != null) {
                t.shutdownNow();
            }
        }
    }
}
