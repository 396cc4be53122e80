package io.pilothouse.views.credentials;

import io.pilothouse.styles.Theme;
import io.pilothouse.testing.Pictures;
import io.pilothouse.views.ScreenshotRenderer;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The password dialog names the login and the reason, hides what is typed and remembers only when asked. */
@ExtendWith(ApplicationExtension.class)
class PasswordDialogPaneTest {

    private PasswordDialogPane pane;

    @Start
    void start(Stage stage) {
        pane = new PasswordDialogPane("10.0.0.7", 5432, "monitor",
                "to log in to PostgreSQL (database postgres) and read this server's role, replication and lag",
                List.of("pgpass: no line in /home/ana/.pgpass matches 10.0.0.7:5432:postgres:monitor",
                        "keyring: no password in the keyring pilothouse/monitor@10.0.0.7:5432"), true, null);
        Scene scene = new Scene(new Region(), 560, 330);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(pane);
        stage.setScene(scene);
        // The shared primary stage keeps the size an earlier test class gave it unless told to fit the new scene.
        stage.sizeToScene();
        stage.show();
    }

    private String text(String id) {
        return onFx(() -> ((Label) pane.lookup(id)).getText());
    }

    @Test
    void namesTheHostPortUserAndWhy() {
        assertThat(text("#password-who")).isEqualTo("Password for monitor on 10.0.0.7:5432");
        assertThat(text("#password-why")).contains("read this server's role");
        assertThat(text("#password-reasons")).contains("no line in /home/ana/.pgpass matches")
                .contains("pilothouse/monitor@10.0.0.7:5432");
        assertThat(onFx(() -> pane.connectButton().getText())).isEqualTo("Connect as monitor");
    }

    @Test
    void hidesWhatIsTypedAndConnectsOnlyWithAPassword(FxRobot robot) {
        assertThat(onFx(() -> pane.lookup("#password-field"))).isInstanceOf(PasswordField.class);
        assertThat(onFx(() -> pane.connectButton().isDisabled())).isTrue();
        robot.clickOn("#password-field").write("s3cret");
        assertThat(onFx(() -> pane.connectButton().isDisabled())).isFalse();
        // What the field draws: bullets, never the characters.
        List<String> drawn = onFx(() -> robot.lookup("#password-field .text").queryAllAs(javafx.scene.text.Text.class)
                .stream().map(javafx.scene.text.Text::getText).toList());
        assertThat(drawn).noneMatch(t -> t.contains("s3cret"))
                .anyMatch(t -> t.length() == 6 && t.chars().distinct().count() == 1);
    }

    @Test
    void rememberIsOffUnlessTicked(FxRobot robot) {
        assertThat(onFx(() -> pane.rememberBox().isSelected())).isFalse();
        robot.clickOn("#password-field").write("pw1");
        PasswordAnswer answer = onFx(() -> pane.take(pane.getButtonTypes().get(0)));
        assertThat(answer.password()).containsExactly('p', 'w', '1');
        assertThat(answer.remember()).isFalse();
        assertThat(answer.toString()).doesNotContain("pw1");
        assertThat(onFx(() -> pane.passwordField().getText())).as("cleared once taken").isEmpty();

        robot.clickOn("#password-field").write("pw2");
        robot.clickOn("#password-remember");
        PasswordAnswer remembered = onFx(() -> pane.take(pane.getButtonTypes().get(0)));
        assertThat(remembered.remember()).isTrue();
    }

    @Test
    void skippingGivesNoAnswer(FxRobot robot) {
        robot.clickOn("#password-field").write("pw");
        ButtonType skip = onFx(() -> pane.getButtonTypes().get(1));
        assertThat(onFx(() -> skip.getText())).isEqualTo("Skip this server");
        assertThat(onFx(() -> pane.take(skip))).isNull();
    }

    @Test
    void withoutAKeyringRememberIsDisabledAndSaysWhy() {
        PasswordDialogPane none = onFx(() -> new PasswordDialogPane("db1", 5433, "ops", "to authenticate",
                List.of(), false, "keyring not available: BackendNotSupportedException"));
        assertThat(onFx(() -> none.rememberBox().isDisabled())).isTrue();
        assertThat(onFx(() -> ((Label) none.lookup("#password-no-keyring")).getText()))
                .contains("not available").contains("this session only");
    }

    @Test
    void rendersWithAPasswordTyped(FxRobot robot) {
        robot.clickOn("#password-field").write("s3cret");
        Path png = onFx(() -> ScreenshotRenderer.write(ScreenshotRenderer.snapshot(pane.getScene()),
                ScreenshotRenderer.directory().resolve("password-dialog.png")));
        Pictures.assertRendered(png, 560, 330, false);
    }
}
