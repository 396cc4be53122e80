package io.pilothouse.services.switchover;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.services.patroni.PatroniNodeStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patroni's promotion rule per synchronous mode, on hand-made facts: a failover with the leader gone, four replicas
 * whose received WAL positions are set per test.
 */
class PromotionRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
    private static final long TOP = 500_000_000L;

    private final Map<String, Long> received = new HashMap<>(Map.of("node2", TOP, "node3", TOP, "node4", TOP,
            "node5", TOP));
    private final Map<String, MemberRole> roles = new HashMap<>(Map.of("node2", MemberRole.REPLICA,
            "node3", MemberRole.REPLICA, "node4", MemberRole.REPLICA, "node5", MemberRole.REPLICA));

    private ClusterFacts facts(SyncMode mode, List<String> syncKey, Integer quorum) {
        List<Member> members = new ArrayList<>();
        Map<String, NodeFacts> nodes = new HashMap<>();
        for (String n : List.of("node2", "node3", "node4", "node5")) {
            members.add(Member.builder(n).role(roles.get(n)).state(MemberState.RUNNING).timeline(3)
                    .freshness(Freshness.LIVE).syncState(null).host("h").port(5432).build());
            Long pos = received.get(n);
            nodes.put(n, new NodeFacts(n, pos == null ? null : new PatroniNodeStatus(n, "demo", "4.0.7",
                    MemberRole.REPLICA, MemberState.RUNNING, 150018, 3, false, false, pos, pos, false, null,
                    Map.of(), List.of()), pos == null ? "no answer" : null, Map.of(), null));
        }
        SyncReplication sync = new SyncReplication(mode, false, null, syncKey, quorum, null, false);
        ClusterSnapshot c = ClusterSnapshot.builder("src", "demo")
                .timeline(3)
                .ttlSeconds(20L)
                .members(members)
                .sources(Map.of(SourceKind.ETCD, new SourceStatus(SourceKind.ETCD, Freshness.LIVE, NOW, null)))
                .observedAt(NOW)
                .slots(List.of())
                .problems(List.of())
                .prepared(List.of())
                .sync(sync)
                .build();
        return new ClusterFacts(c, new DynamicConfig(mode.synchronous(), false, 1_048_576L, mode), null, nodes,
                PrimaryFacts.unreadable("there is no leader"), NOW);
    }

    private static CheckResult check(ClusterFacts f, String candidate) {
        Member m = f.cluster().member(candidate).orElseThrow();
        return PromotionRule.check(f, m, PreChecks.lagBytes(f, m), OperationKind.FAILOVER);
    }

    @Test
    void quorumVoterNotBehindQuorumOtherVotersIsSafe() {
        // ANY 1 of node2, node3, node4: quorum 2. node3 is at the top: not behind node2 and node4, safe. node2 is
        // behind node3 and not behind node4 only (node5 is no voter and does not count): one is not enough.
        received.put("node2", TOP - 1000);
        received.put("node4", TOP - 2000);
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3", "node4"), 2);

        CheckResult node3 = check(f, "node3");
        assertThat(node3.verdict()).as(node3.reason()).isEqualTo(Verdict.PASS);
        assertThat(node3.reason()).contains("not behind 2 of the other voters (node2, node4), quorum 2");
        assertThat(PromotionRule.predictedLoss(f, f.cluster().member("node3").orElseThrow())).isZero();

        CheckResult node2 = check(f, "node2");
        assertThat(node2.verdict()).as(node2.reason()).isEqualTo(Verdict.FAIL);
        assertThat(node2.reason()).contains("not behind 1 of the other voters (node4), quorum 2")
                .contains("ahead of it: node3 (+1000 B)");
    }

    @Test
    void quorumVoterEqualToTheOthersCountsThemAsNotBehind() {
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3", "node4"), 2);
        assertThat(check(f, "node4").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void quorumOfOneNeedsOnlyOneOtherVoterAtOrBelow() {
        // ANY 2 of node2, node3, node4: quorum 1. node2 is behind node3 but not behind node4: safe.
        received.put("node2", TOP - 10);
        received.put("node4", TOP - 20);
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3", "node4"), 1);
        assertThat(check(f, "node2").verdict()).isEqualTo(Verdict.PASS);
        // node4 is behind both others: it may miss a commit confirmed by node2 and node3 alone.
        assertThat(check(f, "node4").verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void voterWhoseOthersDidNotAnswerCannotBeCountedSafe() {
        received.remove("node3");
        received.remove("node4");
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3", "node4"), 2);
        CheckResult r = check(f, "node2");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).contains("position not known: node3, node4");
    }

    @Test
    void nonVoterInQuorumModeFailsWithTheRule() {
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3", "node4"), 2);
        CheckResult r = check(f, "node5");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).contains("not a voter (ANY 1 of node2, node3, node4)");
    }

    @Test
    void quorumVoterBehindWarnsOnlyInASwitchover() {
        received.put("node2", TOP - 1000);
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3", "node4"), 2);
        Member m = f.cluster().member("node2").orElseThrow();
        assertThat(PromotionRule.check(f, m, 0L, OperationKind.SWITCHOVER).verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void unknownQuorumFigureWarns() {
        ClusterFacts f = facts(SyncMode.QUORUM, List.of("node2", "node3"), null);
        assertThat(check(f, "node2").verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void syncModeAcceptsOnlyAListedSyncStandbyAndPredictsNoLossForIt() {
        roles.put("node3", MemberRole.SYNC_STANDBY);
        received.put("node3", TOP - 4096);
        ClusterFacts f = facts(SyncMode.SYNC, List.of("node3"), null);
        assertThat(check(f, "node3").verdict()).isEqualTo(Verdict.PASS);
        assertThat(PromotionRule.predictedLoss(f, f.cluster().member("node3").orElseThrow())).isZero();
        CheckResult other = check(f, "node2");
        assertThat(other.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(other.reason()).contains("not a synchronous standby (1 sync standby: node3)");
    }

    @Test
    void asyncFailoverPredictsTheUnreceivedBytes() {
        ClusterFacts f = facts(SyncMode.ASYNC, List.of(), null);
        // With no leader position, the lag comes from the model's figures: none here, so the loss is unknown.
        assertThat(PromotionRule.predictedLoss(f, f.cluster().member("node2").orElseThrow())).isNull();
        assertThat(check(f, "node2").verdict()).isEqualTo(Verdict.WARN);
    }
}
