package io.pilothouse.services.indoubt;

import io.pilothouse.services.locks.OperationRegistry;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Resolving a global transaction is checked against the running operations for every branch up front. */
class RefusalForAllTest {

    private static PreparedBranch branch(String node) {
        return new PreparedBranch(new NodeRef("src", node, node, "127.0.0.1", 5433), "tx_0021_" + node, "postgres",
                "app", Instant.now().minusSeconds(114), 1000, 20_000_000, 200_000_000, List.of(), List.of(), false);
    }

    @Test
    void namesTheOperationHoldingABranchsClusterAndRefusesTheWholeTransaction() {
        OperationRegistry registry = new OperationRegistry();
        InDoubtOperations operations = new InDoubtOperations(null, new BranchResolver(), null, null, registry);
        List<PreparedBranch> branches = List.of(branch("shard1"), branch("shard2"), branch("demo"));

        assertThat(operations.refusalForAll(branches)).isEmpty();
        try (OperationRegistry.Registration move = registry.begin("demo", "reshard-move", "demo.orders_p3",
                "operation lock /pilothouse/locks/demo")) {
            assertThat(operations.refusalForAll(branches)).hasValueSatisfying(r -> assertThat(r)
                    .startsWith("Refused whole: reshard-move demo.orders_p3 on demo (this Pilothouse")
                    .contains("'tx_0021_demo'").contains("Nothing was resolved"));
            assertThat(operations.refusalForAll(List.of(branch("shard1")))).as("other clusters are free").isEmpty();
        }
        assertThat(operations.refusalForAll(branches)).isEmpty();
    }
}
