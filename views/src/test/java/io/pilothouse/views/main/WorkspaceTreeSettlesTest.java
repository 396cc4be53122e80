package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pilothouse.views.FxTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laying the tree out again (as any one row changing does) leaves the rows' sizes alone. The row graphic was once
 * resized after the skin had laid it out at its own width, which asked for another layout, in every frame: the tree
 * laid out every visible cell 60 times a second on an idle estate (a quarter of a core at 500 clusters).
 */
@ExtendWith(ApplicationExtension.class)
class WorkspaceTreeSettlesTest {

    private final LatestEstate estate = new LatestEstate("Demo", false);
    private MainView view;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        FxTest.showLight(stage, view.root(), 1200, 800);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    @Test
    void layingTheTreeOutAgainLeavesTheRowsAlone() throws Exception {
        onFx(view::refreshNow);
        AtomicInteger pulses = new AtomicInteger();
        AtomicInteger resizes = new AtomicInteger();
        Set<Region> watched = new HashSet<>();
        CountDownLatch done = new CountDownLatch(1);
        onFx(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                int n = pulses.incrementAndGet();
                if (n == 10) { // after the first layouts of a new window: watch every row's width
                    rowGraphics(view.root(), watched);
                    watched.forEach(g -> g.widthProperty().addListener((o, was, is) -> resizes.incrementAndGet()));
                }
                if (n == 11 || n == 20 || n == 30) { // as when any one row changes: the tree lays out every row
                    ((Parent) view.root().lookup(".tree-view .virtual-flow")).requestLayout();
                }
                if (n == 40) {
                    stop();
                    done.countDown();
                }
            }
        }.start());

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(watched).as("rows on screen").isNotEmpty();
        assertThat(resizes.get()).as("row width changes over three layouts of rows that did not change").isZero();
    }

    private static void rowGraphics(Parent p, Set<Region> out) {
        for (Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof TreeCell<?> c && !c.isEmpty() && c.getGraphic() instanceof Region g) {
                out.add(g);
            } else if (n instanceof Parent q) {
                rowGraphics(q, out);
            }
        }
    }
}
