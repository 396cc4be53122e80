package io.pilothouse.app.fx;

import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.OnePromptPerAccount;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's prompt, headless: asked from background threads, it shows one dialog per login over the window and
 * hands the typed password back; the FX thread never waits; Skip gives no password. No keyring here (none in the
 * test's environment): "remember" is disabled and says why.
 */
@ExtendWith(ApplicationExtension.class)
class WindowPasswordPromptTest {

    private static final CredentialRequest DB1 = new CredentialRequest("10.0.0.7", 5432, "postgres", "monitor", null);

    private Stage stage;
    private final ExecutorService io = Executors.newFixedThreadPool(3);
    private final OsKeyring noKeyring = new OsKeyring();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Scene scene = new Scene(new StackPane(new Label("cockpit")), 900, 600);
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private PasswordPrompt prompt() {
        return new OnePromptPerAccount(new WindowPasswordPrompt(FxToolkit.fx(), () -> stage, noKeyring));
    }

    private DialogPane openDialog() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dialogs().size() == 1);
        return dialogs().get(0);
    }

    private static List<DialogPane> dialogs() {
        return fx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().getRoot()).filter(DialogPane.class::isInstance).map(DialogPane.class::cast)
                .toList());
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void asksOnceForConcurrentCallersAndReturnsWhatWasTyped(FxRobot robot) throws Exception {
        PasswordPrompt prompt = prompt();
        CompletableFuture<Optional<char[]>> a = CompletableFuture.supplyAsync(() -> prompt.ask(DB1, List.of(
                "pgpass: no line matches")), io);
        CompletableFuture<Optional<char[]>> b = CompletableFuture.supplyAsync(() -> prompt.ask(DB1, List.of()), io);
        DialogPane pane = openDialog();
        assertThat(fx(() -> ((Label) pane.lookup("#password-who")).getText()))
                .isEqualTo("Password for monitor on 10.0.0.7:5432");
        assertThat(fx(() -> pane.lookup("#password-remember").isDisabled()))
                .as("remember is offered exactly when a keyring is there").isEqualTo(!noKeyring.isAvailable());
        robot.clickOn("#password-field").write("typed-pw");
        shoot(pane);
        robot.clickOn("#password-connect");
        assertThat(a.get(10, TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(new String(p))
                .isEqualTo("typed-pw"));
        assertThat(b.get(10, TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(new String(p))
                .isEqualTo("typed-pw"));
        assertThat(dialogs()).isEmpty();
    }

    @Test
    void skipGivesNoPasswordAndIsNotAskedAgain(FxRobot robot) throws Exception {
        PasswordPrompt prompt = prompt();
        CompletableFuture<Optional<char[]>> a = CompletableFuture.supplyAsync(() -> prompt.ask(DB1, List.of()), io);
        openDialog();
        robot.clickOn("Skip this server");
        assertThat(a.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(CompletableFuture.supplyAsync(() -> prompt.ask(DB1, List.of()), io).get(5, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(dialogs()).as("no second dialog after a skip").isEmpty();
    }

    @Test
    void neverWaitsOnTheFxThread() {
        Optional<char[]> onFx = fx(() -> new WindowPasswordPrompt(FxToolkit.fx(),
                () -> stage, noKeyring).ask(DB1, List.of()));
        assertThat(onFx).isEmpty();
        assertThat(dialogs()).isEmpty();
        assertThat(Platform.isFxApplicationThread()).isFalse();
    }

    @Test
    void asksNobodyOnceItsWindowIsClosed() throws Exception {
        fx(() -> {
            stage.hide();
            return null;
        });
        Optional<char[]> answer = CompletableFuture.supplyAsync(() -> new WindowPasswordPrompt(FxToolkit.fx(),
                () -> stage, noKeyring).ask(DB1, List.of()), io).get(10, TimeUnit.SECONDS);
        assertThat(answer).isEmpty();
        assertThat(dialogs()).isEmpty();
    }

    /** The dialog as the user sees it, over the window. */
    private static void shoot(DialogPane pane) throws Exception {
        Path png = Path.of("target", "fx-shots", "password-dialog-window.png");
        Files.createDirectories(png.getParent());
        javafx.scene.image.WritableImage image = fx(() -> pane.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", png.toFile());
        Pictures.assertRendered("password dialog", out, false);
    }
}
