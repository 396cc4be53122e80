package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.shards.ShardMapView;
import io.pilothouse.views.shards.ShardMapViewModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** Renders the shard map offscreen: the first map's first table, with each node's HA state from the live model. */
public final class ShardMapScreenshot {

    private ShardMapScreenshot() {
    }

    /** Reads the maps on the calling thread, then renders on the FX thread (started headless if need be). */
    public static void render(LiveSession session, Theme theme, int width, int height, Path out) throws Exception {
        render(session.shardMaps().read(), session.feed(), theme, width, height, out);
    }

    /** Renders maps already read, with HA state from {@code feed} (null: none). */
    public static void render(List<ShardMap> maps, EstateFeed feed, Theme theme, int width, int height, Path out)
            throws Exception {
        OffscreenRenderer.render(() -> {
            ShardMapViewModel vm = new ShardMapViewModel(feed, ZoneId.systemDefault());
            ShardMapView built = new ShardMapView(vm);
            vm.publish(maps);
            vm.applyNow();
            return built;
        }, ShardMapView::root, ShardMapView::dispose, width, height, theme::applyTo, out);
    }
}
