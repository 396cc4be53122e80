package io.pilothouse.app.wiring;

import io.pilothouse.services.live.LiveExecutors;
import io.pilothouse.services.model.EstateFeed;

import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The estate last seen, for a window on a session (the main window, the wall): read off the UI thread and drawn at
 * once, every source marked stale, until a source of the session answers ({@link LastKnownFeed}); saved 30 s after
 * the start, then every 5 minutes and when the window closes. One file per workspace, shared by the main window and
 * the wall. A local state file like the window's size, not a change to anything the workspace names: a read-only
 * (wall) session keeps it too.
 */
public final class LastKnownKeeper implements AutoCloseable {

    private final LastKnownEstate store;
    private final EstateFeed live;
    private final LastKnownFeed feed;
    private final ScheduledExecutorService saver = LiveExecutors.single("last-known-estate");

    /**
     * @param live the session's feed
     * @param io   where the file is read (never the UI thread)
     */
    public LastKnownKeeper(String workspace, EstateFeed live, Executor io) {
        this(LastKnownEstate.forWorkspace(workspace), live, io);
    }

    LastKnownKeeper(LastKnownEstate store, EstateFeed live, Executor io) {
        this.store = store;
        this.live = live;
        this.feed = new LastKnownFeed(live, CompletableFuture.supplyAsync(store::load, io), ZoneId.systemDefault());
        saver.scheduleWithFixedDelay(() -> store.save(live.latest()), 30, 300, TimeUnit.SECONDS);
    }

    /** What the window draws: the last-known estate until the session hears from a source, then the live one. */
    public EstateFeed feed() {
        return feed;
    }

    /** Stops the periodic save and saves once more (the window is closing). */
    @Override
    public void close() {
        saver.shutdownNow();
        store.save(live.latest());
    }
}
