package io.pilothouse.views.shards;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.SampleEstates;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** "Move or split…" in the details pane hands the selected partition of a native map to whoever opens the wizard. */
@ExtendWith(ApplicationExtension.class)
class ShardMoveActionTest {

    private final LatestEstate estate = new LatestEstate("Production EU", false);
    private ShardMapViewModel vm;
    private ShardMapView view;

    @Start
    void start(Stage stage) {
        estate.put(SampleEstates.ordersProd());
        vm = new ShardMapViewModel(estate, ZoneOffset.UTC);
        view = new ShardMapView(vm);
        Scene scene = new Scene(new VBox(), 1400, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        stage.show();
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            vm.stop();
            view.dispose();
        });
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    void moveOrSplitHandsTheSelectedPartitionAndItsMapToTheWizard() {
        AtomicReference<String> asked = new AtomicReference<>();
        ShardMap map = SampleShardMaps.map();
        onFx(() -> view.setOnMove((m, s) -> asked.set(m.name() + " | " + s.name())));
        List<ShardMap> maps = List.of(map);
        vm.publish(maps);
        waitUntil(() -> vm.mapsProperty().get() == maps);
        // The details pane, and its button with it, takes room only once a shard is selected.
        assertThat(onFx(() -> view.detailsRoot().getScene())).as("hidden until a shard is selected").isNull();

        MapShard shard = onFx(() -> vm.selectedTableProperty().get().shards().get(0));
        onFx(() -> vm.selectShard(shard));
        waitUntil(() -> view.detailsRoot().getScene() != null
                && view.detailsRoot().lookup("#shards-details-move") != null);
        Button move = onFx(() -> (Button) view.detailsRoot().lookup("#shards-details-move"));
        waitUntil(move::isVisible);
        onFx(move::fire);

        assertThat(asked.get()).isEqualTo(map.name() + " | " + shard.name());
    }
}
