package io.pilothouse.services.indoubt;

import io.pilothouse.services.indoubt.Advice.Action;
import io.pilothouse.services.indoubt.DecisionRecord.Source;
import io.pilothouse.services.model.NodeRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.pilothouse.services.indoubt.Fixtures.NOW;
import static io.pilothouse.services.indoubt.Fixtures.branch;
import static io.pilothouse.services.indoubt.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per advice rule (see {@link Advisor}). */
class AdviceTest {

    private static final Duration MIN_AGE = Duration.ofSeconds(60);
    private static final String TABLE = "billing/pg1, database billing";

    private final NodeRef a = node("shard-a", "pg1");
    private final NodeRef b = node("shard-b", "pg1");
    private final NodeRef c = node("shard-c", "pg1");

    /** tx_002 has branches on node_a and node_c; node_b is expected from tx_001 (same family). */
    private GlobalTransaction tx002WithNodeBGone(long age) {
        List<GlobalTransaction> txs = GlobalTransactionGrouping.group(List.of(
                branch(a, "tx_001_node_a", 900), branch(b, "tx_001_node_b", 900), branch(c, "tx_001_node_c", 900),
                branch(a, "tx_002_node_a", age), branch(c, "tx_002_node_c", age)),
                GidPatterns.builtIn(), Set.of("node_a", "node_b", "node_c"));
        return txs.stream().filter(t -> t.globalId().equals("tx_002")).findFirst().orElseThrow();
    }

    private GlobalTransaction allPresent(long age) {
        return GlobalTransactionGrouping.group(List.of(branch(a, "tx_001_node_a", age), branch(b, "tx_001_node_b",
                age)), GidPatterns.builtIn(), Set.of("node_a", "node_b")).get(0);
    }

    private GlobalTransaction citus(long age) {
        return GlobalTransactionGrouping.group(List.of(branch(a, "citus_0_4242_17_1", age),
                branch(b, "citus_0_4242_17_2", age)), GidPatterns.builtIn(), Set.of()).get(0);
    }

    @Test
    void aCommitInTheDecisionTableMeansCommitAndGoneBranchesCommittedThere() {
        Instant decided = Instant.parse("2025-06-01T11:50:00Z");
        Advice advice = Advisor.advise(tx002WithNodeBGone(600),
                DecisionRecord.committed(Source.WORKSPACE_QUERY, TABLE, decided), false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.COMMIT);
        assertThat(advice.evidence().get(0))
                .isEqualTo("decision table: committed at 2025-06-01T11:50:00Z (" + TABLE + ")");
        assertThat(advice.evidence().get(1)).startsWith("branch on node_b already gone: committed there")
                .contains("heuristic");
    }

    @Test
    void noCommitRecordedAndOlderThanTheThresholdMeansRollbackByPresumedAbort() {
        Advice advice = Advisor.advise(allPresent(600), DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, TABLE),
                false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.ROLLBACK);
        assertThat(advice.summary()).contains("presumed abort");
        assertThat(advice.evidence()).anySatisfy(e -> assertThat(e).startsWith("decision table: no commit recorded"))
                .anySatisfy(e -> assertThat(e).startsWith("older than the threshold"))
                .anySatisfy(e -> assertThat(e).startsWith("presumed abort"));
    }

    @Test
    void noCommitRecordedAndTheCoordinatorFinishedMeansRollbackEvenWhenYoung() {
        Advice advice = Advisor.advise(allPresent(5), DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, TABLE),
                true, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.ROLLBACK);
        assertThat(advice.evidence()).contains("the coordinator is known to have finished");
    }

    @Test
    void rollbackWithAGoneBranchWarnsThatACommitThereWouldContradictTheRecord() {
        Advice advice = Advisor.advise(tx002WithNodeBGone(600),
                DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, TABLE), false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.ROLLBACK);
        assertThat(advice.evidence()).anySatisfy(e -> assertThat(e).startsWith("gone from node_b")
                .contains("do not roll back"));
    }

    @Test
    void citusWithoutAPgDistTransactionRowMeansRollbackByCitusRecoveryRule() {
        Advice advice = Advisor.advise(citus(600), DecisionRecord.notCommitted(Source.CITUS_DIST_TRANSACTION,
                "citus/coordinator"), false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.ROLLBACK);
        assertThat(advice.evidence().get(0))
                .isEqualTo("pg_dist_transaction on citus/coordinator has no row for citus_0_4242_17");
        assertThat(advice.evidence()).anySatisfy(e -> assertThat(e).startsWith("Citus's own recovery rule"));
    }

    @Test
    void citusWithAPgDistTransactionRowMeansCommit() {
        Advice advice = Advisor.advise(citus(600), DecisionRecord.committed(Source.CITUS_DIST_TRANSACTION,
                "citus/coordinator", null), false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.COMMIT);
        assertThat(advice.evidence().get(0)).contains("has a row for citus_0_4242_17");
    }

    @Test
    void noDecisionSourceAndBranchesGoneMeansDecideNamingWhereTheyWent() {
        Advice advice = Advisor.advise(tx002WithNodeBGone(600), null, false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.DECIDE);
        assertThat(advice.evidence().get(0))
                .startsWith("gone from node_b: committed or rolled back there; check the application");
    }

    @Test
    void noDecisionSourceAndAllPresentMeansDecideNoDecisionRecord() {
        Advice advice = Advisor.advise(allPresent(600), null, false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.DECIDE);
        assertThat(advice.evidence().get(0)).startsWith("no decision record configured");
        assertThat(advice.evidence()).noneMatch(e -> e.startsWith("gone from"));
    }

    @Test
    void youngerThanTheThresholdMeansDecideMayStillBeInProgressWhateverTheRecordSays() {
        for (DecisionRecord d : new DecisionRecord[] {null,
                DecisionRecord.committed(Source.WORKSPACE_QUERY, TABLE, null),
                DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, TABLE)}) {
            Advice advice = Advisor.advise(allPresent(59), d, false, NOW, MIN_AGE);

            assertThat(advice.action()).isEqualTo(Action.DECIDE);
            assertThat(advice.evidence().get(0)).startsWith("may still be in progress");
        }
    }

    @Test
    void theAgeThatCountsIsTheYoungestBranch() {
        GlobalTransaction tx = GlobalTransactionGrouping.group(List.of(branch(a, "tx_001_node_a", 3600),
                branch(b, "tx_001_node_b", 10)), GidPatterns.builtIn(), Set.of("node_a", "node_b")).get(0);

        Advice advice = Advisor.advise(tx, DecisionRecord.notCommitted(Source.WORKSPACE_QUERY, TABLE), false, NOW,
                MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.DECIDE);
    }

    @Test
    void anUnreadableDecisionRecordMeansDecideWithTheReason() {
        Advice advice = Advisor.advise(allPresent(600), DecisionRecord.unknown(Source.WORKSPACE_QUERY, TABLE,
                "the decision query failed: SQLSTATE 42P01: relation \"tx_decisions\" does not exist"), false, NOW,
                MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.DECIDE);
        assertThat(advice.evidence().get(0)).contains("could not answer").contains("42P01");
    }

    @Test
    void citusAbsentIsDecideNotRollback() {
        Advice advice = Advisor.advise(citus(600), DecisionRecord.unknown(Source.CITUS_DIST_TRANSACTION,
                "coordinator", new CitusDecisionLookup.Presence(false, null).describe()), false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.DECIDE);
        assertThat(advice.evidence().get(0)).contains("Citus is not installed");
    }

    @Test
    void everyAdviceListsEachBranchWithItsCost() {
        Advice advice = Advisor.advise(allPresent(7200), null, false, NOW, MIN_AGE);

        assertThat(advice.evidence()).anySatisfy(e -> assertThat(e)
                .isEqualTo("branch node_a on shard-a/pg1, database app: prepared 2 h 0 min ago by app_owner, "
                        + "xid age 5000 (0 % of autovacuum_freeze_max_age)"));
    }

    @Test
    void anUnmatchedBranchIsJudgedAlone() {
        GlobalTransaction tx = GlobalTransactionGrouping.group(List.of(branch(a, "manual", 600)),
                GidPatterns.builtIn(), Set.of()).get(0);

        Advice advice = Advisor.advise(tx, null, false, NOW, MIN_AGE);

        assertThat(advice.action()).isEqualTo(Action.DECIDE);
        assertThat(advice.evidence()).contains("no pattern matched")
                .anySatisfy(e -> assertThat(e).startsWith("judged alone"));
    }
}
