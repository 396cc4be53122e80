package io.pilothouse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.app.fx.PatroniOperationDialogs;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.ClusterAction;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation window on a real cluster: pause by typing the cluster's name, see "paused" verified, find the audit
 * record; then resume the same way. Its own two-member sandbox, so maintenance mode disturbs no other test.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class PatroniOperationDialogsSandboxTest {

    private static OwnSandbox own;
    private static Path auditLog;
    private static AuditLogProperty auditProperty;
    private static SandboxInfo sandbox;
    private static LiveSession session;
    private static String source;
    private PatroniOperationDialogs dialogs;

    @BeforeAll
    static void startSandbox() throws Exception {
        own = OwnSandbox.start("pilothouse-opsui-", s -> s.withMembers(2).withScope("opsui"));
        sandbox = own.info();
        // Before the session starts: its guard writes here.
        auditLog = own.dir().resolve("audit.jsonl");
        auditProperty = AuditLogProperty.pointAt(auditLog);
        source = own.sourceName();
        session = SettledSession.start(own.workspace());
    }

    @AfterAll
    static void stopSandbox() {
        Closing.inOrder(session, auditProperty, own);
    }

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new Region(), 400, 300);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
        dialogs = new PatroniOperationDialogs(stage, session);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static ClusterSnapshot cluster() {
        return session.feed().latest().cluster(source, sandbox.scope()).orElseThrow();
    }

    private static List<JsonNode> audit() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        if (Files.exists(auditLog)) {
            for (String line : Files.readAllLines(auditLog)) {
                if (!line.isBlank()) {
                    records.add(json.readTree(line));
                }
            }
        }
        return records;
    }

    /** Opens the action's window, types the name, confirms, and returns the window once the outcome shows. */
    private Stage confirmAndWait(FxRobot robot, ClusterAction action) throws Exception {
        ClusterSnapshot c = cluster();
        Stage window = onFx(() -> dialogs.open(action, c, null));
        typeAndConfirm(window);
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> onFx(() -> {
            Label title = (Label) window.getScene().lookup("#operation-result-title");
            return title != null && !title.getText().isEmpty();
        }));
        return window;
    }

    /**
     * Types the cluster's name and confirms, on the FX thread. Keyboard and mouse handling of these panes is tested
     * in views; here the robot would click whatever window of an earlier test class lies on top.
     */
    private static void typeAndConfirm(Stage window) throws Exception {
        onFx(() -> {
            laidOut(window);
            ((javafx.scene.control.TextInputControl) window.getScene().lookup("#confirm-name")).setText(sandbox.scope());
            ((Button) window.getScene().lookup("#confirm-action")).fire();
            return null;
        });
    }

    /** A dialog pane's buttons join the scene graph at a layout pass; lookups right after opening need one. */
    private static void laidOut(Stage window) {
        window.getScene().getRoot().applyCss();
        window.getScene().getRoot().layout();
    }

    private static void fire(Stage window, String id) throws Exception {
        onFx(() -> {
            laidOut(window);
            ((javafx.scene.control.ButtonBase) window.getScene().lookup(id)).fire();
            return null;
        });
    }

    @org.junit.jupiter.api.AfterEach
    void closeWindows() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
    }

    private static void awaitOutcome(Stage window) throws Exception {
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> onFx(() -> {
            Label title = (Label) window.getScene().lookup("#operation-result-title");
            return title != null && !title.getText().isEmpty();
        }));
    }

    private static String text(Stage window, String id) throws Exception {
        return onFx(() -> ((Label) window.getScene().lookup(id)).getText());
    }

    @Test
    void pausesAndResumesFromTheWindowWithTheAuditRecorded(FxRobot robot) throws Exception {
        assertThat(cluster().paused()).isFalse();
        int before = audit().size(); // other tests of this class share the log

        Stage pause = confirmAndWait(robot, ClusterAction.PAUSE);
        assertThat(text(pause, "#operation-result-title")).as(text(pause, "#operation-result"))
                .isEqualTo("Done \u2014 verified");
        assertThat(text(pause, "#operation-result")).contains("paused");
        assertThat(cluster().paused()).isTrue();
        assertThat(audit().subList(before, audit().size()))
                .extracting(r -> r.path("action").asText() + " " + r.path("outcome").asText())
                .containsExactly("pause ok");
        png(pause.getScene(), "opsui-pause-live.png");
        assertThat(onFx(() -> ((Button) pause.getScene().lookup("#operation-close")).isDefaultButton())).isTrue();
        fire(pause, "#operation-close");
        assertThat(onFx(pause::isShowing)).isFalse();

        Stage resume = confirmAndWait(robot, ClusterAction.RESUME);
        assertThat(text(resume, "#operation-result-title")).as(text(resume, "#operation-result"))
                .isEqualTo("Done \u2014 verified");
        assertThat(text(resume, "#operation-result")).contains("no longer paused");
        assertThat(cluster().paused()).isFalse();
        assertThat(audit().subList(before, audit().size()))
                .extracting(r -> r.path("action").asText() + " " + r.path("outcome").asText())
                .containsExactly("pause ok", "resume ok");
        onFx(() -> {
            resume.close();
            return null;
        });
    }

    @Test
    void previewsARealConfigurationChangeWithoutSendingIt(FxRobot robot) throws Exception {
        ClusterSnapshot c = cluster();
        Stage window = onFx(() -> dialogs.open(ClusterAction.EDIT_CONFIGURATION, c, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                ((TextArea) window.getScene().lookup("#config-current")).getText().contains("\"ttl\"")));
        int audited = audit().size();

        onFx(() -> {
            ((TextArea) window.getScene().lookup("#config-changes"))
                    .setText("loop_wait=5\npostgresql.parameters.work_mem=16MB\nttl=5");
            return null;
        });
        fire(window, "#config-preview");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                ((TableView<?>) window.getScene().lookup("#config-diff-table")).getItems().size() == 3));
        assertThat(text(window, "#config-problems")).contains("ttl");
        assertThat(onFx(() -> ((Button) window.getScene().lookup("#config-apply")).isDisabled())).isTrue();

        // Without the bad ttl the preview is clean and apply is offered; nothing has been sent either way.
        TextArea changes = onFx(() -> (TextArea) window.getScene().lookup("#config-changes"));
        onFx(() -> {
            changes.setText("loop_wait=5\npostgresql.parameters.work_mem=16MB");
            return null;
        });
        fire(window, "#config-preview");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                !((Button) window.getScene().lookup("#config-apply")).isDisabled()));
        assertThat(onFx(() -> ((TableView<?>) window.getScene().lookup("#config-diff-table")).getItems()))
                .hasSize(2);
        png(window.getScene(), "opsui-config-live.png");
        assertThat(audit()).hasSize(audited);
        onFx(() -> {
            window.close();
            return null;
        });
    }

    @Test
    void reloadTakesOneClickAndARestartWithNothingPendingIsRefused(FxRobot robot) throws Exception {
        ClusterSnapshot c = cluster();
        String replica = c.members().stream().map(m -> m.name()).filter(n -> !n.equals(c.leader())).findFirst()
                .orElseThrow();

        Stage reload = onFx(() -> dialogs.open(ClusterAction.RELOAD_MEMBER, c, replica));
        fire(reload, "#confirm-action");
        awaitOutcome(reload);
        assertThat(text(reload, "#operation-result-title")).as(text(reload, "#operation-result"))
                .isEqualTo("Done \u2014 verified");
        assertThat(text(reload, "#operation-result")).contains(replica + " running after reload");
        onFx(() -> {
            reload.close();
            return null;
        });

        Stage restart = onFx(() -> dialogs.open(ClusterAction.RESTART_MEMBER, c, replica));
        fire(restart, "#restart-pending-only");
        typeAndConfirm(restart);
        awaitOutcome(restart);
        assertThat(text(restart, "#operation-result-title")).isEqualTo("Refused \u2014 nothing was sent");
        assertThat(text(restart, "#operation-result")).contains("not needed");
        png(restart.getScene(), "opsui-restart-refused-live.png");
        List<JsonNode> records = audit();
        JsonNode last = records.get(records.size() - 1);
        assertThat(last.path("action").asText()).isEqualTo("restart");
        assertThat(last.path("outcome").asText()).isNotEqualTo("ok");
        onFx(() -> {
            restart.close();
            return null;
        });
    }

    private static void png(Scene scene, String name) throws Exception {
        Path out = Path.of(System.getProperty("app.shots.dir", own.dir().toString())).resolve(name);
        WritableImage image = onFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getPixelReader().getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            buffered.setRGB(0, y, w, 1, row, 0, w);
        }
        Files.createDirectories(out.getParent());
        ImageIO.write(buffered, "png", out.toFile());
    }
}
