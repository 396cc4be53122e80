package io.pilothouse.views.theme;

import io.pilothouse.styles.Theme;
import javafx.geometry.Side;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** In the dark theme, context menus, tooltips and combo lists are dark to their edges: no white frame. */
@ExtendWith(ApplicationExtension.class)
class DarkPopupsTest {

    private Button button;
    private ComboBox<String> combo;

    @Start
    void start(Stage stage) {
        button = new Button("Operations");
        button.setTooltip(new Tooltip("Operations on demo"));
        combo = new ComboBox<>();
        combo.getItems().addAll("Commit", "Roll back", "Skip");
        Scene scene = new Scene(new VBox(), 600, 400);
        Theme.DARK.applyTo(scene);
        scene.setRoot(new VBox(12, button, combo));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void hide() {
        onFx(() -> Window.getWindows().stream().filter(w -> w instanceof PopupWindow).toList()
                .forEach(Window::hide));
    }

    @Test
    void aContextMenuIsDarkToItsEdges() {
        PopupWindow menu = onFx(() -> {
            ContextMenu m = new ContextMenu(new MenuItem("Switch over to node2…"), new MenuItem("Restart node2…"));
            m.show(button, Side.BOTTOM, 0, 0);
            return m;
        });
        assertDark(menu, "context-menu");
    }

    @Test
    void aTooltipIsDark() {
        PopupWindow tip = onFx(() -> {
            Tooltip t = button.getTooltip();
            t.show(button, 100, 100);
            return t;
        });
        assertDark(tip, "tooltip");
    }

    @Test
    void aComboListIsDark() {
        PopupWindow list = onFx(() -> {
            combo.show();
            return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                    .map(PopupWindow.class::cast).findFirst().orElseThrow();
        });
        assertDark(list, "combo-list");
    }

    @Test
    void aDesktopNotificationIsDark() {
        PopupWindow note = onFx(() -> {
            java.util.Set<Window> before = new java.util.HashSet<>(Window.getWindows());
            io.pilothouse.views.notify.DesktopNotifications.show(new io.pilothouse.services.history.Notification(
                    "Member node2 lost in demo", "node2 stopped answering",
                    io.pilothouse.services.history.Severity.WARNING));
            return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && !before.contains(w))
                    .map(PopupWindow.class::cast).findFirst().orElseThrow();
        });
        assertDark(note, "notification");
    }

    /** No pixel of the popup's visible area is light (dark theme text is light, so only the frame is checked). */
    private static void assertDark(PopupWindow popup, String name) {
        WritableImage img = onFx(() -> popup.getScene().snapshot(null));
        PixelReader px = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int light = 0;
        int opaque = 0;
        // The outermost opaque ring of pixels: a white frame shows there.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Color c = px.getColor(x, y);
                boolean edge = x < 3 || y < 3 || x >= w - 3 || y >= h - 3;
                if (c.getOpacity() > 0.5 && edge) {
                    opaque++;
                    if (c.getBrightness() > 0.8 && c.getSaturation() < 0.2) {
                        light++;
                    }
                }
            }
        }
        assertThat(light).as(name + ": light pixels on the edge, of " + opaque).isZero();
    }
}
