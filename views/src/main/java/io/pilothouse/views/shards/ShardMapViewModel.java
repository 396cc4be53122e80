package io.pilothouse.views.shards;

import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardMap;
import io.pilothouse.views.live.FramePulse;
import io.pilothouse.views.tasks.Tasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shard map's state. The app publishes maps (or a reading error) from any thread; they are applied on the FX
 * thread at most once per pulse, like the live model's snapshots, and only when something new was published or
 * the estate's version moved. Selection (map, table, shard) and everything else: FX thread only.
 */
public final class ShardMapViewModel {

    /** What the empty state says when the workspace has no sharded table at all. */
    public static final String NO_SHARDED_TABLES = "No sharded tables found in this workspace: no partitioned "
            + "table with partitions on other servers, no application shard map declared, no Citus metadata. "
            + "Refresh once one exists.";


    /** One publication: maps, or an error. */
    private record Published(List<ShardMap> maps, String error) {
    }

    private final EstateFeed feed;
    private final ZoneId zone;
    private final FramePulse pulse = new FramePulse(nanos -> onFrame());
    private final AtomicReference<Published> published = new AtomicReference<>();
    private Published applied;
    private long appliedEstate = -1;
    private final ShardMapActions actions;
    private final AtomicBoolean reading = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<List<ShardMap>> maps = new ReadOnlyObjectWrapper<>(this, "maps", List.of());
    private final ReadOnlyObjectWrapper<EstateSnapshot> estate = new ReadOnlyObjectWrapper<>(this, "estate");
    private final ReadOnlyObjectWrapper<ShardMap> selectedMap = new ReadOnlyObjectWrapper<>(this, "selectedMap");
    private final ReadOnlyObjectWrapper<MapTable> selectedTable = new ReadOnlyObjectWrapper<>(this, "selectedTable");
    private final ReadOnlyObjectWrapper<TableLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ReadOnlyObjectWrapper<MapShard> selectedShard = new ReadOnlyObjectWrapper<>(this, "selectedShard");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading…");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText",
            "Reading the shard maps…");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    /**
     * @param feed the live model, for each node's HA state; null when there is none (the badges then say so)
     * @param zone zone of the "read at" time
     */
    public ShardMapViewModel(EstateFeed feed, ZoneId zone) {
        this(feed, zone, ShardMapActions.NONE);
    }

    /**
     * @param feed    the live model, for each node's HA state; null when there is none (the badges then say so)
     * @param zone    zone of the "read at" time
     * @param actions reads the maps off the FX thread; its answers are published (any thread) and applied at the
     *                next pulse, so no FX executor is needed
     */
    public ShardMapViewModel(EstateFeed feed, ZoneId zone, ShardMapActions actions) {
        this.feed = feed;
        if (feed != null) {
            pulse.wakeOnPublish(feed);
        }
        this.zone = Objects.requireNonNull(zone, "zone");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** Publishes freshly read maps. Any thread; shown at the next pulse (or {@link #applyNow()}). */
    public void publish(List<ShardMap> read) {
        published.set(new Published(List.copyOf(read), null));
        pulse.wake();
    }

    /** Publishes that the maps could not be read at all, in words. Any thread. */
    public void publishError(String message) {
        published.set(new Published(null, message == null || message.isBlank() ? "unknown error" : message));
        pulse.wake();
    }

    /** Starts applying publications and the live model, in the pulse after each. */
    public void start() {
        pulse.start();
    }

    /** Stops applying. Can be started again. */
    public void stop() {
        pulse.stop();
    }

    /** Applies the latest publication and estate now, without waiting for a pulse (tests, screenshots). */
    public void applyNow() {
        onFrame();
    }

    /** Reads the maps again (Refresh): the button waits for the answer. */
    public void refresh() {
        loading.set(true);
        poll();
    }

    /**
     * Reads the maps again in the background (the window's timer) and publishes the answer or the error in words; a
     * read still running is not doubled up.
     */
    public void poll() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        actions.read().whenComplete((read, failure) -> {
            reading.set(false);
            if (failure != null) {
                publishError(Tasks.message(failure));
            } else {
                publish(read);
            }
        });
    }

    /** Shows the map of this name (its first table); ignored when there is none. */
    public void selectMap(String name) {
        maps.get().stream().filter(m -> m.name().equals(name)).findFirst().ifPresent(m -> select(m, null));
    }

    /** Shows the table of this name in the selected map; ignored when there is none. */
    public void selectTable(String name) {
        ShardMap m = selectedMap.get();
        if (m != null && m.table(name).isPresent()) {
            select(m, name);
        }
    }

    /** Selects a shard of the shown table (its details show), or clears the selection with null. */
    public void selectShard(MapShard shard) {
        selectedShard.set(shard);
    }

    void onFrame() {
        Published p = published.get();
        boolean changed = false;
        if (p != null && p != applied) {
            applied = p;
            loading.set(false);
            if (p.error() != null) {
                error.set("Could not read the shard maps: " + p.error() + ". The map shown (if any) is from the "
                        + "last good read; Refresh to try again.");
            } else {
                error.set(null);
                maps.set(p.maps());
                changed = true;
            }
        }
        if (feed != null) {
            EstateSnapshot e = feed.latest();
            if (e.version() != appliedEstate) {
                appliedEstate = e.version();
                estate.set(e);
            }
        }
        if (changed) {
            ShardMap current = selectedMap.get();
            MapTable table = selectedTable.get();
            ShardMap next = current == null ? null
                    : maps.get().stream().filter(m -> m.name().equals(current.name())).findFirst().orElse(null);
            select(next == null ? (maps.get().isEmpty() ? null : maps.get().get(0)) : next,
                    table == null ? null : table.name());
        }
    }

    private void select(ShardMap map, String tableName) {
        MapTable table = map == null ? null : tableName != null && map.table(tableName).isPresent()
                ? map.table(tableName).get() : mostSpread(map);
        selectedMap.set(map);
        selectedTable.set(table);
        layout.set(table == null ? null : TableLayout.of(map, table));
        MapShard shard = selectedShard.get();
        selectedShard.set(shard == null || table == null ? null : table.shard(shard.name()).orElse(null));
        if (map == null) {
            summary.set("No shard maps");
            emptyText.set(NO_SHARDED_TABLES);
        } else {
            int tables = maps.get().stream().mapToInt(m -> m.tables().size()).sum();
            summary.set(ShardText.plural(maps.get().size(), "map") + ", " + ShardText.plural(tables, "sharded table")
                    + "; read at " + io.pilothouse.views.format.TimeFormat.absolute(map.readAt(), map.readAt(), zone));
            boolean troubled = maps.get().stream().anyMatch(m -> !m.problems().isEmpty());
            emptyText.set(tables == 0 && troubled ? "No sharded table could be read: see the problems above."
                    : tables == 0 ? NO_SHARDED_TABLES
                    : table == null ? map.name() + " has no sharded tables; choose another map." : "");
        }
    }

    /**
     * The table first shown in a map: the one spread over the most nodes (the first such in the map's order), since a
     * table whose partitions are all local says least about where rows live.
     */
    private static MapTable mostSpread(ShardMap map) {
        MapTable best = null;
        long bestNodes = -1;
        for (MapTable t : map.tables()) {
            long nodes = t.shards().stream().map(MapShard::nodeId).filter(java.util.Objects::nonNull).distinct().count();
            if (nodes > bestNodes) {
                best = t;
                bestNodes = nodes;
            }
        }
        return best;
    }

    /** Every map last read, in the readers' order. */
    public ReadOnlyObjectProperty<List<ShardMap>> mapsProperty() {
        return maps.getReadOnlyProperty();
    }

    /** The live model as last applied, or null before the first (or without a feed). */
    public ReadOnlyObjectProperty<EstateSnapshot> estateProperty() {
        return estate.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ShardMap> selectedMapProperty() {
        return selectedMap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MapTable> selectedTableProperty() {
        return selectedTable.getReadOnlyProperty();
    }

    /** The selected table laid out in lanes, or null when there is nothing to draw. */
    public ReadOnlyObjectProperty<TableLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MapShard> selectedShardProperty() {
        return selectedShard.getReadOnlyProperty();
    }

    /** Maps, tables and when they were read, in one line. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What to show when there is no table to draw. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** The last reading error in words, or null after a good read. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True from {@link #refresh()} until the next publication is applied. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
