package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleEstates;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Tab stop of the main window shows that it has the focus, in both themes: the pixels around a control change
 * when Tab moves the focus onto it.
 */
@ExtendWith(ApplicationExtension.class)
class FocusVisibleTest {

    private final LatestEstate estate = new LatestEstate("Demo", false);
    private MainView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        estate.put(SampleEstates.billingProd());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        view.clusterActionsProperty().set((action, cluster, member) -> { });
        view.openAuditLogProperty().set(() -> { });
        scene = new Scene(new Region(), 1440, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    @Test
    void everyTabStopShowsItsFocusInTheLightTheme(FxRobot robot) {
        assertThat(stopsWithoutFocusRing(robot)).isEmpty();
    }

    @Test
    void everyTabStopShowsItsFocusInTheDarkTheme(FxRobot robot) {
        onFx(() -> view.themeProperty().set(Theme.DARK));
        assertThat(stopsWithoutFocusRing(robot)).isEmpty();
    }

    private List<String> stopsWithoutFocusRing(FxRobot robot) {
        onFx(view::refreshNow);
        Set<Node> seen = new LinkedHashSet<>();
        List<String> bare = new ArrayList<>();
        WritableImage before = onFx(() -> scene.snapshot(null));
        for (int i = 0; i < 40; i++) {
            robot.type(KeyCode.TAB);
            Node focused = onFx(scene::getFocusOwner);
            if (focused == null || !seen.add(focused)) {
                break;
            }
            WritableImage after = onFx(() -> scene.snapshot(null));
            Bounds b = onFx(() -> focused.localToScene(focused.getBoundsInLocal()));
            if (same(before, after, b)) {
                bare.add(onFx(() -> describe(focused)));
            }
            before = after;
        }
        assertThat(seen.size()).as("Tab stops walked").isGreaterThan(3);
        return bare;
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + n.getStyleClass();
    }

    /** True when nothing changed within 3 px of {@code b}. */
    private static boolean same(WritableImage a, WritableImage b, Bounds r) {
        PixelReader pa = a.getPixelReader();
        PixelReader pb = b.getPixelReader();
        int x0 = (int) Math.max(0, r.getMinX() - 3);
        int y0 = (int) Math.max(0, r.getMinY() - 3);
        int x1 = (int) Math.min(Math.min(a.getWidth(), b.getWidth()) - 1, r.getMaxX() + 3);
        int y1 = (int) Math.min(Math.min(a.getHeight(), b.getHeight()) - 1, r.getMaxY() + 3);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (pa.getArgb(x, y) != pb.getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
