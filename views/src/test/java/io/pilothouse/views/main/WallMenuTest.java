package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** The header's View › Wall mode: absent until the app can open a wall, then it opens one over this window. */
@ExtendWith(ApplicationExtension.class)
class WallMenuTest {

    private final LatestEstate estate = new LatestEstate("Production EU", false);
    private final List<Window> opened = new CopyOnWriteArrayList<>();

    private MainView view;
    private MainView withoutWall;

    @Start
    void start(Stage stage) {
        // Built here, on the FX thread without the helper's 10 s limit: a main view is slow to build on a busy machine.
        estate.put(SampleEstates.ordersProd());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).openWall(opened::add).build();
        withoutWall = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        FxTest.showLight(stage, view.root(), 1400, 900);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
        onFx(withoutWall::dispose);
    }

    @Test
    void viewWallModeOpensTheWallOverThisWindow() {
        MenuButton menu = onFx(() -> (MenuButton) view.root().lookup("#view-menu"));
        assertThat(menu.getText()).isEqualTo("View");
        MenuItem wall = menu.getItems().get(0);
        assertThat(wall.getText()).isEqualTo("Wall mode");
        assertThat(wall.getAccelerator().getDisplayText()).contains("W");

        onFx(wall::fire);

        assertThat(opened).singleElement().isSameAs(onFx(() -> view.root().getScene().getWindow()));
    }

    @Test
    void noViewMenuWhenTheAppCannotOpenAWall() {
        assertThat(onFx(() -> withoutWall.root().lookup("#view-menu"))).isNull();
    }
}
