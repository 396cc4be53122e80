package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.indoubt.InDoubtResolveModel.Tone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** A global transaction whose branch would be refused is refused whole, before any branch is touched. */
class InDoubtRefusedWholeTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    private static AdvisedTransaction tx() {
        Map<String, PreparedBranch> branches = new LinkedHashMap<>();
        for (String node : List.of("shard1", "shard2", "demo")) {
            branches.put(node, new PreparedBranch(new NodeRef("src", node, node, "127.0.0.1", 5433),
                    "tx_0021_" + node, "postgres", "app", NOW.minusSeconds(114), 1000, 20_000_000, 200_000_000,
                    List.of(), List.of(), false));
        }
        return new AdvisedTransaction(new GlobalTransaction("tx_0021", "guides", "tx", branches,
                new TreeSet<>(branches.keySet()), new TreeSet<>(), List.of()),
                new Advice(Advice.Action.ROLLBACK, "no decision recorded", List.of("presumed abort")));
    }

    /** Resolves nothing; refuses when told to. */
    private static final class Resolver implements InDoubtViewModel.BranchResolver {
        final List<String> resolved = new ArrayList<>();
        final List<List<String>> checked = new ArrayList<>();
        Optional<String> refusal = Optional.empty();

        @Override
        public CompletionStage<String> resolve(PreparedBranch branch, boolean commit, String asUser) {
            resolved.add(branch.gid());
            return CompletableFuture.completedFuture("rolled back " + branch.gid());
        }

        @Override
        public CompletionStage<Optional<String>> refusalForAll(List<PreparedBranch> branches) {
            checked.add(branches.stream().map(PreparedBranch::gid).toList());
            return CompletableFuture.completedFuture(refusal);
        }
    }

    @Test
    void aBranchHeldByARunningMoveRefusesTheWholeTransactionAndNothingIsResolved() {
        Resolver resolver = new Resolver();
        resolver.refusal = Optional.of("Refused whole: reshard-move demo.orders_p3 on demo (this Pilothouse, 42 s) "
                + "holds the operation lock of demo");
        InDoubtResolveModel m = new InDoubtResolveModel(tx(), resolver, null, Runnable::run);
        List<Boolean> rescans = new ArrayList<>();
        m.setOnResolved(() -> rescans.add(true));

        m.resolve();

        assertThat(resolver.checked).containsExactly(List.of("tx_0021_shard1", "tx_0021_shard2", "tx_0021_demo"));
        assertThat(resolver.resolved).as("no branch touched").isEmpty();
        assertThat(m.results().values()).hasSize(3).allSatisfy(r -> {
            assertThat(r.tone()).isEqualTo(Tone.WARN);
            assertThat(r.text()).contains("not resolved").contains("reshard-move demo.orders_p3");
        });
        assertThat(m.outcomeProperty().get()).startsWith("0 done: Refused whole");
        assertThat(m.finishedProperty().get()).isTrue();
        assertThat(rescans).as("the list is read again").hasSize(1);
    }

    @Test
    void withNothingInTheWayEveryBranchIsResolved() {
        Resolver resolver = new Resolver();
        InDoubtResolveModel m = new InDoubtResolveModel(tx(), resolver, null, Runnable::run);
        m.resolve();
        assertThat(resolver.resolved).containsExactly("tx_0021_shard1", "tx_0021_shard2", "tx_0021_demo");
        assertThat(m.outcomeProperty().get()).startsWith("3 done, 0 refused, 0 failed.");
    }
}
