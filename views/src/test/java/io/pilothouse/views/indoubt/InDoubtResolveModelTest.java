package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.views.indoubt.InDoubtResolveModel.Choice;
import io.pilothouse.views.indoubt.InDoubtResolveModel.Tone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-doubt console's models with their actions port and fx on the current thread: what is planned, what the
 * statements are, and what became of each branch, without a toolkit.
 */
class InDoubtResolveModelTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final NodeRef SHARD1 = new NodeRef("src", "shard1", "shard1", "127.0.0.1", 5433);
    private static final NodeRef SHARD2 = new NodeRef("src", "shard2", "shard2", "127.0.0.1", 5434);

    private final List<String> calls = new ArrayList<>();
    private final Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
    private final InDoubtViewModel.BranchResolver resolver = (branch, commit, as) -> {
        calls.add((commit ? "commit " : "rollback ") + branch.gid() + " as " + as);
        CompletableFuture<String> f = new CompletableFuture<>();
        pending.put(branch.gid(), f);
        return f;
    };

    private static PreparedBranch branch(NodeRef node, String gid) {
        return new PreparedBranch(node, gid, "postgres", "app", NOW.minusSeconds(60), 1000, 20_000_000, 200_000_000,
                List.of(), List.of(), false);
    }

    private static AdvisedTransaction tx(Advice.Action action) {
        Map<String, PreparedBranch> branches = new LinkedHashMap<>();
        branches.put("shard1", branch(SHARD1, "tx_0005_shard1"));
        branches.put("shard2", branch(SHARD2, "tx_0005_shard2"));
        return new AdvisedTransaction(new GlobalTransaction("tx_0005", "guides", "tx", branches,
                new TreeSet<>(branches.keySet()), new TreeSet<>(), List.of()),
                new Advice(action, "summary", List.of("evidence")));
    }

    @Test
    void choicesDefaultToTheAdviceAndTheStatementsFollowThem() {
        InDoubtResolveModel m = new InDoubtResolveModel(tx(Advice.Action.COMMIT), resolver, null, Runnable::run);
        assertThat(m.confirmWord()).isEqualTo("shard1");
        assertThat(m.planned()).containsExactly("shard1", "shard2");
        assertThat(m.actionLabel()).isEqualTo("Commit 2 branches on shard1, shard2");
        assertThat(m.previewProperty().get()).contains("COMMIT PREPARED 'tx_0005_shard2';")
                .contains("as app (owner)");
        m.asUserProperty().set(" postgres ");
        m.choices().get("shard2").set(Choice.ROLLBACK);
        assertThat(m.previewProperty().get()).contains("ROLLBACK PREPARED 'tx_0005_shard2';").contains("as postgres\n")
                .doesNotContain("(owner)");
        assertThat(m.actionLabel()).isEqualTo("Commit 1 branch on shard1 and roll back 1 branch on shard2");
    }

    @Test
    void aDecisionLeftToTheUserPlansNothingUntilChosen() {
        InDoubtResolveModel m = new InDoubtResolveModel(tx(Advice.Action.DECIDE), resolver, "idt", Runnable::run);
        assertThat(m.mustDecide()).isTrue();
        assertThat(m.planEmptyProperty().get()).isTrue();
        m.resolve();
        assertThat(calls).isEmpty();
        m.choices().get("shard1").set(Choice.ROLLBACK);
        assertThat(m.planEmptyProperty().get()).isFalse();
        assertThat(m.planned()).containsExactly("shard1");
    }

    @Test
    void branchesAreResolvedOneByOneAndEachSaysWhatBecameOfIt() {
        InDoubtResolveModel m = new InDoubtResolveModel(tx(Advice.Action.COMMIT), resolver, null, Runnable::run);
        List<Boolean> resolved = new ArrayList<>();
        m.setOnResolved(() -> resolved.add(true));
        m.resolve();
        assertThat(calls).containsExactly("commit tx_0005_shard1 as null");
        assertThat(m.results().get("shard1").text()).startsWith("shard1: committing 'tx_0005_shard1' on shard1");
        assertThat(m.results().get("shard2")).isEqualTo(new InDoubtResolveModel.Result("shard2: waiting",
                Tone.PENDING));
        pending.get("tx_0005_shard1").completeExceptionally(new MutationRefusedException(
                MutationRequest.of("indoubt.resolve", "src/shard1", "tx_0005_shard1"), "already resolved", null));
        assertThat(m.results().get("shard1")).isEqualTo(new InDoubtResolveModel.Result(
                "shard1: refused — already resolved", Tone.WARN));
        assertThat(calls).hasSize(2);
        pending.get("tx_0005_shard2").complete("committed branch 'tx_0005_shard2'");
        assertThat(m.results().get("shard2").tone()).isEqualTo(Tone.OK);
        assertThat(m.outcomeProperty().get()).startsWith("1 done, 1 refused, 0 failed.");
        assertThat(m.finishedProperty().get()).isTrue();
        assertThat(resolved).hasSize(1);
        m.resolve();
        assertThat(calls).as("resolving again is ignored").hasSize(2);
    }

    @Test
    void aResolverThatThrowsCountsAsFailed() {
        InDoubtResolveModel m = new InDoubtResolveModel(tx(Advice.Action.ROLLBACK), (b, c, a) -> {
            throw new IllegalStateException("no connection to " + b.node().label());
        }, null, Runnable::run);
        m.resolve();
        assertThat(m.results().get("shard1")).isEqualTo(new InDoubtResolveModel.Result(
                "shard1: failed — no connection to shard1/shard1", Tone.DANGER));
        assertThat(m.outcomeProperty().get()).startsWith("0 done, 0 refused, 2 failed.");
    }

    @Test
    void theConsoleRescansThroughItsActionsAndShowsAFailureInWords() {
        List<CompletableFuture<InDoubtActions.Read>> scans = new ArrayList<>();
        InDoubtActions actions = new InDoubtActions() {
            @Override
            public CompletableFuture<Read> scan() {
                CompletableFuture<Read> f = new CompletableFuture<>();
                scans.add(f);
                return f;
            }

            @Override
            public CompletableFuture<String> resolve(PreparedBranch branch, boolean commit, String asUser) {
                return resolver.resolve(branch, commit, asUser).toCompletableFuture();
            }
        };
        InDoubtViewModel vm = new InDoubtViewModel(ZoneOffset.UTC, actions, Runnable::run);
        assertThat(vm.resolverProperty().get()).isSameAs(actions);
        vm.refresh();
        assertThat(vm.loadingProperty().get()).isTrue();
        scans.get(0).complete(new InDoubtActions.Read(new InDoubtScan(NOW, List.of(SHARD1, SHARD2),
                List.of(), Map.of()), List.of(tx(Advice.Action.COMMIT))));
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.transactions()).hasSize(1);
        assertThat(vm.summaryProperty().get()).startsWith("1 global transaction, 2 branches on 2 primaries");
        vm.refresh();
        scans.get(1).completeExceptionally(new IllegalStateException("etcd unreachable"));
        assertThat(vm.summaryProperty().get()).isEqualTo("Not read");
        assertThat(vm.nodeErrors()).containsExactly("Could not read the primaries: etcd unreachable");
    }
}
