package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.FxTest;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Enter never leads to or confirms a COMMIT PREPARED; Escape leaves the first page. */
@ExtendWith(ApplicationExtension.class)
class InDoubtResolveKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final NodeRef SHARD1 = new NodeRef("src", "shard1", "shard1", "127.0.0.1", 5433);

    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private InDoubtResolvePane pane;

    @Start
    void start(Stage stage) {
        PreparedBranch b = new PreparedBranch(SHARD1, "tx_0021_shard1", "postgres", "app", NOW.minusSeconds(114),
                1000, 2_000, 200_000_000, List.of(), List.of(), false);
        Map<String, PreparedBranch> branches = new LinkedHashMap<>(Map.of("shard1", b));
        AdvisedTransaction tx = new AdvisedTransaction(new GlobalTransaction("tx_0021", "guides", "tx", branches,
                new TreeSet<>(branches.keySet()), new TreeSet<>(), List.of()),
                new Advice(Advice.Action.COMMIT, "commit: the decision record says committed", List.of()));
        pane = new InDoubtResolvePane(new InDoubtResolveModel(tx, (branch, commit, as) -> {
            resolved.add(branch.gid());
            return new CompletableFuture<>();
        }, "shard1", javafx.application.Platform::runLater));
        pane.setOnClose(closed::incrementAndGet);
        FxTest.showLight(stage, pane.root(), 900, 620);
    }

    @Test
    void enterInTheRoleFieldDoesNotJumpToTheConfirmation(FxRobot robot) {
        robot.clickOn("#resolve-as").write("postgres").type(KeyCode.ENTER);
        assertThat(onFx(pane::confirmation)).as("Enter opened the commit confirmation").isNull();
        assertThat(onFx(() -> pane.nextButton().isDefaultButton())).isFalse();
    }

    @Test
    void enterOnCancelOfTheConfirmationDoesNotCommit(FxRobot robot) {
        onFx(() -> pane.nextButton().fire());
        var confirm = onFx(pane::confirmation);
        robot.clickOn("#confirm-name").write("shard1");
        assertThat(onFx(() -> confirm.confirmButton().isDisabled())).isFalse();
        onFx(() -> confirm.cancelButton().requestFocus());
        robot.type(KeyCode.ENTER);
        assertThat(resolved).as("Enter with the focus on Cancel ran COMMIT PREPARED").isEmpty();
        assertThat(onFx(() -> confirm.confirmButton().isDefaultButton())).isFalse();
    }

    @Test
    void escapeOnTheFirstPageCloses(FxRobot robot) {
        robot.clickOn("#resolve-as").type(KeyCode.ESCAPE);
        assertThat(closed.get()).isEqualTo(1);
    }
}
