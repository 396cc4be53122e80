package io.pilothouse.services.switchover;

import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.services.patroni.PatroniNodeStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.pilothouse.services.switchover.CheckResult.fail;
import static io.pilothouse.services.switchover.CheckResult.pass;
import static io.pilothouse.services.switchover.CheckResult.warn;

/**
 * Whether promoting a candidate can lose acknowledged commits, by Patroni's rule for the cluster's
 * {@code synchronous_mode}. Pure.
 *
 * <ul>
 *   <li><b>true</b> (multi-sync): commits wait for every listed sync standby, so only a sync standby is sure to have
 *       them all; Patroni promotes nobody else.</li>
 *   <li><b>quorum</b> (Patroni 4): commits wait for any k of the N voters, and the {@code sync} key's {@code quorum}
 *       is N - k. A voter that is not behind at least {@code quorum} of the other voters has every acknowledged
 *       commit: those voters and itself are N - k + 1, so one of them confirmed each commit, and it is not behind
 *       any of them. Patroni applies the same count before it promotes.</li>
 *   <li><b>false</b>: whatever the candidate has not received is lost; Patroni refuses it past
 *       {@code maximum_lag_on_failover} (checked by the lag check).</li>
 * </ul>
 */
public final class PromotionRule {

    private PromotionRule() {
    }

    /** The {@link CheckId#SYNCHRONOUS} result for {@code m}. */
    static CheckResult check(ClusterFacts facts, Member m, Long lag, OperationKind kind) {
        SyncMode mode = mode(facts);
        return switch (mode) {
            case SYNC -> syncStandby(facts, m);
            case QUORUM -> quorumVoter(facts, m, kind);
            case ASYNC -> asynchronous(lag, kind);
            case UNKNOWN -> warn(CheckId.SYNCHRONOUS, "synchronous_mode not known (neither /config nor the DCS "
                    + "was read): cannot tell whether acknowledged commits are safe on it");
        };
    }

    /**
     * The data a failover to {@code m} would lose, in bytes of WAL: 0 when the rule says it has every acknowledged
     * commit, else what it has not received, or null when not known.
     */
    public static Long predictedLoss(ClusterFacts facts, Member m) {
        Long lag = PreChecks.lagBytes(facts, m);
        SyncMode mode = mode(facts);
        if (mode == SyncMode.ASYNC || mode == SyncMode.UNKNOWN) {
            return lag;
        }
        CheckResult r = check(facts, m, lag, OperationKind.FAILOVER);
        return r.verdict() == Verdict.PASS ? Long.valueOf(0) : lag;
    }

    /** The mode from {@code GET /config}, else from the live model (the DCS), when the configuration was unreadable. */
    static SyncMode mode(ClusterFacts facts) {
        if (facts.configError() == null) {
            return facts.config().mode();
        }
        return facts.cluster().sync().mode();
    }

    private static CheckResult syncStandby(ClusterFacts facts, Member m) {
        SyncReplication sync = facts.cluster().sync();
        boolean isSync = m.role() == MemberRole.SYNC_STANDBY || sync.lists(m.name())
                || "sync".equals(lower(m.syncState()));
        return isSync ? pass(CheckId.SYNCHRONOUS, "synchronous standby: has every acknowledged commit")
                : fail(CheckId.SYNCHRONOUS, "synchronous_mode is on and this is not a synchronous standby ("
                        + sync.rule() + "): commits acknowledged by the sync standby may be missing here, so Patroni "
                        + "only promotes a sync standby");
    }

    private static CheckResult quorumVoter(ClusterFacts facts, Member m, OperationKind kind) {
        SyncReplication sync = facts.cluster().sync();
        List<String> voters = voters(facts);
        if (!voters.contains(m.name())) {
            return fail(CheckId.SYNCHRONOUS, "quorum commit is on and this is not a voter (" + sync.rule()
                    + "): acknowledged commits may be missing here, so Patroni only promotes a voter");
        }
        Integer quorum = sync.quorum();
        if (quorum == null) {
            return warn(CheckId.SYNCHRONOUS, "quorum voter, but the sync key's quorum is not known (etcd not read): "
                    + "cannot tell whether it has every acknowledged commit");
        }
        Long mine = position(facts, m.name()).orElse(null);
        if (mine == null) {
            return warn(CheckId.SYNCHRONOUS, "quorum voter, but its WAL position is not known: cannot compare it "
                    + "with the other voters");
        }
        List<String> notBehind = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String v : voters) {
            if (v.equals(m.name())) {
                continue;
            }
            Long theirs = position(facts, v).orElse(null);
            if (theirs == null) {
                unknown.add(v);
            } else if (theirs <= mine) {
                notBehind.add(v);
            } else {
                ahead.add(v + " (+" + PreChecks.bytes(theirs - mine) + ")");
            }
        }
        String figures = "not behind " + notBehind.size() + " of the other voters" + list(notBehind)
                + ", quorum " + quorum + (ahead.isEmpty() ? "" : "; ahead of it: " + String.join(", ", ahead))
                + (unknown.isEmpty() ? "" : "; position not known: " + String.join(", ", unknown));
        if (notBehind.size() >= quorum) {
            return pass(CheckId.SYNCHRONOUS, "quorum voter, " + figures + ": has every acknowledged commit");
        }
        String why = "quorum voter, but " + figures + ": acknowledged commits may be missing here";
        return kind == OperationKind.FAILOVER
                ? fail(CheckId.SYNCHRONOUS, why + "; Patroni will not promote it until it catches up")
                : warn(CheckId.SYNCHRONOUS, why + "; the switchover waits for it to catch up");
    }

    /** The voters: the sync key's members, else the members Patroni reports as quorum standbys. */
    private static List<String> voters(ClusterFacts facts) {
        List<String> listed = facts.cluster().sync().standbys();
        if (!listed.isEmpty()) {
            return listed;
        }
        return facts.cluster().members().stream().filter(x -> x.role() == MemberRole.QUORUM_STANDBY)
                .map(Member::name).toList();
    }

    /** What a member has received (its replay position when Patroni reports no received position). */
    static Optional<Long> position(ClusterFacts facts, String member) {
        PatroniNodeStatus rest = facts.node(member).map(NodeFacts::rest).orElse(null);
        if (rest == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(rest.receivedPosition() != null ? rest.receivedPosition() : rest.walPosition());
    }

    private static CheckResult asynchronous(Long lag, OperationKind kind) {
        if (lag == null) {
            return warn(CheckId.SYNCHRONOUS, "asynchronous; bytes at risk not known");
        }
        if (kind == OperationKind.SWITCHOVER) {
            return pass(CheckId.SYNCHRONOUS, lag == 0 ? "asynchronous, has received everything"
                    : "asynchronous: " + PreChecks.bytes(lag) + " not yet received; a switchover waits for them");
        }
        return lag == 0 ? pass(CheckId.SYNCHRONOUS, "asynchronous, nothing would be lost")
                : warn(CheckId.SYNCHRONOUS, "asynchronous: " + PreChecks.bytes(lag) + " would be lost if promoted now");
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
