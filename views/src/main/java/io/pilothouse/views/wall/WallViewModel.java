package io.pilothouse.views.wall;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.model.EstateSnapshot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The wall's state: every cluster as a tile, worst first, cut into pages of what fits; the page shown, which turns
 * every {@code rotateEvery} unless paused (Space) or pinned (P); counts per state for the summary strip.
 *
 * <p>A pinned page keeps its clusters (still worst first among them) while the others reorder; a paused wall keeps
 * the page number and lets the worst clusters move onto it. The work is done on the calling thread (the wall calls it
 * once per frame at most); the properties change through {@code fx}.
 */
public final class WallViewModel {

    private final Executor fx;
    private final TileModels models;
    private final Duration rotateEvery;

    private final ReadOnlyObjectWrapper<List<TileModel>> page = new ReadOnlyObjectWrapper<>(this, "page", List.of());
    private final ReadOnlyObjectWrapper<Map<TileState, Integer>> counts =
            new ReadOnlyObjectWrapper<>(this, "counts", Map.of());
    private final ReadOnlyIntegerWrapper pageNumber = new ReadOnlyIntegerWrapper(this, "pageNumber", 1);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 1);
    private final ReadOnlyIntegerWrapper clusters = new ReadOnlyIntegerWrapper(this, "clusters", 0);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused", false);
    private final ReadOnlyBooleanWrapper pinned = new ReadOnlyBooleanWrapper(this, "pinned", false);
    private final ReadOnlyStringWrapper paging = new ReadOnlyStringWrapper(this, "paging", "");
    private final ReadOnlyStringWrapper workspace = new ReadOnlyStringWrapper(this, "workspace", "");

    // Confined to the calling thread (the FX thread in the app).
    private List<TileModel> ordered = List.of();
    private int tilesPerPage = 24;
    private int index;
    private boolean isPaused;
    private Set<String> pinnedKeys;
    private Instant now = Instant.EPOCH;
    private Instant nextTurn;

    /**
     * @param models      how clusters become tiles
     * @param rotateEvery time between pages when the estate does not fit
     * @param fx          where property changes land (the FX thread; a current-thread executor in tests)
     */
    public WallViewModel(TileModels models, Duration rotateEvery, Executor fx) {
        this.models = Objects.requireNonNull(models, "models");
        if (rotateEvery.isNegative() || rotateEvery.isZero()) {
            throw new IllegalArgumentException("pages rotate every 1 s or more, not " + rotateEvery);
        }
        this.rotateEvery = rotateEvery;
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Shows {@code estate} with {@code alerts} as of {@code now}; turns the page when its time has come. */
    public void show(EstateSnapshot estate, ActiveAlerts alerts, Instant now) {
        this.now = now;
        ordered = models.of(estate, alerts, now);
        if (nextTurn == null) {
            nextTurn = now.plus(rotateEvery);
        } else if (!isPaused && pinnedKeys == null && !now.isBefore(nextTurn)) {
            index++;
            nextTurn = now.plus(rotateEvery);
        }
        publish(estate.workspaceName());
    }

    /** How many tiles fit on the screen (from the grid's size). */
    public void setTilesPerPage(int n) {
        tilesPerPage = Math.max(1, n);
        publish(workspace.get());
    }

    /** Shows the next page now (Right, Page Down); the rotation's clock starts again. */
    public void nextPage() {
        turn(1);
    }

    /** Shows the previous page now (Left, Page Up). */
    public void previousPage() {
        turn(-1);
    }

    /** Pauses or resumes the rotation (Space). */
    public void togglePause() {
        isPaused = !isPaused;
        nextTurn = now.plus(rotateEvery);
        publish(workspace.get());
    }

    /** Pins the clusters of the page shown, or unpins them (P). */
    public void togglePin() {
        if (pinnedKeys == null) {
            pinnedKeys = new LinkedHashSet<>();
            page.get().forEach(t -> pinnedKeys.add(t.key()));
        } else {
            pinnedKeys = null;
            nextTurn = now.plus(rotateEvery);
        }
        publish(workspace.get());
    }

    private void turn(int step) {
        if (pinnedKeys != null) {
            pinnedKeys = null;
        }
        index += step;
        nextTurn = now.plus(rotateEvery);
        publish(workspace.get());
    }

    private void publish(String workspaceName) {
        int pages = Math.max(1, (ordered.size() + tilesPerPage - 1) / tilesPerPage);
        index = Math.floorMod(index, pages);
        List<TileModel> shown = pinnedKeys != null
                ? ordered.stream().filter(t -> pinnedKeys.contains(t.key())).toList()
                : ordered.subList(index * tilesPerPage, Math.min(ordered.size(), (index + 1) * tilesPerPage));
        EnumMap<TileState, Integer> perState = new EnumMap<>(TileState.class);
        for (TileState s : TileState.values()) {
            perState.put(s, 0);
        }
        ordered.forEach(t -> perState.merge(t.state(), 1, Integer::sum));
        String words = pagingWords(pages);
        int total = ordered.size();
        int number = index + 1;
        boolean pausedNow = isPaused;
        boolean pinnedNow = pinnedKeys != null;
        Map<TileState, Integer> countsNow = Map.copyOf(perState);
        List<TileModel> pageNow = List.copyOf(shown);
        fx.execute(() -> {
            workspace.set(workspaceName);
            counts.set(countsNow);
            clusters.set(total);
            pageCount.set(pages);
            pageNumber.set(number);
            paused.set(pausedNow);
            pinned.set(pinnedNow);
            paging.set(words);
            page.set(pageNow);
        });
    }

    private String pagingWords(int pages) {
        if (pinnedKeys != null) {
            return "page pinned (P to unpin)";
        }
        String where = "page " + (index + 1) + " of " + pages;
        if (pages == 1) {
            return where;
        }
        if (isPaused) {
            return where + " · paused (Space)";
        }
        long left = Math.max(0, Duration.between(now, nextTurn).toSeconds());
        return where + " · next in " + left + " s";
    }

    /** The tiles of the page shown, worst first. */
    public ReadOnlyObjectProperty<List<TileModel>> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** How many clusters are in each state (every page). */
    public ReadOnlyObjectProperty<Map<TileState, Integer>> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The page shown, from 1. */
    public ReadOnlyIntegerProperty pageNumberProperty() {
        return pageNumber.getReadOnlyProperty();
    }

    /** How many pages the estate takes. */
    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** How many clusters the estate has. */
    public ReadOnlyIntegerProperty clustersProperty() {
        return clusters.getReadOnlyProperty();
    }

    /** True while the rotation is paused. */
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** True while a page is pinned. */
    public ReadOnlyBooleanProperty pinnedProperty() {
        return pinned.getReadOnlyProperty();
    }

    /** {@code page 2 of 3 · next in 12 s}, {@code ... · paused (Space)}, {@code page pinned (P to unpin)}. */
    public ReadOnlyStringProperty pagingProperty() {
        return paging.getReadOnlyProperty();
    }

    /** The workspace's name. */
    public ReadOnlyStringProperty workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }
}
