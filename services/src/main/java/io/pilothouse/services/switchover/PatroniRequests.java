package io.pilothouse.services.switchover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.patroni.PatroniAnswer;
import io.pilothouse.services.patroni.PatroniAuth;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.patroni.PatroniUnavailableException;
import io.pilothouse.services.policy.AuditTrail;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The switchover's requests to Patroni's REST API: the leader change ({@code POST /switchover} or
 * {@code /failover}) and the cancellation of a scheduled one ({@code DELETE /switchover}), each to the first member
 * that accepts a connection.
 */
final class PatroniRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PatroniRestClient rest;
    private final PatroniAuthLookup auth;
    private final SwitchoverSettings settings;

    PatroniRequests(PatroniRestClient rest, PatroniAuthLookup auth, SwitchoverSettings settings) {
        this.rest = rest;
        this.auth = auth;
        this.settings = settings;
    }

    /** Sends the request to the first member that accepts a connection; never re-sends after a lost answer. */
    PatroniVerdicts.Next send(SwitchoverRequest request, ClusterSnapshot before, AuditTrail trail,
                              ProgressTracker tracker, ReportDraft report) {
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

    /**
     * Sends {@code DELETE /switchover} for {@code cluster}'s scheduled switchover to the first member that answers.
     *
     * @return Patroni's answer, or null when no member's REST API answered
     */
    PatroniAnswer deleteScheduled(ClusterSnapshot cluster, String source, String scope, AuditTrail trail)
            throws InterruptedException, TimeoutException {
        String to = cluster.scheduledSwitchover().to() == null ? "?" : cluster.scheduledSwitchover().to();
        for (String url : targets(new SwitchoverRequest(OperationKind.SWITCHOVER, source, scope, to, null), cluster)) {
            try {
                return rest.send("DELETE", url, "/switchover", null, auth.forUrl(url),
                        settings.commandTimeout()).get(settings.commandTimeout().toMillis() + 2000,
                        TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                trail.response("no answer from " + url + ": " + e.getCause().getMessage());
            }
        }
        return null;
    }

    /** Switchover: the leader first (it does the work), then the others. Failover: the candidate first. */
    private static List<String> targets(SwitchoverRequest request, ClusterSnapshot before) {
        List<String> urls = new ArrayList<>();
        String first = request.kind() == OperationKind.SWITCHOVER ? before.leader() : request.candidate();
        before.member(first).map(Member::apiUrl).ifPresent(urls::add);
        before.members().stream().map(Member::apiUrl).filter(u -> u != null && !urls.contains(u)).forEach(urls::add);
        return urls;
    }
}
