package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static io.pilothouse.views.reshard.ReshardFixtures.copying;
import static io.pilothouse.views.reshard.ReshardFixtures.map;
import static io.pilothouse.views.reshard.ReshardFixtures.record;
import static io.pilothouse.views.reshard.ReshardFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resharding wizard's pages on hand-built maps, plans, progress and records (the move itself runs against a
 * real sandbox in the app's end-to-end test): the map offers partitions and targets, a plan is previewed with every
 * statement, refusals and a read-only workspace disable the move with the reason, the typed partition name unlocks a
 * button naming the move, progress renders from another thread, the result says MATCHED or MISMATCH, and a stopped
 * move offers resume and roll back.
 */
@ExtendWith(ApplicationExtension.class)
class ReshardWizardTest {

    private Stage stage;
    private ReshardFixtures.Scripted actions;
    private ReshardWizard wizard;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Region(), 1040, 720));
        Theme.LIGHT.applyTo(stage.getScene());
        stage.show();
    }

    private ReshardWizardModel open(boolean readOnly) {
        actions = new ReshardFixtures.Scripted();
        onFx(() -> {
            wizard = new ReshardWizard(new ReshardWizardModel("coord", readOnly, actions, Platform::runLater));
            stage.getScene().setRoot(wizard.root());
            wizard.model().start();
        });
        return wizard.model();
    }

    private ReshardWizardModel openWithMap(boolean readOnly) {
        ReshardWizardModel model = open(readOnly);
        actions.unfinished.complete(List.of());
        actions.maps.complete(List.of(map()));
        waitUntil(() -> !model.busyProperty().get());
        return model;
    }

    private ReshardWizardModel preview(boolean readOnly, List<String> refusals) {
        ReshardWizardModel model = openWithMap(readOnly);
        onFx(() -> {
            model.choice().partitionProperty().set("demo.orders_p3");
            model.choice().targetProperty().set("shard1");
            model.plan();
        });
        actions.plans.get(0).complete(review(refusals));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.PREVIEW);
        return model;
    }

    private <T extends Node> T find(String id, Class<T> type) {
        return onFx(() -> type.cast(stage.getScene().lookup("#" + id)));
    }

    @Test
    void theMapOffersEveryPartitionWithItsNodeAndTheOtherNodesAsTargets() {
        ReshardWizardModel model = openWithMap(false);
        @SuppressWarnings("unchecked")
        ComboBox<String> partitions = find("reshard-partition", ComboBox.class);
        assertThat(onFx(() -> List.copyOf(partitions.getItems())))
                .containsExactly("demo.orders_p0", "demo.orders_p2", "demo.orders_p3");
        onFx(() -> partitions.setValue("demo.orders_p3"));
        assertThat(onFx(() -> List.copyOf(model.choice().targets()))).containsExactly("shard1");
        assertThat(onFx(() -> model.choice().targetProperty().get())).isEqualTo("shard1");
        assertThat(onFx(() -> find("reshard-partition-details", Label.class).getText()))
                .isEqualTo("on shard2 \u00b7 1.3 MiB \u00b7 ~2,500 rows \u00b7 table demo.orders");
        onFx(() -> partitions.setValue("demo.orders_p0"));
        assertThat(onFx(() -> List.copyOf(model.choice().targets()))).containsExactly("shard1", "shard2");
    }

    @Test
    void planRunsInTheBackgroundAndItsErrorIsShownInWordsOnTheChoicePage() {
        ReshardWizardModel model = openWithMap(false);
        Button plan = find("reshard-plan", Button.class);
        onFx(() -> model.choice().partitionProperty().set("demo.nope"));
        onFx(() -> model.choice().targetProperty().set("shard1"));
        assertThat(onFx(() -> plan.isDisabled())).isFalse();
        onFx(plan::fire);
        // Planning has not answered yet: the page waits, the button is off, the FX thread is free.
        assertThat(onFx(() -> plan.isDisabled())).isTrue();
        assertThat(actions.planned).containsExactly("null demo.nope shard1 postgres");
        CompletableFuture.runAsync(() -> actions.plans.get(0).completeExceptionally(new IllegalStateException(
                "demo.nope is not a partition on the coordinator node1; pilothouse shards lists them.")));
        waitUntil(() -> model.errorProperty().get() != null);
        assertThat(onFx(() -> find("reshard-error", Label.class).getText())).startsWith("demo.nope is not a partition");
        assertThat(onFx(() -> model.pageProperty().get())).isEqualTo(ReshardPage.CHOOSE);
        assertThat(onFx(() -> plan.isDisabled())).isFalse();
    }

    @Test
    void previewShowsThePlanNotesAndEveryStatementAndTheMoveButtonNamesTheMove() {
        preview(false, List.of());
        assertThat(onFx(() -> find("reshard-plan-summary", Label.class).getText()))
                .isEqualTo("Plan 20261121t100000_ab12: demo.orders_p3 from shard2 (127.0.0.1:6002/postgres) to "
                        + "shard1 (127.0.0.1:6001/postgres)");
        assertThat(onFx(() -> find("reshard-plan-size", Label.class).getText())).startsWith("~2,500 rows, 1.3 MiB on shard2");
        TextArea statements = find("reshard-statements", TextArea.class);
        assertThat(onFx(() -> statements.isEditable())).isFalse();
        assertThat(onFx(() -> statements.getText())).contains("CREATE TABLE demo.orders_p3").contains("password=********");
        assertThat(onFx(() -> ((VBox) find("reshard-notes", VBox.class)).getChildren())).hasSize(1);
        Button move = find("reshard-move", Button.class);
        assertThat(onFx(() -> move.getText())).isEqualTo("Move demo.orders_p3 to shard1\u2026");
        assertThat(onFx(() -> move.isMnemonicParsing())).as("the underscore is shown, not taken as a mnemonic")
                .isFalse();
        assertThat(onFx(() -> move.isDisabled())).isFalse();
    }

    @Test
    void enterOnThePreviewNeverLeadsIntoTheMove(org.testfx.api.FxRobot robot) {
        ReshardWizardModel model = preview(false, List.of());
        Button move = find("reshard-move", Button.class);
        assertThat(onFx(move::isDisabled)).as("the move can be asked for").isFalse();
        assertThat(onFx(move::isDefaultButton)).isFalse();
        onFx(() -> stage.getScene().getRoot().requestFocus());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> model.pageProperty().get())).isEqualTo(ReshardPage.PREVIEW);
        assertThat(actions.calls()).noneMatch(c -> c.startsWith("move"));
    }

    @Test
    void aGuardRailRefusalDisablesTheMoveAndSaysWhy() {
        ReshardWizardModel model = preview(false, List.of("Cluster shard1 is paused (maintenance mode); resume it "
                + "before resharding."));
        assertThat(onFx(() -> find("reshard-move", Button.class).isDisabled())).isTrue();
        VBox refusals = find("reshard-refusals", VBox.class);
        assertThat(onFx(() -> ((Label) refusals.getChildren().get(0)).getText()))
                .isEqualTo("\u2717 Refused: Cluster shard1 is paused (maintenance mode); resume it before resharding.");
        assertThat(onFx(() -> refusals.getChildren().get(0).getPseudoClassStates()))
                .contains(ReshardStyles.BAD);
        assertThat(onFx(() -> model.askToMove())).isFalse();
    }

    @Test
    void aReadOnlyWorkspaceDisablesTheMoveWithTheReason() {
        preview(true, List.of());
        assertThat(onFx(() -> find("reshard-move", Button.class).isDisabled())).isTrue();
        VBox refusals = find("reshard-refusals", VBox.class);
        assertThat(onFx(() -> ((Label) refusals.getChildren().get(0)).getText())).contains("read-only");
    }

    @Test
    void theTypedPartitionNameUnlocksTheMoveAndProgressRendersWhileTheWindowStaysResponsive() throws Exception {
        ReshardWizardModel model = preview(false, List.of());
        onFx(() -> find("reshard-move", Button.class).fire());
        ConfirmByNameDialogPane pane = onFx(() -> (ConfirmByNameDialogPane) stage.getScene()
                .lookup(".ph-confirm-by-name"));
        Button confirm = onFx(pane::confirmButton);
        assertThat(onFx(() -> confirm.getText())).isEqualTo("Move demo.orders_p3 to shard1");
        assertThat(onFx(() -> confirm.isMnemonicParsing())).isFalse();
        onFx(() -> pane.nameField().setText("demo.orders_p2"));
        assertThat(onFx(() -> confirm.isDisabled())).isTrue();
        onFx(() -> pane.nameField().setText("demo.orders_p3"));
        assertThat(onFx(() -> confirm.isDisabled())).isFalse();
        onFx(confirm::fire);
        assertThat(actions.calls()).containsExactly("move 20261121t100000_ab12");
        assertThat(onFx(() -> model.pageProperty().get())).isEqualTo(ReshardPage.PROGRESS);

        // A fast mover reports from its own thread; the FX thread takes the latest once per batch.
        CompletableFuture<Void> mover = CompletableFuture.runAsync(() -> {
            for (int rows = 0; rows <= 1_250; rows += 5) {
                actions.progress.accept(copying(rows));
            }
        });
        mover.get();
        waitUntil(() -> model.runState().progressProperty().get() != null && model.runState().progressProperty().get().rowsCopied() == 1_250);
        ProgressBar bar = find("reshard-progress", ProgressBar.class);
        assertThat(onFx(() -> bar.getProgress())).isEqualTo(0.5);
        assertThat(onFx(() -> find("reshard-step", Label.class).getText()))
                .isEqualTo("SUBSCRIBED: Copying demo.orders_p3 from shard2 to shard1");
        assertThat(onFx(() -> find("reshard-figures", Label.class).getText())).isEqualTo("1,250 of ~2,500 rows  \u00b7  "
                + "610.4 KiB of 1.3 MiB copied  \u00b7  catch-up lag 4.0 KiB  \u00b7  about 7 s left");

        Button stop = find("reshard-stop", Button.class);
        assertThat(onFx(() -> stop.isVisible())).isTrue();
        assertThat(actions.stop.getAsBoolean()).isFalse();
        onFx(stop::fire);
        assertThat(actions.stop.getAsBoolean()).isTrue();
        assertThat(onFx(() -> stop.isDisabled())).isTrue();
    }

    @Test
    void theResultSaysMatchedWithTheCutoverAndWhereTheSourceIsKeptAndDroppingItNeedsTheName() {
        ReshardWizardModel model = toResult(MoveOutcome.done(record(MoveState.DONE, true, true, null)));
        Label headline = find("reshard-result-headline", Label.class);
        assertThat(onFx(() -> headline.getText())).isEqualTo("DONE: demo.orders_p3 now lives on shard1 (127.0.0.1:6001/postgres)");
        assertThat(onFx(() -> headline.getPseudoClassStates())).contains(ReshardStyles.OK);
        assertThat(onFx(() -> find("reshard-result-cutover", Label.class).getText()))
                .isEqualTo("Writes blocked for 310 ms (lock wait 12 ms, catch-up 40 ms, 1 attempt)");
        assertThat(onFx(() -> find("reshard-result-verification", Label.class).getText()))
                .isEqualTo("\u2713 MATCHED \u2014 source 2,500 rows, checksum 9f1c2e; target 2,500 rows, checksum 9f1c2e");
        assertThat(onFx(() -> find("reshard-result-source", Label.class).getText()))
                .isEqualTo("The source is kept as demo.orders_p3_moved_ab12 on shard2 (127.0.0.1:6002/postgres) "
                        + "until you drop it.");
        assertThat(onFx(() -> find("reshard-result-resume", Button.class).isVisible())).isFalse();
        assertThat(onFx(() -> find("reshard-result-rollback", Button.class).isVisible())).isFalse();

        Button drop = find("reshard-drop-source", Button.class);
        assertThat(onFx(() -> drop.isVisible())).isTrue();
        onFx(drop::fire);
        ConfirmByNameDialogPane pane = onFx(() -> (ConfirmByNameDialogPane) stage.getScene()
                .lookup(".ph-confirm-by-name"));
        Button confirm = onFx(pane::confirmButton);
        assertThat(onFx(() -> confirm.getText())).isEqualTo("Drop demo.orders_p3_moved_ab12 on shard2");
        assertThat(onFx(() -> confirm.isDisabled())).isTrue();
        onFx(() -> pane.nameField().setText("demo.orders_p3"));
        onFx(confirm::fire);
        assertThat(actions.calls()).containsExactly("move 20261121t100000_ab12", "drop-source 20261121t100000_ab12");
        assertThat(onFx(() -> model.pageProperty().get())).isEqualTo(ReshardPage.PROGRESS);
    }

    @Test
    void aMismatchIsShownAsSuch() {
        toResult(MoveOutcome.done(record(MoveState.DONE, true, false, null)));
        Label verification = find("reshard-result-verification", Label.class);
        assertThat(onFx(() -> verification.getText())).startsWith("\u2717 MISMATCH \u2014 source 2,500 rows")
                .contains("target 2,499 rows, checksum 77aa01");
        assertThat(onFx(() -> verification.getPseudoClassStates())).contains(ReshardStyles.BAD);
        assertThat(onFx(() -> find("reshard-result-headline", Label.class).getPseudoClassStates()))
                .contains(ReshardStyles.BAD);
    }

    @Test
    void aMoveThatStoppedShowsTheErrorAndOffersResumeAndRollBack() {
        String error = "Move 20261121t100000_ab12 stopped before the cutover at your request; the subscription "
                + "keeps the target up to date. Resume it or roll it back.";
        ReshardWizardModel model = toResult(new MoveOutcome(record(MoveState.SUBSCRIBED, false, false, error), error));
        assertThat(onFx(() -> find("reshard-result-headline", Label.class).getText()))
                .isEqualTo("STOPPED at SUBSCRIBED: demo.orders_p3 from shard2 to shard1");
        assertThat(onFx(() -> find("reshard-result-error", Label.class).getText())).isEqualTo(error);
        assertThat(onFx(() -> find("reshard-result-verification", Label.class).isVisible())).isFalse();
        assertThat(onFx(() -> find("reshard-drop-source", Button.class).isVisible())).isFalse();
        Button rollBack = find("reshard-result-rollback", Button.class);
        assertThat(onFx(() -> find("reshard-result-resume", Button.class).isVisible())).isTrue();
        assertThat(onFx(() -> rollBack.isVisible())).isTrue();
        onFx(rollBack::fire);
        assertThat(actions.calls()).containsExactly("move 20261121t100000_ab12", "rollback 20261121t100000_ab12");
        assertThat(onFx(() -> model.pageProperty().get())).isEqualTo(ReshardPage.PROGRESS);
        assertThat(onFx(() -> find("reshard-stop", Button.class).isVisible())).as("a roll-back cannot be stopped")
                .isFalse();
    }

    @Test
    void aMovePastItsCutoverCannotBeRolledBackOnlyResumed() {
        String error = "Could not verify on shard1: connection refused";
        toResult(new MoveOutcome(record(MoveState.CUT_OVER, false, false, error), error));
        assertThat(onFx(() -> find("reshard-result-resume", Button.class).isVisible())).isTrue();
        assertThat(onFx(() -> find("reshard-result-rollback", Button.class).isVisible())).isFalse();
    }

    @Test
    void unfinishedMovesAreOfferedFirstWithResumeAndRollBack() {
        ReshardWizardModel model = open(false);
        String error = "Move 20261121t100000_ab12 stopped before the cutover at your request; the subscription keeps "
                + "the target up to date. Resume it or roll it back. The app was closed while the copy ran, so the "
                + "journal is all that is left of it.";
        actions.unfinished.complete(List.of(record(MoveState.SUBSCRIBED, false, false, error)));
        actions.maps.complete(List.of(map()));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.UNFINISHED);
        VBox rows = find("reshard-unfinished", VBox.class);
        assertThat(onFx(() -> rows.getChildren())).hasSize(1);
        assertThat(onFx(() -> stage.getScene().getRoot().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList()))
                .contains("Move of demo.orders_p3 to shard1 (20261121t100000_ab12) stopped at SUBSCRIBED: " + error);
        Button resume = find("reshard-resume-20261121t100000_ab12", Button.class);
        assertThat(onFx(() -> resume.getWidth() >= resume.prefWidth(-1))).as("the button keeps its words").isTrue();
        onFx(() -> find("reshard-resume-20261121t100000_ab12", Button.class).fire());
        assertThat(actions.calls()).containsExactly("resume 20261121t100000_ab12");
        actions.run().complete(MoveOutcome.done(record(MoveState.DONE, true, true, null)));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.RESULT);
        assertThat(onFx(() -> model.unfinished())).isEmpty();
    }

    @Test
    void aRefusalBeforeAnythingIsJournaledGoesBackToThePreviewWithTheReason() {
        ReshardWizardModel model = preview(false, List.of());
        onFx(() -> model.askToMove());
        onFx(model::confirm);
        actions.run().complete(new MoveOutcome(null, "another operation holds the lock of coord; try again"));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.PREVIEW);
        assertThat(onFx(() -> find("reshard-error", Label.class).getText()))
                .isEqualTo("another operation holds the lock of coord; try again");
    }

    private ReshardWizardModel toResult(MoveOutcome outcome) {
        ReshardWizardModel model = preview(false, List.of());
        onFx(() -> model.askToMove());
        onFx(model::confirm);
        CompletableFuture.runAsync(() -> actions.run().complete(outcome));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.RESULT);
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }
}
