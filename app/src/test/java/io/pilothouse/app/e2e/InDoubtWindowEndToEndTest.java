package io.pilothouse.app.e2e;

import io.pilothouse.app.fx.InDoubtWindow;
import io.pilothouse.app.fx.MainViews;
import io.pilothouse.app.fx.OffscreenRenderer;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.workload.TwoPhaseWorkload;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.indoubt.InDoubtResolvePane;
import io.pilothouse.views.indoubt.InDoubtView;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.operations.ConfirmByNameDialogPane;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-doubt console end to end on real orphans: the 2PC workload leaves one global transaction undecided and one
 * committed on the leader only; the header button opens the console, which advises ROLLBACK and COMMIT; resolving
 * the committed one with the defaults commits both shard branches, the ledger has the row everywhere, and the audit
 * log has the records. Screenshots of the console and the resolve pane go to target/indoubt-shots.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class InDoubtWindowEndToEndTest {

    private static final Path SHOTS = Path.of("target", "indoubt-shots");
    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveSession session;
    private static AuditLogProperty audit;
    private MainView view;
    private InDoubtWindow window;

    @BeforeAll
    static void startSandbox() throws Exception {
        own = OwnSandbox.start("pilothouse-indoubt-ui-", s -> s.withMembers(1).withScope("idt").withShards(2));
        sandbox = own.info();
        audit = AuditLogProperty.pointAt(own.dir().resolve("audit.jsonl"));
        new TwoPhaseWorkload(sandbox).run(new TwoPhaseWorkload.Options(3, 2, 7, false), line -> { });
        // The sandbox names the 2PC workload's decision log itself (indoubt.decision); minAgeSeconds 0 is added: the
        // orphans are seconds old, and the coordinator is known to be gone.
        String written = Files.readString(sandbox.workspaceFile());
        if (!written.contains("indoubt:\n  decision:\n    source: idt\n")) {
            throw new IllegalStateException("the sandbox's workspace names no decision log:\n" + written);
        }
        Files.writeString(sandbox.workspaceFile(), written.replace("indoubt:\n", "indoubt:\n  minAgeSeconds: 0\n"));
        session = SettledSession.start(own.workspace());
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
        window = new InDoubtWindow(session);
        view.openInDoubtProperty().set(() -> window.show(stage));
        stage.show();
    }

    @AfterEach
    void closeWindows() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void consoleAdvisesAndResolvesTheCommittedOneWithTheDefaults() throws Exception {
        // The console scans the primaries the live model knows: wait until it knows all three participants'.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.feed().latest().clusters().stream()
                .filter(c -> c.leader() != null).count() == 1 + sandbox.shards().size());
        Button open = fx(() -> (Button) view.root().lookup("#open-indoubt"));
        assertThat(fx(open::isVisible)).isTrue();
        fx(() -> {
            open.fire();
            return null;
        });
        InDoubtView console = fx(window::view);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> transactions(console).size()) == 2);
        AdvisedTransaction undecided = fx(() -> find(console, "tx_0004"));
        AdvisedTransaction decided = fx(() -> find(console, "tx_0005"));
        assertThat(undecided.advice().action()).isEqualTo(Advice.Action.ROLLBACK);
        assertThat(undecided.transaction().branches()).hasSize(3);
        assertThat(decided.advice().action()).isEqualTo(Advice.Action.COMMIT);
        assertThat(decided.transaction().branches().keySet()).containsExactlyInAnyOrder("shard1", "shard2");
        assertThat(decided.transaction().missing()).containsExactly("idt");
        assertThat(fx(() -> ((javafx.scene.control.Label) console.root().lookup("#indoubt-summary")).getText()))
                .startsWith("2 global transactions, 5 branches on 3 primaries; read at ");
        fx(() -> console.select("tx_0005"));
        snapshot(console.root().getScene(), "1-console.png");

        fx(() -> {
            console.resolveButton().fire();
            return null;
        });
        InDoubtResolvePane pane = fx(console::resolvePane);
        assertThat(fx(() -> pane.choice("shard1").getValue())).isEqualTo(io.pilothouse.views.indoubt.InDoubtResolveModel.Choice.COMMIT);
        assertThat(fx(pane::previewText)).contains("COMMIT PREPARED 'tx_0005_shard1';")
                .contains("COMMIT PREPARED 'tx_0005_shard2';");
        snapshot(pane.root().getScene(), "2-resolve-preview.png");
        fx(() -> {
            pane.nextButton().fire();
            return null;
        });
        ConfirmByNameDialogPane confirm = fx(pane::confirmation);
        assertThat(fx(() -> confirm.confirmButton().getText())).isEqualTo("Commit 2 branches on shard1, shard2");
        assertThat(fx(() -> confirm.confirmButton().isDisabled())).isTrue();
        fx(() -> {
            confirm.nameField().setText(pane.confirmWord());
            return null;
        });
        assertThat(fx(() -> confirm.confirmButton().isDisabled())).isFalse();
        snapshot(pane.root().getScene(), "3-resolve-confirm.png");
        fx(() -> {
            confirm.confirmButton().fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> pane.finishedProperty().get()));
        assertThat(fx(() -> pane.result("shard1"))).startsWith("shard1: done — committed branch 'tx_0005_shard1'");
        assertThat(fx(() -> pane.result("shard2"))).startsWith("shard2: done — committed branch 'tx_0005_shard2'");
        snapshot(pane.root().getScene(), "4-resolve-results.png");

        for (String node : List.of("idt", "shard1", "shard2")) {
            assertThat(participants().ledgerRows(node, "tx_0005")).as("tx_0005 committed once on " + node).isEqualTo(1);
            assertThat(participants().prepared(node)).as(node).noneMatch(g -> g.startsWith("tx_0005"));
        }
        assertThat(participants().prepared("idt")).contains("tx_0004_idt");
        assertThat(Files.readString(own.dir().resolve("audit.jsonl"))).contains("\"action\":\"commit-prepared\"")
                .contains("\"gid\":\"tx_0005_shard1\"").contains("\"gid\":\"tx_0005_shard2\"");
        // The console read the primaries again: only the undecided one is left.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> transactions(console).size()) == 1);
        assertThat(fx(() -> transactions(console).get(0).transaction().globalId())).isEqualTo("tx_0004");
        snapshot(console.root().getScene(), "5-console-after.png");

        // The same console from the command line, offscreen.
        Path png = SHOTS.toAbsolutePath().resolve("6-screenshot-command-dark.png");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = io.pilothouse.app.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "screenshot", "--view", "indoubt", "--theme", "dark", "--size", "1400x700", "--out", png.toString(),
                "--workspace", sandbox.workspaceFile().toString());
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("view indoubt");
        assertThat(png).exists();
    }

    private static List<AdvisedTransaction> transactions(InDoubtView console) {
        List<AdvisedTransaction> list = new ArrayList<>();
        for (TreeItem<InDoubtView.Row> item : console.table().getRoot().getChildren()) {
            list.add(item.getValue().transaction());
        }
        return list;
    }

    private static AdvisedTransaction find(InDoubtView console, String globalId) {
        return transactions(console).stream().filter(t -> t.transaction().globalId().equals(globalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + globalId));
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void snapshot(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            OffscreenRenderer.snapshot(scene, SHOTS.resolve(name));
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    private static Participants participants() {
        return new Participants(sandbox);
    }
}
