package io.pilothouse.services.switchover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.patroni.PatroniAnswer;
import io.pilothouse.services.patroni.PatroniAuth;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.patroni.PatroniUnavailableException;
import io.pilothouse.services.policy.AuditTrail;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Guided switchover and failover: pre-checks (also as a dry run), then inside the operation guard the Patroni
 * request, live progress from the model, a write probe, and the verification report. The same service drives the
 * wizard and the command line.
 *
 * <p>It never declares failure because an answer was lost: when Patroni's answer does not come, or says the status
 * is unknown, it keeps watching the live model (up to {@link SwitchoverSettings#verifyTimeout()}) and reports what
 * the cluster did.
 */
public final class SwitchoverService {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchoverService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EstateFeed feed;
    private final FactsCollector facts;
    private final PatroniRestClient rest;
    private final OperationGuard guard;
    private final PatroniAuthLookup auth;
    private final Function<ClusterSnapshot, WriteProbe.PrimaryConnector> probes;
    private final Executor probeExecutor;
    private final Function<ClusterSnapshot, WriteEndpoint> writeEndpoints;
    private final Clock clock;
    private final SwitchoverSettings settings;

    /**
     * @param auth          REST credentials per member API URL ({@link PatroniAuthLookup#NONE} when none)
     * @param probes        how to reach a cluster's primary for the write probe, or a function returning null to
     *                      skip the probe
     * @param probeExecutor runs the write probe (one long-running task per operation)
     * @param writeEndpoints the load balancer's write port of a cluster, or a function returning null when none
     */
    public SwitchoverService(EstateFeed feed, FactsCollector facts, PatroniRestClient rest, OperationGuard guard,
                             PatroniAuthLookup auth,
                             Function<ClusterSnapshot, WriteProbe.PrimaryConnector> probes, Executor probeExecutor,
                             Function<ClusterSnapshot, WriteEndpoint> writeEndpoints, Clock clock,
                             SwitchoverSettings settings) {
        this.writeEndpoints = writeEndpoints;
        this.feed = feed;
        this.facts = facts;
        this.rest = rest;
        this.guard = guard;
        this.auth = auth;
        this.probes = probes;
        this.probeExecutor = probeExecutor;
        this.clock = clock;
        this.settings = settings;
    }

    /** The cluster as the live model sees it now. */
    public ClusterSnapshot cluster(String source, String scope) {
        return feed.latest().cluster(source, scope).orElseThrow(() -> new IllegalArgumentException("no cluster "
                + scope + " in source " + source + " (is it still in etcd, and the source reachable?)"));
    }

    /** The pre-check matrix now: the dry run. Reads only, so allowed in read-only workspaces. */
    public CheckMatrix check(String source, String scope, OperationKind kind, Instant scheduledAt) {
        return PreChecks.evaluate(facts.collect(cluster(source, scope)), kind, scheduledAt);
    }

    /**
     * Runs the operation and returns its report; refusals by the pre-checks or Patroni, failures and uncertain
     * outcomes are all in the report (and in the audit log).
     *
     * @throws io.pilothouse.services.policy.ReadOnlyWorkspaceException in a read-only workspace
     * @throws MutationRefusedException when the audit log is unavailable or another operator holds the lock
     * @throws IllegalArgumentException when the cluster is not known
     */
    public SwitchoverReport run(SwitchoverRequest request, Consumer<ProgressStep> progress) throws Exception {
        return run(request, progress, ClientHold.NONE, false);
    }

    /**
     * As {@link #run(SwitchoverRequest, Consumer)}, with {@code hold} around the leader change (clients held at
     * PgBouncer) and, when {@code checkpointFirst}, a {@code CHECKPOINT} on the leader before Patroni is asked (so
     * the demoted leader's shutdown checkpoint has little left to write).
     */
    public SwitchoverReport run(SwitchoverRequest request, Consumer<ProgressStep> progress, ClientHold hold,
                                boolean checkpointFirst) throws Exception {
        ClusterSnapshot before = cluster(request.source(), request.scope());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("candidate", request.candidate());
        if (before.leader() != null) {
            parameters.put("leader", before.leader());
        }
        if (request.scheduledAt() != null) {
            parameters.put("scheduled_at", request.scheduledAt().toString());
        }
        if (hold != ClientHold.NONE) {
            parameters.put("hold_clients", hold.toString());
        }
        if (checkpointFirst) {
            parameters.put("checkpoint_first", "true");
        }
        MutationRequest mutation = new MutationRequest(request.kind().word(), request.cluster(), request.candidate(),
                parameters);
        try {
            return guard.run(mutation, before, trail -> attempt(request, before, trail, progress, hold,
                    checkpointFirst));
        } catch (Refused r) {
            return r.report;
        } catch (Unsuccessful u) {
            return u.report;
        }
    }

    /**
     * Cancels the cluster's scheduled switchover ({@code DELETE /switchover}) and waits until the live model no
     * longer shows it.
     *
     * @return what happened, in words
     * @throws MutationRefusedException when none is scheduled (nothing sent), or refused by the guard
     * @throws IllegalStateException    when Patroni did not delete it
     */
    public String cancelScheduled(String source, String scope) throws Exception {
        ClusterSnapshot cluster = cluster(source, scope);
        MutationRequest mutation = MutationRequest.of("cancel-switchover", source + "/" + scope, scope);
        return guard.run(mutation, cluster, trail -> {
            if (cluster.scheduledSwitchover() == null) {
                throw new MutationRefusedException(mutation, "no switchover is scheduled on " + scope
                        + "; nothing to cancel", null);
            }
            String was = "switchover to " + cluster.scheduledSwitchover().to() + " at "
                    + cluster.scheduledSwitchover().at();
            PatroniAnswer answer = null;
            for (String url : targets(new SwitchoverRequest(OperationKind.SWITCHOVER, source, scope,
                    cluster.scheduledSwitchover().to() == null ? "?" : cluster.scheduledSwitchover().to(), null),
                    cluster)) {
                try {
                    answer = rest.send("DELETE", url, "/switchover", null, auth.forUrl(url),
                            settings.commandTimeout()).get(settings.commandTimeout().toMillis() + 2000,
                            TimeUnit.MILLISECONDS);
                    break;
                } catch (ExecutionException e) {
                    trail.response("no answer from " + url + ": " + e.getCause().getMessage());
                }
            }
            if (answer == null) {
                throw new IllegalStateException("no member's REST API answered; the " + was + " may still be set");
            }
            trail.response(answer.describe());
            if (!answer.isSuccess()) {
                throw new IllegalStateException(PatroniVerdicts.explain(answer, "cancellation"));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (cluster(source, scope).scheduledSwitchover() != null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            boolean gone = cluster(source, scope).scheduledSwitchover() == null;
            trail.result("verified", gone ? "no scheduled switchover in the live model" : "still shown");
            return "cancelled the " + was + (gone ? "; the live model shows none scheduled"
                    : "; Patroni said so, but the live model still shows it after 15 s");
        });
    }

    private SwitchoverReport attempt(SwitchoverRequest request, ClusterSnapshot before, AuditTrail trail,
                                     Consumer<ProgressStep> progress, ClientHold hold, boolean checkpointFirst)
            throws Exception {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        ProgressTracker tracker = new ProgressTracker(before, start, progress);
        tracker.note("reading pre-check facts from " + before.members().size() + " members");
        ClusterFacts read = facts.collect(before);
        CheckMatrix matrix = PreChecks.evaluate(read, request.kind(), request.scheduledAt());
        CandidateChecks row = matrix.row(request.candidate()).orElse(null);
        Report report = new Report(request, startedAt, start, before, tracker);
        if (row == null) {
            report.summary = request.candidate() + " is not a replica of " + request.scope() + "; candidates: "
                    + String.join(", ", matrix.rows().stream().map(CandidateChecks::candidate).toList());
            throw new Refused(report.build(Outcome.REFUSED, null, null));
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
            throw new Refused(report.build(Outcome.REFUSED, null, null));
        }
        tracker.note("pre-checks passed" + (row.warnings().isEmpty() ? "" : " with " + row.warnings().size()
                + " warning(s)"));

        if (request.scheduledAt() != null && hold != ClientHold.NONE) {
            report.summary = "clients can only be held for a switchover that happens now, not a scheduled one";
            throw new Refused(report.build(Outcome.REFUSED, null, null));
        }
        if (checkpointFirst && request.scheduledAt() == null) {
            tracker.note(LeaderCheckpoint.run(probes.apply(before), trail));
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            return leaderChange(request, before, trail, tracker, report, read, hold, released);
        } finally {
            if (!released.get()) {
                ClusterSnapshot now = feed.latest().cluster(request.source(), request.scope()).orElse(before);
                hold.release(now, request.candidate().equals(now.leader()) ? request.candidate() : now.leader(),
                        trail, tracker::note);
            }
        }
    }

    private SwitchoverReport leaderChange(SwitchoverRequest request, ClusterSnapshot before, AuditTrail trail,
                                          ProgressTracker tracker, Report report, ClusterFacts read,
                                          ClientHold hold, java.util.concurrent.atomic.AtomicBoolean released)
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
                throw new Refused(report.build(Outcome.REFUSED, stop(probe), null));
            }
            hold.leaderRequested(before, request.candidate());
            PatroniVerdicts.Next next = send(request, before, trail, tracker, report);
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
                throw new Refused(report.build(Outcome.REFUSED, stop(probe), null));
            }
            List<VerificationItem> items = awaitSettled(request, before, read.config(), next, tracker, changed);
            if (clients != null) {
                items = new ArrayList<>(items);
                items.add(clients);
            }
            WriteProbeResult writes = stop(probe);
            ClusterSnapshot after = cluster(request.source(), request.scope());
            Outcome outcome = outcomeOf(request, after, next, items);
            if (outcome == Outcome.UNCERTAIN && after.leader() != null) {
                report.summary = failedLines(items);
            }
            SwitchoverReport done = report.build(outcome, writes, items);
            record(trail, done);
            if (outcome != Outcome.COMPLETED) {
                throw new Unsuccessful(done);
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

    /**
     * How the operation ended once watching stopped: completed only when the candidate leads and no verification
     * line failed; the candidate leading with a failed line is uncertain (the operator must look), never completed.
     */
    static Outcome outcomeOf(SwitchoverRequest request, ClusterSnapshot after, PatroniVerdicts.Next next,
                             List<VerificationItem> items) {
        if (request.candidate().equals(after.leader())) {
            return Verifier.settled(items) ? Outcome.COMPLETED : Outcome.UNCERTAIN;
        }
        return next == PatroniVerdicts.Next.WATCH && after.leader() == null ? Outcome.UNCERTAIN : Outcome.FAILED;
    }

    /** The failed verification lines in words: {@code verification failed: cascade: node3 …}. */
    private String failedLines(List<VerificationItem> items) {
        return "verification did not pass within " + settings.verifyTimeout().toSeconds()
                + " s of the leader change: " + String.join("; ", items.stream()
                .filter(i -> i.verdict() == Verdict.FAIL).map(i -> i.id() + " (" + i.title() + "): " + i.detail())
                .toList());
    }

    /** This service with another bound on the verification (the rest of the settings unchanged). */
    public SwitchoverService withVerifyTimeout(Duration verifyTimeout) {
        return new SwitchoverService(feed, facts, rest, guard, auth, probes, probeExecutor, writeEndpoints, clock,
                settings.withVerifyTimeout(verifyTimeout));
    }

    /** The time limits in force. */
    public SwitchoverSettings settings() {
        return settings;
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

    /** Sends the request to the first member that accepts a connection; never re-sends after a lost answer. */
    private PatroniVerdicts.Next send(SwitchoverRequest request, ClusterSnapshot before, AuditTrail trail,
                                      ProgressTracker tracker, Report report) {
        ObjectNode body = JSON.createObjectNode();
        if (request.kind() == OperationKind.SWITCHOVER || before.leader() != null) {
            body.put("leader", before.leader());
        }
        body.put("candidate", request.candidate());
        if (request.scheduledAt() != null) {
            body.put("scheduled_at", request.scheduledAt().toString());
        }
        String path = "/" + request.kind().word();
        List<String> urls = targets(request, before);
        for (String url : urls) {
            PatroniAuth credentials = auth.forUrl(url);
            tracker.note("POST " + path + " to " + url);
            try {
                PatroniAnswer answer = rest.send("POST", url, path, body.toString(), credentials,
                        settings.commandTimeout()).get(settings.commandTimeout().toMillis() + 2000,
                        TimeUnit.MILLISECONDS);
                trail.response(answer.describe());
                report.responses.add(answer.describe());
                String explained = PatroniVerdicts.explain(answer, request.kind().word());
                tracker.note(explained);
                report.summary = explained;
                return PatroniVerdicts.next(answer);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : e.getCause();
                String what = "no answer from " + url + ": " + cause.getMessage();
                trail.response(what);
                report.responses.add(what);
                tracker.note(what);
                if (!(cause instanceof PatroniUnavailableException && cause.getCause() instanceof ConnectException)) {
                    // The request may have arrived: sending it elsewhere could act twice. Watch instead.
                    report.summary = "Patroni's answer was lost; watching the cluster instead";
                    return PatroniVerdicts.Next.WATCH;
                }
            } catch (TimeoutException e) {
                String what = "no answer from " + url + " within " + settings.commandTimeout().toSeconds() + " s";
                trail.response(what);
                report.responses.add(what);
                tracker.note(what + "; watching the cluster instead");
                report.summary = "Patroni did not answer in time; watching the cluster instead";
                return PatroniVerdicts.Next.WATCH;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                report.summary = "interrupted while waiting for Patroni";
                return PatroniVerdicts.Next.WATCH;
            }
        }
        report.summary = "no member's REST API accepted a connection (" + String.join(", ", urls) + ")";
        return PatroniVerdicts.Next.REFUSED;
    }

    /** Switchover: the leader first (it does the work), then the others. Failover: the candidate first. */
    private static List<String> targets(SwitchoverRequest request, ClusterSnapshot before) {
        List<String> urls = new ArrayList<>();
        String first = request.kind() == OperationKind.SWITCHOVER ? before.leader() : request.candidate();
        before.member(first).map(Member::apiUrl).ifPresent(urls::add);
        before.members().stream().map(Member::apiUrl).filter(u -> u != null && !urls.contains(u)).forEach(urls::add);
        return urls;
    }

    private List<VerificationItem> awaitSettled(SwitchoverRequest request, ClusterSnapshot before,
                                                DynamicConfig config, PatroniVerdicts.Next next,
                                                ProgressTracker tracker, java.util.concurrent.Semaphore changed) {
        // Bounded from the leader change: until it is seen, from the start of watching.
        long deadline = System.nanoTime() + settings.verifyTimeout().toNanos();
        boolean leaderChangeSeen = false;
        // After "failed", Patroni has given up: a shorter look is enough to be sure the old leader stayed.
        long failedDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        WriteEndpoint endpoint = writeEndpoints.apply(before);
        VerificationItem endpointItem = null;
        long endpointCheckedAt = 0;
        List<VerificationItem> items = List.of();
        while (System.nanoTime() < deadline) {
            ClusterSnapshot now = cluster(request.source(), request.scope());
            if (!leaderChangeSeen && request.candidate().equals(now.leader())) {
                leaderChangeSeen = true;
                deadline = System.nanoTime() + settings.verifyTimeout().toNanos();
            }
            items = new ArrayList<>(Verifier.verify(before, now, request, config));
            // The balancer follows its own health checks: ask it at most once a second, once the rest holds.
            if (endpoint != null && Verifier.settled(items)) {
                if (endpointItem == null || endpointItem.verdict() == Verdict.FAIL
                        && System.nanoTime() - endpointCheckedAt > 1_000_000_000L) {
                    endpointItem = endpoint.check(now);
                    endpointCheckedAt = System.nanoTime();
                }
                items.add(endpointItem);
            }
            if (Verifier.settled(items) && (endpoint == null || endpointItem != null)) {
                tracker.note("verified: every check holds");
                return items;
            }
            if (now.leader() != null && !now.leader().equals(request.candidate())
                    && !now.leader().equals(before.leader())) {
                tracker.note(now.leader() + " took the leader key instead of " + request.candidate()
                        + "; stopped watching");
                return items;
            }
            boolean oldLeaderKept = before.leader() != null && before.leader().equals(now.leader());
            if (next == PatroniVerdicts.Next.WATCH && oldLeaderKept && System.nanoTime() > failedDeadline) {
                tracker.note(before.leader() + " kept the leader key; nothing changed");
                return items;
            }
            try {
                // Until the next snapshot, or a moment to re-ask the load balancer and check the deadlines.
                changed.tryAcquire(200, TimeUnit.MILLISECONDS);
                changed.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tracker.note("stopped watching " + settings.verifyTimeout().toSeconds() + " s after "
                + (leaderChangeSeen ? "the leader change" : "the request") + "; failed: " + String.join(", ",
                items.stream().filter(i -> i.verdict() == Verdict.FAIL).map(VerificationItem::id).toList()));
        return items;
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

    /** What is known so far, turned into the report at the end. */
    private final class Report {
        private final SwitchoverRequest request;
        private final Instant startedAt;
        private final long startNanos;
        private final ClusterSnapshot before;
        private final ProgressTracker tracker;
        private final List<String> responses = new ArrayList<>();
        private CandidateChecks checks;
        private Long predictedLoss;
        private String summary = "";

        Report(SwitchoverRequest request, Instant startedAt, long startNanos, ClusterSnapshot before,
               ProgressTracker tracker) {
            this.request = request;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
            this.before = before;
            this.tracker = tracker;
        }

        SwitchoverReport build(Outcome outcome, WriteProbeResult writes, List<VerificationItem> items) {
            WriteProbeResult w = writes == null ? WriteProbeResult.NOT_MEASURED : writes;
            List<VerificationItem> all = new ArrayList<>(items == null ? List.of() : items);
            if (items != null) {
                all.add(writesItem(w));
            }
            ClusterSnapshot now = feed.latest().cluster(request.source(), request.scope()).orElse(before);
            String sentence = switch (outcome) {
                case COMPLETED -> request.candidate() + " is the leader of " + request.scope()
                        + (w.measured() && w.everWrote() ? "; writes were unavailable for "
                        + w.unavailable().toMillis() + " ms" : "");
                case SCHEDULED -> summary;
                case REFUSED -> "nothing changed: " + summary;
                case FAILED -> request.kind().word() + " did not complete: " + summary + "; leader is "
                        + (now.leader() == null ? "nobody" : now.leader());
                case UNCERTAIN -> now.leader() != null && now.leader().equals(request.candidate())
                        ? "outcome uncertain: " + request.candidate() + " is the leader of " + request.scope() + ", but "
                        + summary
                        : "outcome unknown: " + summary + "; no member holds the leader key yet";
            };
            return new SwitchoverReport(request, outcome, sentence, startedAt, before.leader(), now.leader(),
                    checks, predictedLoss, tracker.steps(), responses, all, w,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private static VerificationItem writesItem(WriteProbeResult w) {
        if (!w.measured()) {
            return new VerificationItem("writes", "Write unavailability measured", Verdict.WARN,
                    "not measured: no SQL access to the primary");
        }
        if (!w.everWrote()) {
            return new VerificationItem("writes", "Write unavailability measured", Verdict.WARN,
                    "the probe never managed to write: " + w.lastError());
        }
        return new VerificationItem("writes", "Write unavailability measured", Verdict.PASS,
                "longest gap between acknowledged writes " + w.unavailable().toMillis() + " ms (" + w.writes()
                        + " writes, " + w.failures() + " failed attempts)");
    }

    /** Refused by the pre-checks or by Patroni: audited as refused, returned as a report. */
    private static final class Refused extends MutationRefusedException {
        private static final long serialVersionUID = 1L;
        private final transient SwitchoverReport report;

        Refused(SwitchoverReport report) {
            super(null, report.summary(), null);
            this.report = report;
        }
    }

    /** Attempted and not completed: audited as failed, returned as a report. */
    private static final class Unsuccessful extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SwitchoverReport report;

        Unsuccessful(SwitchoverReport report) {
            super(report.summary());
            this.report = report;
        }
    }
}
