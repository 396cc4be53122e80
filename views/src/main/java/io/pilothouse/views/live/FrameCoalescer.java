package io.pilothouse.views.live;

import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Applies the feed's latest snapshot at most once per pulse, and only when its version changed. Publishing is
 * free for the I/O threads (they only swap a reference); a burst of a thousand etcd events costs the UI one
 * apply. Not thread-safe: call from the FX thread only. Holds no JavaFX state, so it is unit-testable without
 * a toolkit.
 */
public final class FrameCoalescer {

    private final EstateFeed feed;
    private final Consumer<EstateSnapshot> sink;
    private long appliedVersion = -1;
    private long applyCount;

    /**
     * @param feed the live model
     * @param sink receives each snapshot to show, on the caller's (FX) thread
     */
    public FrameCoalescer(EstateFeed feed, Consumer<EstateSnapshot> sink) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Called once per frame: applies the latest snapshot if its version is new. @return true if it applied */
    public boolean pulse() {
        EstateSnapshot latest = feed.latest();
        // Any first snapshot is new: the last-known estate a window starts from has version -1.
        if (applyCount > 0 && latest.version() == appliedVersion) {
            return false;
        }
        apply(latest);
        return true;
    }

    /** Applies the latest snapshot now even if already shown (tests, screenshots, a theme change). */
    public void applyNow() {
        apply(feed.latest());
    }

    /** Version of the last snapshot applied, or -1 before the first. */
    public long appliedVersion() {
        return appliedVersion;
    }

    /** How many times a snapshot was applied since creation (for tests and diagnostics). */
    public long applyCount() {
        return applyCount;
    }

    private void apply(EstateSnapshot s) {
        appliedVersion = s.version();
        applyCount++;
        sink.accept(s);
    }
}
