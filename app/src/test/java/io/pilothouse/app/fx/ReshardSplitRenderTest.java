package io.pilothouse.app.fx;

import io.pilothouse.services.reshard.CutoverFigures;
import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.services.reshard.QualifiedName;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.services.reshard.SplitSpec;
import io.pilothouse.services.reshard.Verification;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.reshard.MoveOutcome;
import io.pilothouse.views.reshard.PlanReview;
import io.pilothouse.views.reshard.ReshardActions;
import io.pilothouse.views.reshard.ReshardPage;
import io.pilothouse.views.reshard.ReshardWizard;
import io.pilothouse.views.reshard.ReshardChoice;
import io.pilothouse.views.reshard.ReshardWizardModel;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A split's preview and result rendered to PNGs (target/reshard-shots) in the dark theme, for a person to look at; the
 * end-to-end split renders them in the light theme from a real run.
 */
@ExtendWith(ApplicationExtension.class)
class ReshardSplitRenderTest {

    private static final Path SHOTS = Path.of("target", "reshard-shots");
    private static final ReshardNode SHARD1 = new ReshardNode("shard1", "shard1", "127.0.0.1", 6001, "postgres");
    private static final ReshardNode SHARD2 = new ReshardNode("shard2", "shard2", "127.0.0.1", 6002, "postgres");
    private final CompletableFuture<MoveOutcome> run = new CompletableFuture<>();
    private Stage stage;
    private ReshardWizard wizard;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        QualifiedName p3 = new QualifiedName("demo", "orders_p3");
        QualifiedName p11 = new QualifiedName("demo", "orders_p11");
        MovePlan plan = new MovePlan("20261121t100000_ab12", "src/coord", new ReshardNode("node1", "src",
                "127.0.0.1", 5432, "postgres"), new QualifiedName("demo", "orders"), p3,
                "FOR VALUES WITH (modulus 8, remainder 3)", true, SHARD2, p3, SHARD1, "shard1", p3,
                "orders_p3_moved_20261121t100000_ab12", "postgres", List.of("CREATE TABLE demo.orders_p3 ()"),
                List.of(), 250_000, 41_943_040, Instant.now(), List.of("The rows that leave are deleted from "
                + "demo.orders_p3 inside the cutover, after their count and checksum matched on the target."),
                new SplitSpec(p11, p11, 8, 3, "user_id", new QualifiedName("pilothouse", "split_ab12_key"), true,
                        "bigint", null, List.of()));
        ReshardActions actions = new IdleReshardActions() {
            @Override
            public CompletableFuture<PlanReview> planSplit(String database, String partition, String target,
                                                           String role, String newName) {
                return CompletableFuture.completedFuture(new PlanReview(plan, List.of(), List.of(
                        "-- 2. on the source shard2 (127.0.0.1:6002/postgres)",
                        "CREATE PUBLICATION \"ph_move_20261121t100000_ab12\" FOR TABLE \"demo\".\"orders_p3\" WHERE "
                                + "(satisfies_hash_partition('\"pilothouse\".\"split_ab12_key\"'::regclass, 16, 11, "
                                + "\"user_id\"))")));
            }

            @Override
            public CompletableFuture<MoveOutcome> move(MovePlan p, Consumer<MoveProgress> events, BooleanSupplier s) {
                return run;
            }
        };
        wizard = new ReshardWizard(new ReshardWizardModel("coord", false, actions, javafx.application.Platform::runLater));
        Scene scene = new Scene(new Region(), 1040, 720);
        Theme.DARK.applyTo(scene);
        scene.setRoot(wizard.root());
        stage.setScene(scene);
        stage.show();
        wizard.model().start();
    }

    @Test
    void aSplitsPreviewAndResultRenderToPngsInTheDarkTheme() throws Exception {
        ReshardWizardModel model = wizard.model();
        fx(() -> {
            model.choice().kindProperty().set(ReshardChoice.Kind.SPLIT);
            model.choice().partitionProperty().set("demo.orders_p3");
            model.choice().targetProperty().set("shard1");
            return null;
        });
        snapshot("10-split-choose-dark.png");
        fx(() -> {
            model.plan();
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> model.pageProperty().get() == ReshardPage.PREVIEW));
        snapshot("10-split-preview-dark.png");
        fx(() -> {
            model.askToMove();
            model.confirm();
            return null;
        });
        MoveRecord done = new MoveRecord(model.reviewProperty().get().plan(), MoveState.DONE,
                new CutoverFigures(1, 3, 13, 126), new Verification(125_000, "3698656818417077189", 125_000,
                "3698656818417077189", null), null, List.of("created", "published", "subscribed",
                "split committed on the coordinator", "done"), Instant.now());
        run.complete(MoveOutcome.done(done));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> model.pageProperty().get() == ReshardPage.RESULT));
        assertThat(fx(() -> stage.getScene().lookup("#reshard-drop-source").isVisible())).isFalse();
        snapshot("10-split-result-dark.png");
        assertThat(ImageIO.read(SHOTS.resolve("10-split-result-dark.png").toFile()).getWidth()).isEqualTo(1040);
        for (String shot : new String[] {"10-split-choose-dark.png", "10-split-preview-dark.png",
                "10-split-result-dark.png"}) {
            Pictures.assertRendered(shot, Pictures.read(SHOTS.resolve(shot)), true);
        }
    }

    private void snapshot(String name) throws Exception {
        fx(() -> {
            OffscreenRenderer.snapshot(stage.getScene(), SHOTS.resolve(name));
            return null;
        });
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
