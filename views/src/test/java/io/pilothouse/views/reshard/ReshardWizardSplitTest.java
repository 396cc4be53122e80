package io.pilothouse.views.reshard;

import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static io.pilothouse.views.reshard.ReshardFixtures.mapWithEvents;
import static io.pilothouse.views.reshard.ReshardFixtures.splitDone;
import static io.pilothouse.views.reshard.ReshardFixtures.splitReview;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splitting in the resharding wizard, on hand-built maps, plans and records (the split itself runs against a real
 * sandbox in the app's end-to-end test): the Move / Split choice is reachable by keyboard, a split offers only hash
 * partitions and shows the two bounds it leaves, planning asks for a split with the typed name, the preview and the
 * confirmation name the split, and a finished split shows its moved-half verification with no kept source to drop.
 */
@ExtendWith(ApplicationExtension.class)
class ReshardWizardSplitTest {

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

    private ReshardWizardModel openWithMap() {
        actions = new ReshardFixtures.Scripted();
        onFx(() -> {
            wizard = new ReshardWizard(new ReshardWizardModel("coord", false, actions, Platform::runLater));
            stage.getScene().setRoot(wizard.root());
            wizard.model().start();
        });
        ReshardWizardModel model = wizard.model();
        actions.unfinished.complete(List.of());
        actions.maps.complete(List.of(mapWithEvents()));
        waitUntil(() -> !model.busyProperty().get());
        return model;
    }

    private ReshardWizardModel splitPreview() {
        ReshardWizardModel model = openWithMap();
        onFx(() -> {
            model.choice().kindProperty().set(ReshardChoice.Kind.SPLIT);
            model.choice().partitionProperty().set("demo.orders_p3");
            model.plan();
        });
        actions.plans.get(0).complete(splitReview());
        waitUntil(() -> model.pageProperty().get() == ReshardPage.PREVIEW);
        return model;
    }

    private <T extends Node> T find(String id, Class<T> type) {
        return onFx(() -> type.cast(stage.getScene().lookup("#" + id)));
    }

    @Test
    void theMoveOrSplitChoiceIsReachedAndSwitchedByKeyboard(FxRobot robot) {
        ReshardWizardModel model = openWithMap();
        RadioButton move = find("reshard-kind-move", RadioButton.class);
        RadioButton split = find("reshard-kind-split", RadioButton.class);
        assertThat(onFx(move::isSelected)).as("a move unless a split is chosen").isTrue();
        assertThat(onFx(() -> move.isFocusTraversable() && split.isFocusTraversable())).isTrue();
        onFx(move::requestFocus);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(split::isSelected)).isTrue();
        assertThat(onFx(() -> model.choice().kindProperty().get())).isEqualTo(ReshardChoice.Kind.SPLIT);
        assertThat(onFx(() -> shown(find("reshard-new-name", TextField.class)))).isTrue();
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> model.choice().kindProperty().get())).isEqualTo(ReshardChoice.Kind.MOVE);
        assertThat(onFx(() -> shown(find("reshard-new-name", TextField.class)))).isFalse();
    }

    @Test
    void aSplitEnablesOnlyHashPartitionsAndShowsTheTwoBoundsItLeaves() {
        ReshardWizardModel model = openWithMap();
        Button plan = find("reshard-plan", Button.class);
        onFx(() -> model.choice().partitionProperty().set("demo.events_2026_01"));
        onFx(() -> model.choice().targetProperty().set("shard1"));
        assertThat(onFx(plan::isDisabled)).as("a range partition moves").isFalse();
        onFx(() -> find("reshard-kind-split", RadioButton.class).fire());
        assertThat(onFx(plan::isDisabled)).as("but does not split").isTrue();
        assertThat(onFx(() -> find("reshard-split-problem", Label.class).getText()))
                .isEqualTo("demo.events_2026_01 is not a hash partition (2026-01-01 00:00:00+00 \u2192 "
                        + "2026-02-01 00:00:00+00); only hash partitions split in two.");
        assertThat(onFx(() -> find("reshard-split-bounds", Label.class).isVisible())).isFalse();

        // The list greys out what cannot split.
        @SuppressWarnings("unchecked")
        ComboBox<String> partitions = find("reshard-partition", ComboBox.class);
        onFx(partitions::show);
        List<String> enabled = onFx(() -> cells().stream().filter(c -> !c.isDisabled() && c.getItem() != null)
                .map(ListCell::getItem).toList());
        List<String> disabled = onFx(() -> cells().stream().filter(c -> c.isDisabled() && c.getItem() != null)
                .map(ListCell::getItem).toList());
        onFx(partitions::hide);
        assertThat(enabled).containsExactlyInAnyOrder("demo.orders_p0", "demo.orders_p2", "demo.orders_p3");
        assertThat(disabled).containsExactly("demo.events_2026_01");

        onFx(() -> partitions.setValue("demo.orders_p3"));
        assertThat(onFx(() -> model.choice().targetProperty().get())).isEqualTo("shard1");
        Label bounds = find("reshard-split-bounds", Label.class);
        assertThat(onFx(bounds::getText)).isEqualTo("3 mod 16 stays on shard2, 11 mod 16 goes to shard1");
        assertThat(onFx(bounds::isVisible)).isTrue();
        assertThat(onFx(() -> find("reshard-split-problem", Label.class).isVisible())).isFalse();
        TextField newName = find("reshard-new-name", TextField.class);
        assertThat(onFx(newName::getPromptText)).isEqualTo("empty: orders_p11");
        assertThat(onFx(plan::isDisabled)).isFalse();

        onFx(plan::fire);
        assertThat(actions.planned).containsExactly("split postgres demo.orders_p3 shard1 postgres null");
        actions.plans.get(0).completeExceptionally(new IllegalStateException("The coordinator already has "
                + "demo.orders_p11; name the new partition differently."));
        waitUntil(() -> model.errorProperty().get() != null);
        onFx(() -> newName.setText(" orders_p3b "));
        onFx(plan::fire);
        assertThat(actions.planned).containsExactly("split postgres demo.orders_p3 shard1 postgres null",
                "split postgres demo.orders_p3 shard1 postgres orders_p3b");

        // Back to a move: no bounds, and the same choice plans a move.
        onFx(() -> find("reshard-kind-move", RadioButton.class).fire());
        assertThat(onFx(bounds::isVisible)).isFalse();
        assertThat(onFx(() -> shown(newName))).isFalse();
    }

    @Test
    void thePreviewAndTheConfirmationNameTheSplit() {
        ReshardWizardModel model = splitPreview();
        assertThat(onFx(() -> find("reshard-plan-summary", Label.class).getText()))
                .isEqualTo("Plan 20261121t100000_ab12: Split demo.orders_p3 (3 mod 8) on shard2 "
                        + "(127.0.0.1:6002/postgres): 3 mod 16 stays, demo.orders_p11 (11 mod 16) goes to shard1 "
                        + "(127.0.0.1:6001/postgres)");
        Button move = find("reshard-move", Button.class);
        assertThat(onFx(move::getText)).isEqualTo("Split demo.orders_p3, demo.orders_p11 to shard1\u2026");
        onFx(move::fire);
        ConfirmByNameDialogPane pane = onFx(() -> (ConfirmByNameDialogPane) stage.getScene()
                .lookup(".ph-confirm-by-name"));
        Button confirm = onFx(pane::confirmButton);
        assertThat(onFx(confirm::getText)).isEqualTo("Split demo.orders_p3, demo.orders_p11 to shard1");
        assertThat(onFx(() -> stage.getScene().getRoot().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).filter(t -> t != null && t.contains("keeps no copy")).count()))
                .as("the confirmation says the rows that leave are not kept").isEqualTo(1L);
        onFx(() -> pane.nameField().setText("demo.orders_p3"));
        onFx(confirm::fire);
        assertThat(actions.calls()).containsExactly("move 20261121t100000_ab12");
        assertThat(onFx(() -> find("reshard-running", Label.class).getText()))
                .isEqualTo("Splitting demo.orders_p3: demo.orders_p11 goes to shard1");
        assertThat(onFx(() -> model.pageProperty().get())).isEqualTo(ReshardPage.PROGRESS);
    }

    @Test
    void aFinishedSplitShowsTheMovedHalfVerificationAndNoSourceToDrop() {
        ReshardWizardModel model = splitPreview();
        onFx(() -> model.askToMove());
        onFx(model::confirm);
        CompletableFuture.runAsync(() -> actions.run().complete(MoveOutcome.done(splitDone())));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.RESULT);
        WaitForAsyncUtils.waitForFxEvents();
        Label headline = find("reshard-result-headline", Label.class);
        assertThat(onFx(headline::getText)).isEqualTo("DONE: demo.orders_p3 split \u2014 3 mod 16 stays on shard2, "
                + "demo.orders_p11 (11 mod 16) goes to shard1");
        assertThat(onFx(headline::getPseudoClassStates)).contains(ReshardStyles.OK);
        assertThat(onFx(() -> find("reshard-result-verification", Label.class).getText()))
                .isEqualTo("\u2713 MATCHED \u2014 moved half: source 1,250 rows, checksum 5ab0c1; target 1,250 rows, "
                        + "checksum 5ab0c1");
        assertThat(onFx(() -> find("reshard-result-source", Label.class).getText()))
                .isEqualTo("The moved rows were deleted from demo.orders_p3 on shard2 as the coordinator switched: "
                        + "a split keeps no copy of them.");
        assertThat(onFx(() -> find("reshard-drop-source", Button.class).isVisible())).isFalse();
        assertThat(onFx(model::canDropSource)).isFalse();
        assertThat(onFx(model::askToDropSource)).isFalse();
    }

    @Test
    void anUnfinishedSplitIsOfferedInItsOwnWordsAndAStoppedOneOffersResumeAndRollBackButNoDrop() {
        actions = new ReshardFixtures.Scripted();
        onFx(() -> {
            wizard = new ReshardWizard(new ReshardWizardModel("coord", false, actions, Platform::runLater));
            stage.getScene().setRoot(wizard.root());
            wizard.model().start();
        });
        ReshardWizardModel model = wizard.model();
        String error = "Split 20261121t100000_ab12 stopped before the cutover at your request.";
        MoveRecord stopped = new MoveRecord(
                ReshardFixtures.splitPlan(), MoveState.SUBSCRIBED, null, null, error,
                List.of(), ReshardFixtures.NOW);
        actions.unfinished.complete(List.of(stopped));
        actions.maps.complete(List.of(mapWithEvents()));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.UNFINISHED);
        assertThat(onFx(() -> stage.getScene().getRoot().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList()))
                .contains("Split of demo.orders_p3, demo.orders_p11 to shard1 (20261121t100000_ab12) stopped at "
                        + "SUBSCRIBED: " + error);
        onFx(() -> find("reshard-resume-20261121t100000_ab12", Button.class).fire());
        assertThat(onFx(() -> find("reshard-running", Label.class).getText()))
                .isEqualTo("Resuming the split of demo.orders_p3 from SUBSCRIBED");
        CompletableFuture.runAsync(() -> actions.run().complete(new MoveOutcome(stopped, error)));
        waitUntil(() -> model.pageProperty().get() == ReshardPage.RESULT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> find("reshard-result-headline", Label.class).getText()))
                .isEqualTo("STOPPED at SUBSCRIBED: split of demo.orders_p3, demo.orders_p11 to shard1");
        assertThat(onFx(() -> find("reshard-result-source", Label.class).getText()))
                .isEqualTo("demo.orders_p3 is still read whole from shard2 (127.0.0.1:6002/postgres).");
        assertThat(onFx(() -> find("reshard-result-resume", Button.class).isVisible())).isTrue();
        assertThat(onFx(() -> find("reshard-result-rollback", Button.class).isVisible())).isTrue();
        assertThat(onFx(() -> find("reshard-drop-source", Button.class).isVisible())).isFalse();
    }

    /** True when the node and every parent are visible. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private List<ListCell<String>> cells() {
        return javafx.stage.Window.getWindows().stream().filter(w -> w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".list-cell").stream())
                .filter(n -> n instanceof ListCell<?>).map(n -> (ListCell<String>) n).toList();
    }
}
