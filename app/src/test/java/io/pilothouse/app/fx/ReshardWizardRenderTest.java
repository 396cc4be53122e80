package io.pilothouse.app.fx;

import io.pilothouse.services.reshard.MovePlan;
import io.pilothouse.services.reshard.MoveProgress;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.services.reshard.QualifiedName;
import io.pilothouse.services.reshard.ReshardNode;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.reshard.MoveOutcome;
import io.pilothouse.views.reshard.PlanReview;
import io.pilothouse.views.reshard.ReshardActions;
import io.pilothouse.views.reshard.ReshardPage;
import io.pilothouse.views.reshard.ReshardWizard;
import io.pilothouse.views.reshard.ReshardWizardModel;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wizard's progress page and a stopped move's result rendered to PNGs (target/reshard-shots) with the app's
 * theme, for a person to look at: the pages the end-to-end move passes too quickly to capture.
 */
@ExtendWith(ApplicationExtension.class)
class ReshardWizardRenderTest {

    private static final Path SHOTS = Path.of("target", "reshard-shots");
    private static final ReshardNode SHARD1 = new ReshardNode("shard1", "shard1", "127.0.0.1", 6001, "postgres");
    private static final ReshardNode SHARD2 = new ReshardNode("shard2", "shard2", "127.0.0.1", 6002, "postgres");
    private final CompletableFuture<MoveOutcome> run = new CompletableFuture<>();
    private volatile Consumer<MoveProgress> progress;
    private Stage stage;
    private ReshardWizard wizard;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        QualifiedName p3 = new QualifiedName("demo", "orders_p3");
        MovePlan plan = new MovePlan("20261121t100000_ab12", "src/coord", new ReshardNode("node1", "src",
                "127.0.0.1", 5432, "postgres"), new QualifiedName("demo", "orders"), p3,
                "FOR VALUES WITH (modulus 8, remainder 3)", true, SHARD2, p3, SHARD1, "shard1", p3,
                "orders_p3_moved_20261121t100000_ab12", "postgres", List.of("CREATE TABLE demo.orders_p3 ()"),
                List.of(), 250_000, 41_943_040, Instant.now(), List.of(), null);
        ReshardActions actions = new IdleReshardActions() {
            @Override
            public CompletableFuture<PlanReview> plan(String database, String partition, String target, String role) {
                return CompletableFuture.completedFuture(new PlanReview(plan, List.of(), List.of("-- 1.")));
            }

            @Override
            public CompletableFuture<MoveOutcome> move(MovePlan p, Consumer<MoveProgress> events, BooleanSupplier s) {
                progress = events;
                return run;
            }
        };
        wizard = new ReshardWizard(new ReshardWizardModel("coord", false, actions, javafx.application.Platform::runLater));
        Scene scene = new Scene(new Region(), 1040, 560);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(wizard.root());
        stage.setScene(scene);
        stage.show();
        wizard.model().start();
    }

    @Test
    void progressAndAStoppedResultRenderToPngs() throws Exception {
        ReshardWizardModel model = wizard.model();
        fx(() -> {
            model.choice().partitionProperty().set("demo.orders_p3");
            model.choice().targetProperty().set("shard1");
            model.plan();
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> model.pageProperty().get() == ReshardPage.PREVIEW));
        fx(() -> {
            model.askToMove();
            model.confirm();
            return null;
        });
        progress.accept(new MoveProgress(MoveState.SUBSCRIBED, "Copying demo.orders_p3 from shard2 to shard1",
                162_500, 250_000, 27_262_976, 41_943_040, 1_048_576, Duration.ofSeconds(14)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> model.runState().progressProperty().get() != null));
        ProgressBar bar = fx(() -> (ProgressBar) stage.getScene().lookup("#reshard-progress"));
        assertThat(fx(bar::getProgress)).isEqualTo(0.65);
        snapshot("4-progress.png");

        String error = "Move 20261121t100000_ab12 stopped before the cutover at your request; the subscription keeps "
                + "the target up to date. Resume it or roll it back.";
        MoveRecord stopped = new MoveRecord(model.reviewProperty().get().plan(), MoveState.SUBSCRIBED, null, null,
                error, List.of("created", "published", "subscribed"), Instant.now());
        run.complete(new MoveOutcome(stopped, error));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> model.pageProperty().get() == ReshardPage.RESULT));
        snapshot("5-stopped.png");
        fx(() -> {
            Theme.DARK.applyTo(stage.getScene());
            return null;
        });
        snapshot("5-stopped-dark.png");
        assertThat(ImageIO.read(SHOTS.resolve("5-stopped.png").toFile()).getWidth()).isEqualTo(1040);
        Pictures.assertRendered("5-stopped.png", Pictures.read(SHOTS.resolve("5-stopped.png")), false);
        Pictures.assertRendered("5-stopped-dark.png", Pictures.read(SHOTS.resolve("5-stopped-dark.png")), true);
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
