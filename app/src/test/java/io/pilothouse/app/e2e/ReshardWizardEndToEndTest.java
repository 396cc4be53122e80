package io.pilothouse.app.e2e;

import io.pilothouse.app.fx.ClusterActions;
import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.fx.OffscreenRenderer;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.reshard.MoveRecord;
import io.pilothouse.services.reshard.MoveState;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.sharding.ShardedSchema;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.ClusterAction;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import io.pilothouse.views.reshard.ReshardPage;
import io.pilothouse.views.reshard.ReshardWizard;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resharding wizard end to end on a real sharded sandbox (one Patroni member as coordinator, two shard nodes,
 * 20,000 orders): Operations › Move or split a partition… opens it, the map offers demo.orders_p3 (on shard2) with shard1 as
 * target, the plan previews every statement, the partition name typed unlocks "Move demo.orders_p3 to shard1", the
 * window answers while the move runs, and the result says MATCHED; the coordinator's demo.orders_p3 is then a
 * foreign table on server shard1. A move stopped before its cutover is offered first when the wizard opens again, and
 * rolls back from there. Split in two chosen on demo.orders_p6 (6 mod 8, on shard1), the wizard leaves 6 mod 16 on
 * shard1 and a new foreign partition demo.orders_p14 (14 mod 16) on shard2 holding only its own rows. Screenshots of
 * the pages go to target/reshard-shots.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class ReshardWizardEndToEndTest {

    private static final Path SHOTS = Path.of("target", "reshard-shots");
    private static final String PARTITION = "demo.orders_p3";
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveSession session;
    private static AuditLogProperty audit;
    private MainView view;

    @BeforeAll
    static void startSandbox() throws Exception {
        own = OwnSandbox.start("pilothouse-reshard-ui-", s -> s.withMembers(1).withScope("coord").withShards(2));
        try {
            sandbox = own.info();
            audit = AuditLogProperty.pointAt(own.dir().resolve("audit.jsonl"));
            new ShardedSchema(sandbox).create(20_000, line -> { });
            session = SettledSession.start(own.workspace());
        } catch (RuntimeException | Error | InterruptedException e) {
            Closing.inOrder(session, audit, own);
            throw e;
        }
    }

    @AfterAll
    static void stopSandbox() {
        Closing.inOrder(session, audit, own);
    }

    @Start
    void start(Stage stage) {
        view = MainViews.on(session);
        Scene scene = new Scene(new Region(), 1400, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        view.clusterActionsProperty().set(new ClusterActions(() -> stage, session));
        stage.show();
        view.selectCluster(own.sourceName(), "coord");
    }

    @AfterEach
    void closeWindows() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void theWizardMovesAPartitionEndToEndAndTheCoordinatorThenReadsItFromTheTarget() throws Exception {
        // Guard-rails refuse nodes the live model does not know: wait until it has the coordinator and both shards.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.feed().latest().clusters().stream()
                .filter(c -> c.leader() != null).count() == 1 + sandbox.shards().size());
        // What pilothouse screenshot --view reshard draws: the preview of a plan (planning changes nothing).
        io.pilothouse.app.fx.ReshardScreenshot.render(session, session.feed().latest().cluster(own.sourceName(),
                "coord").orElseThrow(), Theme.LIGHT, 1200, 800, SHOTS.resolve("0-screenshot-view-reshard.png"));
        assertThat(javax.imageio.ImageIO.read(SHOTS.resolve("0-screenshot-view-reshard.png").toFile()).getHeight())
                .isEqualTo(800);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.perform(ClusterAction.MOVE_PARTITION)));
        ReshardWizard wizard = fx(ReshardWizardEndToEndTest::wizard);
        Scene scene = fx(() -> wizard.root().getScene());

        @SuppressWarnings("unchecked")
        ComboBox<String> partition = fx(() -> (ComboBox<String>) scene.lookup("#reshard-partition"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> partition.getItems().contains(PARTITION)));
        assertThat(fx(() -> wizard.model().pageProperty().get())).isEqualTo(ReshardPage.CHOOSE);
        fx(() -> {
            partition.setValue(PARTITION);
            return null;
        });
        assertThat(fx(() -> wizard.model().choice().targets())).containsExactly("shard1");
        assertThat(fx(() -> wizard.model().choice().targetProperty().get())).isEqualTo("shard1");
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-partition-details")).getText())).startsWith("on shard2");
        Button plan = fx(() -> (Button) scene.lookup("#reshard-plan"));
        fx(() -> {
            plan.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> wizard.model().pageProperty().get()
                == ReshardPage.PREVIEW || wizard.model().errorProperty().get() != null));
        assertThat(fx(() -> wizard.model().errorProperty().get())).isNull();
        Button move = fx(() -> (Button) scene.lookup("#reshard-move"));
        assertThat(fx(move::getText)).isEqualTo("Move demo.orders_p3 to shard1\u2026");
        assertThat(fx(() -> wizard.model().reviewProperty().get().refusals())).isEmpty();
        assertThat(fx(move::isDisabled)).isFalse();
        assertThat(fx(() -> ((TextArea) scene.lookup("#reshard-statements")).getText()))
                .contains("CREATE SUBSCRIPTION").doesNotContain(sandboxPasswordOrNothing());
        snapshot(scene, "1-preview.png");

        fx(() -> {
            move.fire();
            return null;
        });
        ConfirmByNameDialogPane pane = fx(() -> (ConfirmByNameDialogPane) scene.lookup(".ph-confirm-by-name"));
        Button confirm = fx(pane::confirmButton);
        assertThat(fx(confirm::getText)).isEqualTo("Move demo.orders_p3 to shard1");
        fx(() -> {
            pane.nameField().setText("demo.orders_p2");
            return null;
        });
        assertThat(fx(confirm::isDisabled)).isTrue();
        fx(() -> {
            pane.nameField().setText(PARTITION);
            return null;
        });
        snapshot(scene, "2-confirm.png");
        fx(() -> {
            confirm.fire();
            return null;
        });

        // While the move runs the FX thread stays free: every round trip to it answers quickly.
        AtomicLong slowest = new AtomicLong();
        AtomicInteger samples = new AtomicInteger();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            long t0 = System.nanoTime();
            ReshardPage page = fx(() -> wizard.model().pageProperty().get());
            slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
            samples.incrementAndGet();
            return page == ReshardPage.RESULT;
        });
        assertThat(samples.get()).isGreaterThan(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowest.get())).as("slowest FX round trip while moving, ms")
                .isLessThan(1_000);

        MoveRecord record = fx(() -> wizard.model().outcomeProperty().get().record());
        assertThat(fx(() -> wizard.model().outcomeProperty().get().error())).isNull();
        assertThat(record.state()).isEqualTo(MoveState.DONE);
        assertThat(record.verification().matched()).isTrue();
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-verification")).getText()))
                .startsWith("\u2713 MATCHED \u2014 source " + String.format("%,d", record.verification().sourceRows()));
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-cutover")).getText())).startsWith("Writes blocked for");
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-source")).getText()))
                .startsWith("The source is kept as demo." + record.plan().keptName() + " on shard2");
        assertThat(fx(() -> scene.lookup("#reshard-drop-source").isVisible())).isTrue();
        snapshot(scene, "3-result.png");

        assertThat(serverOf(PARTITION)).as(PARTITION + " is a foreign table on the coordinator, on server shard1")
                .isEqualTo("shard1");
        assertThat(Files.readString(own.dir().resolve("audit.jsonl"))).contains("\"action\":\"reshard-move\"");

        // The kept source goes only after its name is typed again.
        String kept = "demo." + record.plan().keptName();
        assertThat(keptOnShard2(kept)).isTrue();
        fx(() -> {
            ((Button) scene.lookup("#reshard-drop-source")).fire();
            return null;
        });
        ConfirmByNameDialogPane drop = fx(() -> (ConfirmByNameDialogPane) scene.lookup(".ph-confirm-by-name"));
        Button dropButton = fx(drop::confirmButton);
        assertThat(fx(dropButton::getText)).isEqualTo("Drop " + kept + " on shard2");
        assertThat(fx(dropButton::isDisabled)).isTrue();
        fx(() -> {
            drop.nameField().setText(PARTITION);
            dropButton.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> wizard.model().pageProperty().get()
                == ReshardPage.RESULT && wizard.model().outcomeProperty().get().record().state()
                == MoveState.SOURCE_DROPPED));
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-source")).getText()))
                .isEqualTo("The kept source " + kept + " on shard2 was dropped.");
        assertThat(keptOnShard2(kept)).isFalse();
        assertThat(serverOf(PARTITION)).isEqualTo("shard1");
    }

    @Test
    void theWizardSplitsAHashPartitionAndTheCoordinatorThenHasBothHalvesWithTheirBounds() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.feed().latest().clusters().stream()
                .filter(c -> c.leader() != null).count() == 1 + sandbox.shards().size());
        String split = "demo.orders_p6"; // hash 6 mod 8, on shard1
        assertThat(serverOf(split)).isEqualTo("shard1");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.perform(ClusterAction.MOVE_PARTITION)));
        ReshardWizard wizard = fx(ReshardWizardEndToEndTest::wizard);
        Scene scene = fx(() -> wizard.root().getScene());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> wizard.model().choice().options().stream()
                .anyMatch(o -> o.partition().equals(split))));
        fx(() -> {
            ((RadioButton) scene.lookup("#reshard-kind-split")).fire();
            @SuppressWarnings("unchecked")
            ComboBox<String> partition = (ComboBox<String>) scene.lookup("#reshard-partition");
            partition.setValue(split);
            return null;
        });
        assertThat(fx(() -> wizard.model().choice().targetProperty().get())).isEqualTo("shard2");
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-split-bounds")).getText()))
                .isEqualTo("6 mod 16 stays on shard1, 14 mod 16 goes to shard2");
        assertThat(fx(() -> ((TextField) scene.lookup("#reshard-new-name")).getPromptText()))
                .isEqualTo("empty: orders_p14");
        snapshot(scene, "8-split-choose.png");
        fx(() -> {
            ((Button) scene.lookup("#reshard-plan")).fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> wizard.model().pageProperty().get()
                == ReshardPage.PREVIEW || wizard.model().errorProperty().get() != null));
        assertThat(fx(() -> wizard.model().errorProperty().get())).isNull();
        assertThat(fx(() -> wizard.model().reviewProperty().get().refusals())).isEmpty();
        Button move = fx(() -> (Button) scene.lookup("#reshard-move"));
        assertThat(fx(move::getText)).isEqualTo("Split demo.orders_p6, demo.orders_p14 to shard2\u2026");
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-plan-summary")).getText()))
                .contains(": Split demo.orders_p6 (6 mod 8) on shard1");
        assertThat(fx(() -> ((TextArea) scene.lookup("#reshard-statements")).getText()))
                .contains("satisfies_hash_partition").doesNotContain(sandboxPasswordOrNothing());
        snapshot(scene, "8-split-preview.png");

        fx(() -> {
            move.fire();
            return null;
        });
        ConfirmByNameDialogPane pane = fx(() -> (ConfirmByNameDialogPane) scene.lookup(".ph-confirm-by-name"));
        Button confirm = fx(pane::confirmButton);
        assertThat(fx(confirm::getText)).isEqualTo("Split demo.orders_p6, demo.orders_p14 to shard2");
        fx(() -> {
            pane.nameField().setText(split);
            return null;
        });
        snapshot(scene, "8-split-confirm.png");
        fx(() -> {
            confirm.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> wizard.model().pageProperty().get()
                == ReshardPage.RESULT));

        MoveRecord record = fx(() -> wizard.model().outcomeProperty().get().record());
        assertThat(fx(() -> wizard.model().outcomeProperty().get().error())).isNull();
        assertThat(record.state()).isEqualTo(MoveState.DONE);
        assertThat(record.verification().matched()).isTrue();
        assertThat(record.verification().sourceRows()).as("the moved half had rows").isPositive();
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-verification")).getText()))
                .startsWith("\u2713 MATCHED \u2014 moved half: source "
                        + String.format("%,d", record.verification().sourceRows()) + " rows");
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-headline")).getText()))
                .isEqualTo("DONE: demo.orders_p6 split \u2014 6 mod 16 stays on shard1, demo.orders_p14 (14 mod 16) "
                        + "goes to shard2");
        assertThat(fx(() -> scene.lookup("#reshard-drop-source").isVisible())).as("a split keeps no source").isFalse();
        snapshot(scene, "9-split-result.png");

        assertThat(boundOf(split)).isEqualTo("FOR VALUES WITH (modulus 16, remainder 6)");
        assertThat(boundOf("demo.orders_p14")).isEqualTo("FOR VALUES WITH (modulus 16, remainder 14)");
        assertThat(serverOf("demo.orders_p14")).as("demo.orders_p14 is a foreign table on server shard2")
                .isEqualTo("shard2");
        assertThat(serverOf(split)).isEqualTo("shard1");
        assertThat(coordinatorCount("WITH r AS MATERIALIZED (SELECT user_id FROM demo.orders_p14) SELECT count(*) "
                + "FROM r")).isEqualTo(record.verification().targetRows());
        // MATERIALIZED keeps the check on the coordinator: pushed down, it would hash with the shard's oid for
        // demo.orders.
        assertThat(coordinatorCount("WITH r AS MATERIALIZED (SELECT user_id FROM demo.orders_p14) SELECT count(*) "
                + "FROM r WHERE NOT satisfies_hash_partition('demo.orders'::regclass, 16, 14, user_id)"))
                .as("rows of demo.orders_p14 outside 14 mod 16").isZero();
        assertThat(coordinatorCount("WITH r AS MATERIALIZED (SELECT user_id FROM demo.orders_p6) SELECT count(*) "
                + "FROM r WHERE NOT satisfies_hash_partition('demo.orders'::regclass, 16, 6, user_id)"))
                .as("rows of demo.orders_p6 outside 6 mod 16").isZero();
        assertThat(Files.readString(own.dir().resolve("audit.jsonl"))).contains("\"action\":\"reshard-split\"");
    }

    /** The partition bound of {@code partition} on the coordinator, as PostgreSQL prints it. */
    private static String boundOf(String partition) throws Exception {
        try (Connection c = coordinator();
             PreparedStatement st = c.prepareStatement("SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c "
                     + "WHERE c.oid = to_regclass(?)")) {
            st.setString(1, partition);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A count the test's own constant query returns on the coordinator. */
    private static long coordinatorCount(String sql) throws Exception {
        try (Connection c = coordinator(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection coordinator() throws Exception {
        Member leader = session.feed().latest().cluster(own.sourceName(), "coord").orElseThrow().leaderMember()
                .orElseThrow();
        return SandboxConnections.connect(sandbox, leader.host(), leader.port(), sandbox.superuser(), "postgres");
    }

    private static boolean keptOnShard2(String table) throws Exception {
        SandboxInfo.Shard shard2 = sandbox.requireShard("shard2");
        try (Connection c = SandboxConnections.connect(sandbox, shard2.pgHost(), shard2.pgPort(), sandbox.superuser(),
                "postgres");
             PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Test
    void aMoveStoppedBeforeTheCutoverIsOfferedAgainOnReopeningAndRollsBack() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.feed().latest().clusters().stream()
                .filter(c -> c.leader() != null).count() == 1 + sandbox.shards().size());
        String moved = "demo.orders_p4"; // on shard1
        assertThat(serverOf(moved)).isEqualTo("shard1");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.perform(ClusterAction.MOVE_PARTITION)));
        ReshardWizard first = fx(ReshardWizardEndToEndTest::wizard);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> first.model().choice().options().stream()
                .anyMatch(o -> o.partition().equals(moved))));
        fx(() -> {
            first.model().choice().partitionProperty().set(moved);
            first.model().plan();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> first.model().pageProperty().get()
                == ReshardPage.PREVIEW || first.model().errorProperty().get() != null));
        assertThat(fx(() -> first.model().choice().targetProperty().get())).isEqualTo("shard2");
        // Stop asked for as the move starts: it stops at the copy, before any cutover, and can be resumed.
        fx(() -> {
            first.model().askToMove();
            first.model().confirm();
            first.model().runState().stopBeforeCutover();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> first.model().pageProperty().get()
                == ReshardPage.RESULT));
        Scene scene = fx(() -> first.root().getScene());
        assertThat(fx(() -> ((Label) scene.lookup("#reshard-result-headline")).getText()))
                .isEqualTo("STOPPED at SUBSCRIBED: demo.orders_p4 from shard1 to shard2");
        assertThat(fx(() -> scene.lookup("#reshard-result-resume").isVisible())).isTrue();
        assertThat(fx(() -> scene.lookup("#reshard-result-rollback").isVisible())).isTrue();
        String id = fx(() -> first.model().outcomeProperty().get().record().id());
        fx(() -> {
            ((Button) scene.lookup("#reshard-close")).fire();
            return null;
        });

        // Reopened (as after a restart): the journal's unfinished move comes first.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.perform(ClusterAction.MOVE_PARTITION)));
        ReshardWizard again = fx(ReshardWizardEndToEndTest::wizard);
        assertThat(again).isNotSameAs(first);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> again.model().pageProperty().get()
                == ReshardPage.UNFINISHED));
        Scene reopened = fx(() -> again.root().getScene());
        snapshot(reopened, "6-unfinished.png");
        Button rollBack = fx(() -> (Button) reopened.lookup("#reshard-rollback-" + id));
        assertThat(fx(rollBack::isDisabled)).isFalse();
        fx(() -> {
            rollBack.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> again.model().pageProperty().get()
                == ReshardPage.RESULT));
        MoveRecord record = fx(() -> again.model().outcomeProperty().get().record());
        assertThat(fx(() -> again.model().outcomeProperty().get().error())).isNull();
        assertThat(record.state()).isEqualTo(MoveState.ROLLED_BACK);
        assertThat(fx(() -> ((Label) reopened.lookup("#reshard-result-headline")).getText()))
                .startsWith("ROLLED BACK: demo.orders_p4 stays on shard1");
        snapshot(reopened, "7-rolled-back.png");
        assertThat(serverOf(moved)).isEqualTo("shard1");
        assertThat(session.reshard().unfinished()).isEmpty();
    }

    /** The foreign server the coordinator reads {@code partition} through. */
    private static String serverOf(String partition) throws Exception {
        Member leader = session.feed().latest().cluster(own.sourceName(), "coord").orElseThrow().leaderMember()
                .orElseThrow();
        try (Connection c = SandboxConnections.connect(sandbox, leader.host(), leader.port(), sandbox.superuser(),
                "postgres");
             PreparedStatement st = c.prepareStatement("SELECT s.srvname FROM pg_foreign_table ft "
                     + "JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = to_regclass(?)")) {
            st.setString(1, partition);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The superuser's password must never reach the preview; a marker that cannot match when it is unknown. */
    private static String sandboxPasswordOrNothing() {
        SandboxInfo.Shard shard2 = sandbox.requireShard("shard2");
        return SandboxConnections.password(sandbox.passfile(), shard2.pgHost(), shard2.pgPort(), "postgres",
                        sandbox.superuser())
                .orElse("\u0000no password\u0000");
    }

    private static ReshardWizard wizard() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot().getProperties().get(ReshardWizard.class) != null) {
                return (ReshardWizard) w.getScene().getRoot().getProperties().get(ReshardWizard.class);
            }
        }
        throw new AssertionError("no resharding wizard is open");
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void snapshot(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            OffscreenRenderer.snapshot(scene, SHOTS.resolve(name));
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}
