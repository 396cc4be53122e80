package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.policy.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One leader change inside the operation guard: the pre-checks again, the clients held, the write probe, the
 * request to Patroni, watching until it settled, the clients let go, and the report.
 */
final class LeaderChangeRun {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderChangeRun.class);

    private final EstateFeed feed;
    private final FactsCollector facts;
    private final Function<ClusterSnapshot, WriteProbe.PrimaryConnector> probes;
    private final Executor probeExecutor;
    private final Clock clock;
    private final SwitchoverSettings settings;
    private final PatroniRequests requests;
    private final SettledWatch settledWatch;

    LeaderChangeRun(EstateFeed feed, FactsCollector facts, Function<ClusterSnapshot, WriteProbe.PrimaryConnector> probes,
                    Executor probeExecutor, Clock clock, SwitchoverSettings settings, PatroniRequests requests,
                    SettledWatch settledWatch) {
        this.feed = feed;
        this.facts = facts;
        this.probes = probes;
        this.probeExecutor = probeExecutor;
        this.clock = clock;
        this.settings = settings;
        this.requests = requests;
        this.settledWatch = settledWatch;
    }

    /** The cluster as the live model sees it now. */
    private ClusterSnapshot cluster(String source, String scope) {
        return feed.latest().cluster(source, scope).orElseThrow(() -> new IllegalArgumentException("no cluster "
                + scope + " in source " + source + " (is it still in etcd, and the source reachable?)"));
    }

    /** The cluster as the live model sees it now, or {@code before} when it is gone from the model. */
    private ClusterSnapshot current(SwitchoverRequest request, ClusterSnapshot before) {
        return feed.latest().cluster(request.source(), request.scope()).orElse(before);
    }

    SwitchoverReport attempt(SwitchoverRequest request, ClusterSnapshot before, AuditTrail trail,
                                     Consumer<ProgressStep> progress, ClientHold hold, boolean checkpointFirst)
            throws Exception {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        ProgressTracker tracker = new ProgressTracker(before, start, progress);
        tracker.note("reading pre-check facts from " + before.members().size() + " members");
        ClusterFacts read = facts.collect(before);
        CheckMatrix matrix = PreChecks.evaluate(read, request.kind(), request.scheduledAt());
        CandidateChecks row = matrix.row(request.candidate()).orElse(null);
        ReportDraft report = new ReportDraft(request, startedAt, start, before, tracker,
                () -> current(request, before));
        if (row == null) {
            report.summary = request.candidate() + " is not a replica of " + request.scope() + "; candidates: "
                    + String.join(", ", matrix.rows().stream().map(CandidateChecks::candidate).toList());
            throw new OperationEnd.Refused(report.build(Outcome.REFUSED, null, null));
        }
        row.results().forEach(r -> trail.check(r.check().id(), r.verdict().word(), r.reason()));
        report.checks = row;
        if (request.kind() == OperationKind.FAILOVER) {
            report.predictedLoss = PromotionRule.predictedLoss(read, before.member(request.candidate()).orElseThrow());
            if (report.predictedLoss != null) {
                trail.result("predictedLossBytes", Long.toString(report.predictedLoss));
            }
        }
        if (!row.eligible()) {
            report.summary = "refused by the pre-checks: " + String.join("; ", row.failures().stream()
                    .map(f -> f.check().id() + ": " + f.reason()).toList());
            throw new OperationEnd.Refused(report.build(Outcome.REFUSED, null, null));
        }
        tracker.note("pre-checks passed" + (row.warnings().isEmpty() ? "" : " with " + row.warnings().size()
                + " warning(s)"));

        if (request.scheduledAt() != null && hold != ClientHold.NONE) {
            report.summary = "clients can only be held for a switchover that happens now, not a scheduled one";
            throw new OperationEnd.Refused(report.build(Outcome.REFUSED, null, null));
        }
        if (checkpointFirst && request.scheduledAt() == null) {
            tracker.note(LeaderCheckpoint.run(probes.apply(before), trail));
        }
        AtomicBoolean released = new AtomicBoolean();
        try {
            return leaderChange(request, before, trail, tracker, report, read, hold, released);
        } finally {
            if (!released.get()) {
                ClusterSnapshot now = current(request, before);
                hold.release(now, request.candidate().equals(now.leader()) ? request.candidate() : now.leader(),
                        trail, tracker::note);
            }
        }
    }

    private SwitchoverReport leaderChange(SwitchoverRequest request, ClusterSnapshot before, AuditTrail trail,
                                          ProgressTracker tracker, ReportDraft report, ClusterFacts read,
                                          ClientHold hold, AtomicBoolean released)
            throws Exception {
        WriteProbe probe = startProbe(request, before, tracker);
        // Each new snapshot of the cluster moves the progress on and wakes the verification below.
        java.util.concurrent.Semaphore changed = new java.util.concurrent.Semaphore(0);
        AutoCloseable subscription = feed.subscribe(estate -> estate.cluster(request.source(), request.scope())
                .ifPresent(c -> {
                    tracker.onSnapshot(c);
                    changed.release();
                }));
        try {
            // Held only now, with the probe writing: clients wait from here until the candidate is reached.
            try {
                hold.hold(before, trail, tracker::note);
            } catch (Exception e) {
                report.summary = "clients could not be held: " + e.getMessage();
                throw new OperationEnd.Refused(report.build(Outcome.REFUSED, stop(probe), null));
            }
            hold.leaderRequested(before, request.candidate());
            PatroniVerdicts.Next next = requests.send(request, before, trail, tracker, report);
            VerificationItem clients = null;
            if (hold != ClientHold.NONE) {
                // Let clients go as soon as the leader change is through (Patroni answers once it is), not after the
                // whole verification: release waits until the pooler reaches the new leader.
                released.set(true);
                clients = hold.release(cluster(request.source(), request.scope()),
                        next == PatroniVerdicts.Next.REFUSED ? before.leader() : request.candidate(), trail,
                        tracker::note);
            }
            if (next == PatroniVerdicts.Next.SCHEDULED) {
                return report.build(Outcome.SCHEDULED, stop(probe), null);
            }
            if (next == PatroniVerdicts.Next.REFUSED) {
                throw new OperationEnd.Refused(report.build(Outcome.REFUSED, stop(probe), null));
            }
            List<VerificationItem> items = settledWatch.await(request, before, read.config(), next, tracker, changed,
                    () -> cluster(request.source(), request.scope()));
            if (clients != null) {
                items = new ArrayList<>(items);
                items.add(clients);
            }
            WriteProbeResult writes = stop(probe);
            ClusterSnapshot after = cluster(request.source(), request.scope());
            Outcome outcome = SwitchoverService.outcomeOf(request, after, next, items);
            if (outcome == Outcome.UNCERTAIN && after.leader() != null) {
                report.summary = failedLines(items);
            }
            SwitchoverReport done = report.build(outcome, writes, items);
            record(trail, done);
            if (outcome != Outcome.COMPLETED) {
                throw new OperationEnd.Unsuccessful(done);
            }
            return done;
        } finally {
            stop(probe);
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribing failed", e);
            }
        }
    }

    /** The failed verification lines in words: {@code verification failed: cascade: node3 …}. */
    private String failedLines(List<VerificationItem> items) {
        return "verification did not pass within " + settings.verifyTimeout().toSeconds()
                + " s of the leader change: " + String.join("; ", items.stream()
                .filter(i -> i.verdict() == Verdict.FAIL).map(i -> i.id() + " (" + i.title() + "): " + i.detail())
                .toList());
    }

    private WriteProbe startProbe(SwitchoverRequest request, ClusterSnapshot before, ProgressTracker tracker) {
        if (request.scheduledAt() != null) {
            return null;
        }
        WriteProbe.PrimaryConnector connector = probes.apply(before);
        if (connector == null) {
            tracker.note("write probe skipped: no SQL access to this cluster");
            return null;
        }
        WriteProbe probe = new WriteProbe(connector, settings.probeInterval()).start(probeExecutor,
                Duration.ofSeconds(3));
        tracker.note("write probe started (SELECT txid_current() every " + settings.probeInterval().toMillis()
                + " ms on the primary)");
        return probe;
    }

    private static WriteProbeResult stop(WriteProbe probe) {
        return probe == null ? WriteProbeResult.NOT_MEASURED : probe.stop();
    }

    private static void record(AuditTrail trail, SwitchoverReport report) {
        trail.result("outcome", report.outcome().word());
        if (report.newLeader() != null) {
            trail.result("newLeader", report.newLeader());
        }
        if (report.writes().measured()) {
            trail.result("writeUnavailableMs", Long.toString(report.writes().unavailable().toMillis()));
        }
        trail.result("totalMs", Long.toString(report.total().toMillis()));
        report.verification().forEach(v -> trail.result("verify." + v.id(), v.verdict().word() + ": " + v.detail()));
    }
}
