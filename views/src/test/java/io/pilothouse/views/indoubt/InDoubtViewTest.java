package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.styles.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on canned scans (the real scan and resolution are tested against a sandbox in the app): grouping,
 * details, default choices from the advice, the statements quoting a hostile gid, the typed confirmation, and what
 * became of each branch.
 */
@ExtendWith(ApplicationExtension.class)
class InDoubtViewTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final NodeRef IDT = new NodeRef("src", "idt", "idt-0", "127.0.0.1", 5432);
    private static final NodeRef SHARD1 = new NodeRef("src", "shard1", "shard1", "127.0.0.1", 5433);
    private static final NodeRef SHARD2 = new NodeRef("src", "shard2", "shard2", "127.0.0.1", 5434);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
    private InDoubtViewModel vm;
    private InDoubtView view;
    private int refreshes;

    @Start
    void start(Stage stage) {
        vm = new InDoubtViewModel(ZoneOffset.UTC, new InDoubtActions() {
            @Override
            public CompletableFuture<Read> scan() {
                refreshes++;
                return new CompletableFuture<>();
            }

            @Override
            public CompletableFuture<String> resolve(PreparedBranch branch, boolean commit, String as) {
                calls.add((commit ? "commit " : "rollback ") + branch.gid() + " on " + branch.node().label()
                        + " as " + as);
                CompletableFuture<String> f = new CompletableFuture<>();
                pending.put(branch.gid(), f);
                return f;
            }
        }, javafx.application.Platform::runLater);
        // The app's window factory, as far as this view needs one: a modal stage over the console.
        view = new InDoubtView(vm, (owner, title, root, width, height) -> {
            Stage s = new Stage();
            s.initOwner(owner);
            s.setTitle(title);
            Scene scene = new Scene(root, width, height);
            Theme.LIGHT.applyTo(scene);
            s.setScene(scene);
            return s;
        });
        Scene scene = new Scene(new VBox(), 1300, 700);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    private static PreparedBranch branch(NodeRef node, String gid, int ageSeconds, boolean withLocks) {
        return new PreparedBranch(node, gid, "postgres", "app", NOW.minusSeconds(ageSeconds), 1000 + ageSeconds,
                20_000_000, 200_000_000,
                withLocks ? List.of(new PreparedBranch.HeldLock("relation", "RowExclusiveLock", "public.ledger"))
                        : List.of(),
                withLocks ? List.of(new PreparedBranch.BlockedSession(4242, "alice", "postgres", "psql", 12.5,
                        "UPDATE ledger SET amount = 0")) : List.of(),
                withLocks);
    }

    private static AdvisedTransaction tx(String id, Advice.Action action, Map<String, PreparedBranch> branches,
                                         String... missing) {
        return new AdvisedTransaction(new GlobalTransaction(id, "guides", "tx", branches,
                new TreeSet<>(branches.keySet()), new TreeSet<>(List.of(missing)), List.of()),
                new Advice(action, action + " summary for " + id, List.of("decision record says so for " + id)));
    }

    private static Map<String, PreparedBranch> map(Object... kv) {
        Map<String, PreparedBranch> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (PreparedBranch) kv[i + 1]);
        }
        return m;
    }

    private final AdvisedTransaction undecided = tx("tx_0004", Advice.Action.ROLLBACK,
            map("idt", branch(IDT, "tx_0004_idt", 300, true), "shard1", branch(SHARD1, "tx_0004_shard1", 290, false),
                    "shard2", branch(SHARD2, "tx_0004_shard2", 280, false)));
    private final AdvisedTransaction decided = tx("tx_0005", Advice.Action.COMMIT,
            map("shard1", branch(SHARD1, "it's", 200, false), "shard2", branch(SHARD2, "tx_0005_shard2", 190, false)),
            "idt");
    private final AdvisedTransaction unknown = tx("odd", Advice.Action.DECIDE,
            map("shard2", branch(SHARD2, "odd", 100, false)));

    private void show(Map<NodeRef, String> errors, AdvisedTransaction... txs) {
        onFx(() -> vm.setScan(new InDoubtScan(NOW, List.of(IDT, SHARD1, SHARD2), List.of(), errors), List.of(txs)));
    }

    @Test
    void groupsBranchesUnderTheirGlobalTransactionWithTheAdviceWrittenOut() {
        show(Map.of(), undecided, decided);
        assertThat(onFx(() -> ((Label) view.root().lookup("#indoubt-summary")).getText()))
                .isEqualTo("2 global transactions, 5 branches on 3 primaries; read at 10:00:00");
        List<TreeItem<InDoubtView.Row>> top = onFx(() -> List.copyOf(view.table().getRoot().getChildren()));
        assertThat(top).hasSize(2);
        assertThat(top.get(0).getValue().transaction().transaction().globalId()).isEqualTo("tx_0004");
        assertThat(top.get(0).getChildren()).hasSize(3);
        assertThat(top.get(1).getChildren()).extracting(c -> c.getValue().branch().gid())
                .containsExactly("it's", "tx_0005_shard2");
        String cells = onFx(() -> cellTexts());
        assertThat(cells).contains("Roll back").contains("Commit").contains("'it's'").contains("idt")
                .contains("5 min").contains("20,000,000 (10.0%)");
        // The transaction's details: advice and evidence.
        String details = onFx(() -> detailsText());
        assertThat(details).contains("tx_0004").contains("ROLLBACK summary for tx_0004")
                .contains("decision record says so for tx_0004");
    }

    @Test
    void theKeyColumnsAreReadableWithARowSelectedAt1280By800And1440By900() {
        show(Map.of(), undecided, decided, unknown);
        onFx(() -> view.select("tx_0005"));
        for (double[] size : new double[][] {{1280, 800}, {1440, 900}}) {
            io.pilothouse.views.ColumnsInSight.size(view.table(), size[0], size[1]);
            assertThat(onFx(() -> view.table().getWidth())).as("the details pane is open at %s", size[0])
                    .isLessThan(size[0] - 250);
            assertThat(onFx(() -> io.pilothouse.views.ColumnsInSight.problems(view.table(),
                    List.of("Global id / node", "Advice", "Age", "Missing", "Holding / owner"))))
                    .as("at %s×%s", size[0], size[1]).isEmpty();
        }
    }

    @Test
    void aBranchShowsItsLocksAndTheSessionsItBlocks() {
        show(Map.of(), undecided);
        onFx(() -> view.table().getSelectionModel().select(view.table().getRoot().getChildren().get(0)
                .getChildren().get(0)));
        String details = onFx(() -> detailsText());
        assertThat(details).contains("'tx_0004_idt'").contains("relation RowExclusiveLock on public.ledger")
                .contains("pid 4242, alice@postgres, waiting 13 s: UPDATE ledger SET amount = 0")
                .contains("oldest xmin");
    }

    @Test
    void emptyStateAndNodeErrorsInTheDangerTone() {
        show(Map.of(SHARD2, "connection refused"));
        assertThat(onFx(() -> ((Label) view.table().getPlaceholder()).getText()))
                .isEqualTo("No prepared transactions on the 2 primaries read");
        Label error = onFx(() -> (Label) ((VBox) view.root().lookup("#indoubt-errors")).getChildren().get(0));
        assertThat(onFx(error::getText)).isEqualTo("shard2/shard2: connection refused");
        assertThat(onFx(() -> error.getStyleClass())).contains(InDoubtStyles.ERROR);
        assertThat(onFx(() -> view.resolveButton().isDisabled())).isTrue();
        onFx(() -> view.refreshButton().fire());
        assertThat(refreshes).isEqualTo(1);
    }

    @Test
    void readOnlyDisablesResolveAndSaysWhy() {
        show(Map.of(), decided);
        assertThat(onFx(() -> view.resolveButton().isDisabled())).isFalse();
        onFx(() -> vm.readOnlyProperty().set(true));
        assertThat(onFx(() -> view.resolveButton().isDisabled())).isTrue();
        assertThat(onFx(() -> view.root().lookup("#indoubt-read-only").isVisible())).isTrue();
        assertThat(onFx(() -> view.openResolve())).isNull();
    }

    @Test
    void choicesDefaultToTheAdviceAndDecideMustBeChosen() {
        show(Map.of(), decided, unknown);
        InDoubtResolvePane commit = onFx(() -> {
            view.select("tx_0005");
            return view.openResolve();
        });
        assertThat(onFx(() -> commit.choice("shard1").getValue())).isEqualTo(InDoubtResolveModel.Choice.COMMIT);
        assertThat(onFx(() -> commit.choice("shard2").getValue())).isEqualTo(InDoubtResolveModel.Choice.COMMIT);
        InDoubtResolvePane decide = onFx(() -> {
            view.select("odd");
            return view.openResolve();
        });
        assertThat(onFx(() -> decide.choice("shard2").getValue())).isEqualTo(InDoubtResolveModel.Choice.SKIP);
        assertThat(onFx(() -> decide.nextButton().isDisabled())).isTrue();
        onFx(() -> decide.choice("shard2").setValue(InDoubtResolveModel.Choice.ROLLBACK));
        assertThat(onFx(() -> decide.nextButton().isDisabled())).isFalse();
        assertThat(onFx(decide::previewText)).contains("ROLLBACK PREPARED 'odd';");
    }

    @Test
    void thePreviewQuotesAHostileGidAndNamesTheRole() {
        show(Map.of(), decided);
        InDoubtResolvePane pane = onFx(() -> view.openResolve());
        assertThat(onFx(pane::previewText)).contains("COMMIT PREPARED 'it''s';")
                .contains("COMMIT PREPARED 'tx_0005_shard2';").contains("database postgres, as app (owner)");
        onFx(() -> pane.asUserField().setText("postgres"));
        assertThat(onFx(pane::previewText)).contains("as postgres\n").doesNotContain("(owner)");
        onFx(() -> pane.choice("shard2").setValue(InDoubtResolveModel.Choice.SKIP));
        assertThat(onFx(pane::previewText)).contains("-- skipped");
        assertThat(onFx(pane.model()::actionLabel)).isEqualTo("Commit 1 branch on shard1");
    }

    @Test
    void confirmationIsGatedAndEachBranchReportsWhatBecameOfIt() {
        show(Map.of(), undecided);
        InDoubtResolvePane pane = onFx(() -> view.openResolve());
        onFx(() -> pane.nextButton().fire());
        var confirm = onFx(pane::confirmation);
        assertThat(onFx(() -> confirm.confirmButton().getText())).isEqualTo("Roll back 3 branches on idt, shard1, shard2");
        assertThat(onFx(() -> pane.confirmWord())).isEqualTo("idt");
        onFx(() -> confirm.nameField().setText("shard1"));
        assertThat(onFx(() -> confirm.confirmButton().isDisabled())).isTrue();
        onFx(() -> confirm.confirmButton().fire());
        assertThat(calls).isEmpty();
        onFx(() -> confirm.nameField().setText("idt"));
        assertThat(onFx(() -> confirm.confirmButton().isDisabled())).isFalse();
        onFx(() -> confirm.confirmButton().fire());

        // One by one: the second starts only when the first is done.
        waitUntil(() -> calls.size() == 1);
        assertThat(calls.get(0)).isEqualTo("rollback tx_0004_idt on idt/idt-0 as null");
        onFx(() -> pending.get("tx_0004_idt").complete("rolled back branch 'tx_0004_idt' on idt/idt-0"));
        waitUntil(() -> calls.size() == 2);
        onFx(() -> pending.get("tx_0004_shard1").completeExceptionally(
                new MutationRefusedException(null, "already resolved: it is gone", null)));
        waitUntil(() -> calls.size() == 3);
        onFx(() -> pending.get("tx_0004_shard2").completeExceptionally(
                new IllegalStateException("permission denied to finish prepared transaction")));
        waitUntil(() -> pane.finishedProperty().get());
        assertThat(onFx(() -> pane.result("idt"))).startsWith("idt: done — rolled back branch 'tx_0004_idt'");
        assertThat(onFx(() -> pane.result("shard1"))).startsWith("shard1: refused — ").contains("already resolved");
        assertThat(onFx(() -> pane.result("shard2")))
                .isEqualTo("shard2: failed — permission denied to finish prepared transaction");
        assertThat(onFx(() -> ((Label) pane.root().lookup("#resolve-outcome")).getText()))
                .startsWith("1 done, 1 refused, 1 failed.");
        assertThat(refreshes).as("the list is read again").isEqualTo(1);
    }

    @Test
    void screenshotsInBothThemes() {
        show(Map.of(SHARD2, "timeout after 5 s"), undecided, decided, unknown);
        onFx(() -> {
            vm.readOnlyProperty().set(true);
            view.table().getSelectionModel().select(view.table().getRoot().getChildren().get(0).getChildren().get(0));
        });
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            java.nio.file.Path png = onFx(() -> {
                theme.applyTo(view.root().getScene());
                return io.pilothouse.views.ScreenshotRenderer.write(io.pilothouse.views.ScreenshotRenderer.snapshot(
                        view.root().getScene()), io.pilothouse.views.ScreenshotRenderer.directory()
                        .resolve("indoubt-" + theme.name().toLowerCase(java.util.Locale.ROOT) + ".png"));
            });
            assertThat(png).exists();
        }
        onFx(() -> vm.readOnlyProperty().set(false));
        InDoubtResolvePane pane = onFx(() -> {
            view.select("odd");
            InDoubtResolvePane p = view.openResolve();
            p.choice("shard2").setValue(InDoubtResolveModel.Choice.ROLLBACK);
            return p;
        });
        java.nio.file.Path png = onFx(() -> io.pilothouse.views.ScreenshotRenderer.write(
                io.pilothouse.views.ScreenshotRenderer.snapshot(pane.root().getScene()),
                io.pilothouse.views.ScreenshotRenderer.directory().resolve("indoubt-resolve-dark.png")));
        assertThat(png).exists();
    }

    private String cellTexts() {
        StringBuilder b = new StringBuilder();
        for (javafx.scene.Node n : view.table().lookupAll(".tree-table-cell")) {
            String t = ((javafx.scene.control.Labeled) n).getText();
            if (t != null) {
                b.append(t).append('|');
            }
        }
        return b.toString();
    }

    private String detailsText() {
        StringBuilder b = new StringBuilder();
        for (javafx.scene.Node n : ((VBox) view.root().lookup("#indoubt-details")).getChildren()) {
            b.append(((Label) n).getText()).append('\n');
        }
        return b.toString();
    }
}
