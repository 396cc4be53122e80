package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.pilothouse.services.indoubt.Fixtures.NOW;
import static io.pilothouse.services.indoubt.Fixtures.branch;
import static io.pilothouse.services.indoubt.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

class GlobalTransactionGroupingTest {

    private final NodeRef a = node("shard-a", "pg1");
    private final NodeRef b = node("shard-b", "pg1");
    private final NodeRef c = node("shard-c", "pg1");
    private final Set<String> known = Set.of("node_a", "node_b", "node_c");

    private List<GlobalTransaction> group(PreparedBranch... branches) {
        return GlobalTransactionGrouping.group(List.of(branches), GidPatterns.builtIn(), known);
    }

    @Test
    void branchesOfOneGlobalIdOnDifferentNodesAreOneTransaction() {
        List<GlobalTransaction> txs = group(branch(a, "tx_001_node_a", 300), branch(b, "tx_001_node_b", 299));

        assertThat(txs).hasSize(1);
        GlobalTransaction tx = txs.get(0);
        assertThat(tx.globalId()).isEqualTo("tx_001");
        assertThat(tx.pattern()).isEqualTo(GidPatterns.GLOBAL_NODE);
        assertThat(tx.branches()).containsOnlyKeys("node_a", "node_b");
        assertThat(tx.branches().get("node_b").node()).isEqualTo(b);
        assertThat(tx.missing()).isEmpty();
        assertThat(tx.ageSeconds(NOW)).isEqualTo(299);
    }

    @Test
    void aParticipantSeenInTheSameFamilyButWithoutABranchIsMissing() {
        List<GlobalTransaction> txs = group(
                branch(a, "tx_001_node_a", 300), branch(b, "tx_001_node_b", 300), branch(c, "tx_001_node_c", 300),
                branch(a, "tx_002_node_a", 100), branch(c, "tx_002_node_c", 100));

        GlobalTransaction tx2 = txs.stream().filter(t -> t.globalId().equals("tx_002")).findFirst().orElseThrow();
        assertThat(tx2.expected()).containsExactly("node_a", "node_b", "node_c");
        assertThat(tx2.missing()).containsExactly("node_b");
        GlobalTransaction tx1 = txs.get(0);
        assertThat(tx1.globalId()).isEqualTo("tx_001");
        assertThat(tx1.missing()).isEmpty();
    }

    @Test
    void anotherFamilyDoesNotAddExpectedParticipants() {
        List<GlobalTransaction> txs = group(
                branch(a, "tx_001_node_a", 300), branch(b, "tx_001_node_b", 300),
                branch(c, "batch_x_node_c", 300));

        assertThat(txs).extracting(GlobalTransaction::globalId).containsExactlyInAnyOrder("tx_001", "batch_x");
        assertThat(txs).allSatisfy(t -> assertThat(t.missing()).isEmpty());
    }

    @Test
    void unmatchedGidsAreEachAGroupOfOneEvenWhenEqual() {
        List<GlobalTransaction> txs = group(branch(a, "manual", 10), branch(b, "manual", 10));

        assertThat(txs).hasSize(2).allSatisfy(t -> {
            assertThat(t.unmatched()).isTrue();
            assertThat(t.globalId()).isEqualTo("manual");
            assertThat(t.branches()).hasSize(1);
            assertThat(t.notes()).containsExactly("no pattern matched");
        });
        assertThat(txs.get(0).branches()).containsOnlyKeys("shard-a/pg1");
    }

    @Test
    void citusBranchesGroupByGlobalIdAndAreKeyedByTheNodeHoldingThem() {
        List<GlobalTransaction> txs = group(
                branch(a, "citus_0_4242_17_1", 90), branch(b, "citus_0_4242_17_2", 90),
                branch(b, "citus_0_4242_18_1", 90));

        assertThat(txs).hasSize(2);
        GlobalTransaction t17 = txs.stream().filter(t -> t.globalId().equals("citus_0_4242_17")).findFirst()
                .orElseThrow();
        assertThat(t17.pattern()).isEqualTo(GidPatterns.CITUS);
        assertThat(t17.branches()).containsOnlyKeys("shard-a/pg1", "shard-b/pg1");
        assertThat(t17.missing()).isEmpty();
    }

    @Test
    void twoBranchesForOneParticipantAreBothKeptAndNoted() {
        List<GlobalTransaction> txs = GlobalTransactionGrouping.group(List.of(
                branch(a, "citus_0_1_2_1", 90), branch(a, "citus_0_1_2_2", 90)), GidPatterns.builtIn(), Set.of());

        GlobalTransaction tx = txs.get(0);
        assertThat(tx.branches()).hasSize(2);
        assertThat(tx.notes()).singleElement().asString().contains("more than one branch");
    }

    @Test
    void ambiguityNotesCarryOverToTheTransaction() {
        List<GlobalTransaction> txs = GlobalTransactionGrouping.group(List.of(branch(a, "tx_001_db_1", 90)),
                GidPatterns.builtIn(), Set.of());

        assertThat(txs.get(0).notes()).singleElement().asString().startsWith("ambiguous");
    }

    @Test
    void transactionsComeOldestFirstAndAgeIsTheYoungestBranch() {
        List<GlobalTransaction> txs = group(
                branch(a, "tx_002_node_a", 50), branch(a, "tx_001_node_a", 500), branch(b, "tx_001_node_b", 40));

        assertThat(txs).extracting(GlobalTransaction::globalId).containsExactly("tx_001", "tx_002");
        assertThat(txs.get(0).ageSeconds(NOW)).isEqualTo(40);
        assertThat(txs.get(0).firstPrepared()).isEqualTo(NOW.minusSeconds(500));
    }
}
