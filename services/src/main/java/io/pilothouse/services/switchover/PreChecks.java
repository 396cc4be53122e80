package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.patroni.PatroniNodeStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import static io.pilothouse.services.switchover.CheckResult.fail;
import static io.pilothouse.services.switchover.CheckResult.pass;
import static io.pilothouse.services.switchover.CheckResult.warn;

/**
 * Turns {@link ClusterFacts} into the pre-check matrix. Pure: the same facts always give the same matrix, so every
 * rule is unit-tested on recorded facts and every sandbox test only has to make the condition real.
 *
 * <p>The rules follow what Patroni itself enforces ({@code nofailover}, {@code maximum_lag_on_failover},
 * synchronous mode, a paused cluster, an already scheduled switchover) so the matrix explains a refusal before
 * Patroni's bare {@code 412 no good candidates have been found}, and add what Patroni does not look at but a DBA
 * must know (transactions the switchover cuts off, settings a standby needs, data a failover would lose).
 */
public final class PreChecks {

    /** Transactions open longer than this are listed (a switchover terminates them). */
    static final double LONG_TRANSACTION_SECONDS = 60;
    /** Replay delay worth a warning. */
    static final double LAG_SECONDS_WARN = 10;
    /** A logical slot consumer further behind than this is worth a warning. */
    static final long LOGICAL_SLOT_WARN_BYTES = 16L * 1024 * 1024;

    private PreChecks() {
    }

    /**
     * The matrix for {@code kind}. A scheduled time, when given, is checked against maintenance mode.
     *
     * @param scheduledAt the time asked for, or null for now
     */
    public static CheckMatrix evaluate(ClusterFacts facts, OperationKind kind, Instant scheduledAt) {
        ClusterSnapshot c = facts.cluster();
        List<CheckResult> clusterWide = clusterChecks(facts, kind, scheduledAt);
        List<CandidateChecks> rows = new ArrayList<>();
        for (Member m : c.members()) {
            if (m.name().equals(c.leader()) || m.role().isLeaderLike()) {
                continue;
            }
            List<CheckResult> results = new ArrayList<>(candidateChecks(facts, kind, m));
            results.addAll(clusterWide);
            results.sort(java.util.Comparator.comparing(CheckResult::check));
            rows.add(new CandidateChecks(m.name(), results));
        }
        return new CheckMatrix(c.source(), c.scope(), kind, c.leader(), c.timeline(), rows, facts.collectedAt());
    }

    private static List<CheckResult> clusterChecks(ClusterFacts facts, OperationKind kind, Instant scheduledAt) {
        ClusterSnapshot c = facts.cluster();
        List<CheckResult> out = new ArrayList<>();
        out.add(leader(c, kind));
        out.add(paused(c, kind, scheduledAt));
        out.add(c.scheduledSwitchover() == null
                ? pass(CheckId.SCHEDULED, "no switchover scheduled")
                : fail(CheckId.SCHEDULED, "a switchover is already scheduled for "
                        + c.scheduledSwitchover().at() + "; cancel it first (DELETE /switchover)"));
        out.addAll(primaryActivity(facts.primary(), kind));
        out.add(etcd(c));
        out.add(versions(c));
        return out;
    }

    private static CheckResult leader(ClusterSnapshot c, OperationKind kind) {
        boolean running = c.leaderMember().map(l -> l.state() == MemberState.RUNNING
                && l.freshness() == Freshness.LIVE).orElse(false);
        if (kind == OperationKind.SWITCHOVER) {
            return running ? pass(CheckId.LEADER_PRESENT, c.leader() + " is leader and running")
                    : fail(CheckId.LEADER_PRESENT, c.leader() == null
                            ? "there is no leader; a switchover needs one: use a failover"
                            : "leader " + c.leader() + " is not running and live; use a failover");
        }
        return running ? warn(CheckId.LEADER_PRESENT, c.leader() + " is leader and running: a switchover is safer "
                + "than a failover") : pass(CheckId.LEADER_PRESENT, c.leader() == null ? "no leader: failover is "
                + "the way out" : "leader " + c.leader() + " is not healthy");
    }

    private static CheckResult paused(ClusterSnapshot c, OperationKind kind, Instant scheduledAt) {
        if (!c.paused()) {
            return pass(CheckId.PAUSED, "not in maintenance mode");
        }
        if (scheduledAt != null) {
            return fail(CheckId.PAUSED, "the cluster is paused: Patroni cannot schedule a " + kind.word()
                    + "; run it now or resume the cluster first");
        }
        return warn(CheckId.PAUSED, "the cluster is paused: only a named candidate, no scheduling, and Patroni "
                + "will not restart anything that fails");
    }

    private static List<CheckResult> primaryActivity(PrimaryFacts p, OperationKind kind) {
        List<CheckResult> out = new ArrayList<>();
        if (p.sqlError() != null) {
            String why = "could not read the leader: " + p.sqlError();
            Verdict v = kind == OperationKind.FAILOVER ? Verdict.PASS : Verdict.WARN;
            for (CheckId id : List.of(CheckId.PREPARED_XACTS, CheckId.LONG_TRANSACTIONS, CheckId.BASE_BACKUPS,
                    CheckId.LOGICAL_SLOTS)) {
                out.add(new CheckResult(id, v, why));
            }
            return out;
        }
        out.add(p.preparedXacts() == 0 ? pass(CheckId.PREPARED_XACTS, "no prepared transactions")
                : warn(CheckId.PREPARED_XACTS, p.preparedXacts() + " prepared transaction(s) open on the leader"
                        + (p.oldestPreparedSecs() == null ? "" : ", oldest " + seconds(p.oldestPreparedSecs()))
                        + "; they survive on the new leader and keep holding their locks"));
        List<PrimaryFacts.LongTransaction> longTx = p.longTransactions();
        out.add(longTx.isEmpty() ? pass(CheckId.LONG_TRANSACTIONS, "no transaction open longer than "
                + (int) LONG_TRANSACTION_SECONDS + " s")
                : warn(CheckId.LONG_TRANSACTIONS, longTx.size() + " transaction(s) open longer than "
                        + (int) LONG_TRANSACTION_SECONDS + " s will be cut off (oldest: pid " + longTx.get(0).pid()
                        + " " + longTx.get(0).user() + "@" + longTx.get(0).database() + ", "
                        + seconds(longTx.get(0).seconds()) + ")"));
        out.add(p.baseBackups() == 0 ? pass(CheckId.BASE_BACKUPS, "no base backup running")
                : warn(CheckId.BASE_BACKUPS, p.baseBackups() + " base backup(s) running on the leader will fail"));
        List<String> behind = new ArrayList<>();
        for (PrimaryFacts.LogicalSlotLag s : p.logicalSlots()) {
            if (!s.active() || s.bytesBehind() != null && s.bytesBehind() > LOGICAL_SLOT_WARN_BYTES) {
                behind.add(s.slot() + (s.active() ? "" : " (no consumer)")
                        + (s.bytesBehind() == null ? "" : " " + bytes(s.bytesBehind()) + " behind"));
            }
        }
        out.add(behind.isEmpty() ? pass(CheckId.LOGICAL_SLOTS, p.logicalSlots().isEmpty() ? "no logical slots"
                : p.logicalSlots().size() + " logical slot(s) caught up")
                : warn(CheckId.LOGICAL_SLOTS, "logical slot(s) still catching up: " + String.join(", ", behind)
                        + "; their consumers must catch up before the switch, or resume from the new leader only "
                        + "if the slot is permanent in Patroni"));
        return out;
    }

    private static CheckResult etcd(ClusterSnapshot c) {
        Freshness f = c.sourceStatus(SourceKind.ETCD).freshness();
        return switch (f) {
            case LIVE -> pass(CheckId.ETCD, "etcd is answering");
            case UNKNOWN -> pass(CheckId.ETCD, "not watched from here (source has no etcd); Patroni's own DCS "
                    + "access is checked by Patroni");
            default -> fail(CheckId.ETCD, "etcd is " + f.name().toLowerCase(Locale.ROOT) + ": Patroni cannot "
                    + "move the leader key without it; fix etcd first");
        };
    }

    private static CheckResult versions(ClusterSnapshot c) {
        TreeSet<String> versions = new TreeSet<>();
        c.members().stream().map(Member::patroniVersion).filter(Objects::nonNull).forEach(versions::add);
        return versions.size() <= 1 ? pass(CheckId.VERSION_SKEW, versions.isEmpty() ? "versions not known"
                : "all members run Patroni " + versions.first())
                : warn(CheckId.VERSION_SKEW, "members run different Patroni versions " + versions
                        + "; finish the upgrade before moving the leader if you can");
    }

    private static List<CheckResult> candidateChecks(ClusterFacts facts, OperationKind kind, Member m) {
        ClusterSnapshot c = facts.cluster();
        NodeFacts node = facts.node(m.name()).orElse(new NodeFacts(m.name(), null, "not read", Map.of(), null));
        PatroniNodeStatus rest = node.rest();
        List<CheckResult> out = new ArrayList<>();
        out.add(rest != null ? pass(CheckId.REST_REACHABLE, "Patroni " + rest.patroniVersion() + " answered")
                : fail(CheckId.REST_REACHABLE, "Patroni REST API did not answer: " + node.restError()));
        out.add(state(m, rest, kind));
        out.add(m.hasTag("nofailover") || rest != null && "true".equalsIgnoreCase(rest.tags().get("nofailover"))
                ? fail(CheckId.NOFAILOVER, "tagged nofailover: Patroni will never promote it; remove the tag and "
                        + "reload to allow it")
                : pass(CheckId.NOFAILOVER, "nofailover not set"));
        out.add(priority(m, rest));
        Long lag = lagBytes(facts, m);
        out.add(lagBytes(lag, replayLagBytes(facts, m), facts.config(), c));
        out.add(m.sqlLagSeconds() == null ? pass(CheckId.LAG_SECONDS, "replay delay not reported")
                : m.sqlLagSeconds() > LAG_SECONDS_WARN ? warn(CheckId.LAG_SECONDS, "replays "
                        + seconds(m.sqlLagSeconds()) + " behind the leader")
                : pass(CheckId.LAG_SECONDS, "replays " + seconds(m.sqlLagSeconds()) + " behind"));
        out.add(timeline(c, m, rest, kind));
        out.add(PromotionRule.check(facts, m, lag, kind));
        boolean pending = m.pendingRestart() || rest != null && rest.pendingRestart();
        out.add(pending ? warn(CheckId.PENDING_RESTART, "has a pending restart: a changed setting only takes "
                + "effect after it; restart it before or after the switch") : pass(CheckId.PENDING_RESTART,
                "no pending restart"));
        out.add(settings(facts, m, node));
        return out;
    }

    private static CheckResult state(Member m, PatroniNodeStatus rest, OperationKind kind) {
        MemberState state = rest != null ? rest.state() : m.state();
        if (state != MemberState.RUNNING && state != MemberState.STREAMING) {
            return fail(CheckId.CANDIDATE_STATE, "PostgreSQL is " + state.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ", not running");
        }
        if (kind == OperationKind.FAILOVER) {
            return pass(CheckId.CANDIDATE_STATE, "running");
        }
        String rs = m.replicationState();
        if (rs == null) {
            return warn(CheckId.CANDIDATE_STATE, "running, but the leader does not list it as streaming");
        }
        return "streaming".equals(rs) ? pass(CheckId.CANDIDATE_STATE, "running, streaming")
                : warn(CheckId.CANDIDATE_STATE, "running, replication state " + rs);
    }

    private static CheckResult priority(Member m, PatroniNodeStatus rest) {
        String p = m.tags().get("failover_priority");
        if (p == null && rest != null) {
            p = rest.tags().get("failover_priority");
        }
        if (p == null) {
            return pass(CheckId.FAILOVER_PRIORITY, "no failover_priority tag (Patroni 3.2+)");
        }
        try {
            int priority = Integer.parseInt(p.trim());
            return priority <= 0 ? fail(CheckId.FAILOVER_PRIORITY, "failover_priority " + priority
                    + ": Patroni never promotes it") : pass(CheckId.FAILOVER_PRIORITY, "failover_priority "
                    + priority);
        } catch (NumberFormatException e) {
            return warn(CheckId.FAILOVER_PRIORITY, "failover_priority '" + p + "' is not a number");
        }
    }

    /** Bytes between the leader's position and what the candidate has received (or replayed). */
    static Long lagBytes(ClusterFacts facts, Member m) {
        Long leaderLsn = facts.primary().currentLsn();
        PatroniNodeStatus rest = facts.node(m.name()).map(NodeFacts::rest).orElse(null);
        if (leaderLsn != null && rest != null) {
            Long received = rest.receivedPosition() != null ? rest.receivedPosition() : rest.walPosition();
            if (received != null) {
                return Math.max(0, leaderLsn - received);
            }
        }
        if (m.sqlLagBytes() != null) {
            return m.sqlLagBytes();
        }
        // The leader is gone: Patroni's figure is against the last optime the leader wrote to the DCS.
        return m.patroniLag().bytes();
    }

    /** Bytes between the leader's position and what the candidate has replayed, when both are known. */
    static Long replayLagBytes(ClusterFacts facts, Member m) {
        Long leaderLsn = facts.primary().currentLsn();
        PatroniNodeStatus rest = facts.node(m.name()).map(NodeFacts::rest).orElse(null);
        return leaderLsn == null || rest == null || rest.walPosition() == null ? null
                : Math.max(0, leaderLsn - rest.walPosition());
    }

    /**
     * Patroni compares the WAL a replica has <em>received</em> with {@code maximum_lag_on_failover}; a replica that
     * received everything but replays slowly (or has replay paused) passes Patroni's test, yet the promotion waits
     * for the replay, and writes wait with it. So: received lag over the limit fails, replay lag over it warns.
     */
    private static CheckResult lagBytes(Long lag, Long replayLag, DynamicConfig config, ClusterSnapshot c) {
        long max = c.maximumLagOnFailover() != null ? c.maximumLagOnFailover() : config.maximumLagOnFailover();
        if (lag == null) {
            return warn(CheckId.LAG_BYTES, "lag not known");
        }
        String figure = bytes(lag) + " behind, limit " + bytes(max) + " (maximum_lag_on_failover)";
        if (lag > max) {
            return fail(CheckId.LAG_BYTES, figure + "; Patroni will refuse it until it catches up");
        }
        if (replayLag != null && replayLag > max) {
            return warn(CheckId.LAG_BYTES, "received all but " + bytes(lag) + ", yet replay is " + bytes(replayLag)
                    + " behind (limit " + bytes(max) + "); the promotion waits for that replay, and writes with it; "
                    + "is replay paused (pg_wal_replay_resume())?");
        }
        return lag > max / 2 ? warn(CheckId.LAG_BYTES, figure) : pass(CheckId.LAG_BYTES, figure);
    }

    private static CheckResult timeline(ClusterSnapshot c, Member m, PatroniNodeStatus rest, OperationKind kind) {
        Integer tl = rest != null && rest.timeline() != null ? rest.timeline() : m.timeline();
        Integer leaderTl = c.timeline();
        if (tl == null || leaderTl == null) {
            return kind == OperationKind.FAILOVER && leaderTl == null ? pass(CheckId.TIMELINE, "no leader timeline "
                    + "to compare with") : warn(CheckId.TIMELINE, "timeline not known");
        }
        return tl.equals(leaderTl) ? pass(CheckId.TIMELINE, "timeline " + tl + ", same as the leader")
                : fail(CheckId.TIMELINE, "timeline " + tl + " but the leader is on " + leaderTl
                        + "; it has not followed the last promotion");
    }

    private static CheckResult settings(ClusterFacts facts, Member m, NodeFacts node) {
        Map<String, Long> primary = facts.cluster().leaderMember()
                .flatMap(l -> facts.node(l.name())).map(NodeFacts::settings).orElse(Map.of());
        if (primary.isEmpty() || node.settings().isEmpty()) {
            String why = node.sqlError() != null ? node.sqlError() : primary.isEmpty() ? "leader's settings not "
                    + "read" : "settings not read";
            return warn(CheckId.SETTINGS, "could not compare settings: " + why);
        }
        List<String> lower = new ArrayList<>();
        for (String name : PrimaryFacts.COMPARED_SETTINGS) {
            Long mine = node.settings().get(name);
            Long theirs = primary.get(name);
            if (mine != null && theirs != null && mine < theirs) {
                lower.add(name + " " + mine + " < " + theirs);
            }
        }
        return lower.isEmpty() ? pass(CheckId.SETTINGS, "max_connections and the other standby-critical settings "
                + "are at least the leader's")
                : fail(CheckId.SETTINGS, "lower than on the leader: " + String.join(", ", lower)
                        + "; raise them (and restart " + m.name() + ") first");
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / 1024.0 / 1024);
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / 1024.0 / 1024 / 1024);
    }

    static String seconds(double s) {
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }
}
