package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
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
    private final PatroniRequests requests;
    private final LeaderChangeRun leaderChanges;

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
        this.requests = new PatroniRequests(rest, auth, settings);
        this.leaderChanges = new LeaderChangeRun(feed, facts, probes, probeExecutor, clock, settings, requests,
                new SettledWatch(writeEndpoints, settings));
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
            return guard.run(mutation, before, trail -> leaderChanges.attempt(request, before, trail, progress, hold,
                    checkpointFirst));
        } catch (OperationEnd.Refused r) {
            return r.report;
        } catch (OperationEnd.Unsuccessful u) {
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
            return ScheduledCancellation.cancel(requests, cluster, source, scope, trail,
                    () -> cluster(source, scope));
        });
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

    /** This service with another bound on the verification (the rest of the settings unchanged). */
    public SwitchoverService withVerifyTimeout(Duration verifyTimeout) {
        return new SwitchoverService(feed, facts, rest, guard, auth, probes, probeExecutor, writeEndpoints, clock,
                settings.withVerifyTimeout(verifyTimeout));
    }

    /** The time limits in force. */
    public SwitchoverSettings settings() {
        return settings;
    }

}
