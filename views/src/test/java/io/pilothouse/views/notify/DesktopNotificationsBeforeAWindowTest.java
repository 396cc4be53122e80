package io.pilothouse.views.notify;

import io.pilothouse.services.history.Notification;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's first events can arrive before its window shows (seen in the demo: ControlsFX threw "Owner window must
 * not be null" on the FX thread). They wait, and pop up once a window shows.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopNotificationsBeforeAWindowTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage; // not shown yet
    }

    @Test
    void aNotificationBeforeAnyWindowWaitsAndPopsUpWhenOneShows() {
        Notification n = new Notification("Leader changed", "node1 → node2", io.pilothouse.services.history.Severity.WARNING);
        int waiting = onFx(() -> {
            Window.getWindows().stream().filter(Window::isShowing).toList().forEach(Window::hide);
            DesktopNotifications.show(n);
            return DesktopNotifications.waiting();
        });
        assertThat(waiting).isEqualTo(1);

        onFx(() -> {
            stage.setScene(new Scene(new Region(), 200, 100));
            stage.show();
        });
        waitUntil(() -> onFx(DesktopNotifications::waiting) == 0);
        assertThat(onFx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).count()))
                .as("the pop-up shows beside the window").isPositive();
        onFx(stage::hide);
    }
}
