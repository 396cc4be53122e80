package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, against the live model, that the cluster ended where the operator asked: the candidate holds the
 * leader key, the timeline went up by one, the old leader is back as a streaming replica (Patroni ran pg_rewind if
 * it had to), every replica streams from the new leader — except cascades, which stream from their configured
 * upstream while it is up ({@link ExpectedUpstreams}) — and synchronous replication is back when configured.
 * Pure; {@link SwitchoverService} calls it on every new snapshot until it all holds or time runs out.
 */
public final class Verifier {

    private Verifier() {
    }

    /** The cluster-state items (not the write figures, which come from the probe). */
    public static List<VerificationItem> verify(ClusterSnapshot before, ClusterSnapshot after,
                                                SwitchoverRequest request, DynamicConfig config) {
        List<VerificationItem> items = new ArrayList<>();
        String candidate = request.candidate();
        items.add(candidate.equals(after.leader())
                ? item("leader", "Candidate holds the leader key", Verdict.PASS, candidate + " is the leader")
                : item("leader", "Candidate holds the leader key", Verdict.FAIL, after.leader() == null
                        ? "no member holds the leader key" : after.leader() + " holds it, not " + candidate));

        Integer from = before.timeline();
        Integer to = after.timeline();
        if (from == null || to == null) {
            items.add(item("timeline", "Timeline went up by one", Verdict.WARN, "timeline not known ("
                    + from + " → " + to + ")"));
        } else {
            items.add(item("timeline", "Timeline went up by one", to == from + 1 ? Verdict.PASS : Verdict.FAIL,
                    "timeline " + from + " → " + to));
        }

        String oldLeader = before.leader();
        if (oldLeader != null && !oldLeader.equals(candidate)) {
            Optional<Member> old = after.member(oldLeader);
            if (old.isEmpty()) {
                items.add(item("old_leader", "Old leader back as a streaming replica",
                        request.kind() == OperationKind.FAILOVER ? Verdict.WARN : Verdict.FAIL,
                        oldLeader + " is not a member any more"));
            } else {
                items.add(oldLeaderItem(old.get(), request));
            }
        }

        Map<String, ExpectedUpstreams.Expectation> expected = ExpectedUpstreams.of(before, after);
        List<String> notStreaming = new ArrayList<>();
        List<String> cascadesWrong = new ArrayList<>();
        List<String> cascadesRight = new ArrayList<>();
        int replicas = 0;
        for (Member m : after.members()) {
            if (m.name().equals(after.leader()) || m.name().equals(oldLeader)) {
                continue;
            }
            ExpectedUpstreams.Expectation e = expected.get(m.name());
            if (e != null && e.cascade()) {
                if (streamingAsExpected(m, e, after)) {
                    cascadesRight.add(m.name() + " from " + m.upstream() + " (" + e.reason() + ")");
                } else {
                    cascadesWrong.add(m.name() + ": " + whyNot(m, e, after) + " (" + e.reason() + ")");
                }
                continue;
            }
            replicas++;
            if (!streamingFromLeader(m, after)) {
                notStreaming.add(m.name() + " (" + describe(m) + ")");
            }
        }
        items.add(notStreaming.isEmpty()
                ? item("replicas", "Every replica streams from the new leader", Verdict.PASS, replicas == 0
                        ? "no other replica" : replicas + " other replica(s) streaming on timeline " + to)
                : item("replicas", "Every replica streams from the new leader", Verdict.FAIL,
                        "not streaming yet: " + String.join(", ", notStreaming)));
        if (!cascadesRight.isEmpty() || !cascadesWrong.isEmpty()) {
            String title = "Cascading replicas stream from their configured upstream";
            items.add(cascadesWrong.isEmpty()
                    ? item("cascade", title, Verdict.PASS, String.join("; ", cascadesRight))
                    : item("cascade", title, Verdict.FAIL, String.join("; ", cascadesWrong)));
        }

        if (config.synchronousMode()) {
            List<String> sync = after.members().stream().filter(Verifier::isSync).map(Member::name).toList();
            items.add(sync.isEmpty()
                    ? item("sync", "Synchronous replication restored", Verdict.FAIL, "no synchronous standby yet")
                    : item("sync", "Synchronous replication restored", Verdict.PASS, "synchronous standby: "
                            + String.join(", ", sync)));
        } else {
            items.add(item("sync", "Synchronous replication restored", Verdict.PASS,
                    "asynchronous cluster (synchronous_mode off)"));
        }
        return items;
    }

    /** True when no item failed. */
    public static boolean settled(List<VerificationItem> items) {
        return items.stream().noneMatch(i -> i.verdict() == Verdict.FAIL);
    }

    private static VerificationItem oldLeaderItem(Member old, SwitchoverRequest request) {
        String title = "Old leader back as a streaming replica";
        boolean replica = !old.role().isLeaderLike();
        boolean running = old.state() == MemberState.RUNNING || old.state() == MemberState.STREAMING;
        if (replica && running && "streaming".equals(old.replicationState())) {
            return item("old_leader", title, Verdict.PASS, old.name() + " streaming from the new leader"
                    + " (rewound if it had to be)");
        }
        Verdict notBack = request.kind() == OperationKind.FAILOVER && !running ? Verdict.WARN : Verdict.FAIL;
        return item("old_leader", title, notBack, old.name() + " is " + describe(old));
    }

    private static boolean streamingAsExpected(Member m, ExpectedUpstreams.Expectation e, ClusterSnapshot after) {
        boolean running = m.state() == MemberState.RUNNING || m.state() == MemberState.STREAMING;
        return running && "streaming".equals(m.replicationState()) && e.met(m.upstream(), after.leader())
                && (m.timeline() == null || after.timeline() == null || m.timeline().equals(after.timeline()));
    }

    /** Why a cascade is not where it should be, the first reason found. */
    private static String whyNot(Member m, ExpectedUpstreams.Expectation e, ClusterSnapshot after) {
        if (!m.state().isHealthy()) {
            return "is " + m.state().label() + ", expected streaming from " + e.upstream();
        }
        if (!e.met(m.upstream(), after.leader())) {
            return "streams from " + (m.upstream() == null ? "an unknown upstream" : m.upstream()) + ", expected from "
                    + e.upstream();
        }
        if (!"streaming".equals(m.replicationState())) {
            return m.replicationState() == null ? m.upstream() + " does not list it as a replica"
                    : "is in state " + m.replicationState() + " on " + m.upstream() + ", not streaming";
        }
        return "streams from " + m.upstream() + " but is on timeline " + m.timeline() + ", not the leader's "
                + after.timeline();
    }

    private static boolean streamingFromLeader(Member m, ClusterSnapshot after) {
        boolean running = m.state() == MemberState.RUNNING || m.state() == MemberState.STREAMING;
        boolean fromLeader = m.upstream() == null || m.upstream().equals(after.leader());
        return running && "streaming".equals(m.replicationState()) && fromLeader
                && (m.timeline() == null || after.timeline() == null || m.timeline().equals(after.timeline()));
    }

    private static boolean isSync(Member m) {
        return m.role() == MemberRole.SYNC_STANDBY || m.role() == MemberRole.QUORUM_STANDBY
                || "sync".equals(m.syncState()) || "quorum".equals(m.syncState());
    }

    private static String describe(Member m) {
        return m.role().label() + ", " + m.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (m.replicationState() == null ? ", not listed by the leader" : ", " + m.replicationState());
    }

    private static VerificationItem item(String id, String title, Verdict verdict, String detail) {
        return new VerificationItem(id, title, verdict, detail);
    }
}
