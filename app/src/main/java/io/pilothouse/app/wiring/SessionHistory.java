package io.pilothouse.app.wiring;

import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.history.EstateHistory;
import io.pilothouse.services.history.store.HistoryReader;
import io.pilothouse.services.history.store.HistoryRecorder;
import io.pilothouse.services.history.store.HistoryWriter;
import io.pilothouse.services.history.store.LagRestore;
import io.pilothouse.services.history.store.PastSource;
import io.pilothouse.services.history.store.Retention;
import io.pilothouse.services.history.store.StorePastSource;
import io.pilothouse.services.history.store.StoreStatus;
import io.pilothouse.services.metrics.LagHistory;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.EstateFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long-running session's history store: restores the stored past into the session (events into the History view
 * before the live ones; lag into the charts in the background, the sampler started after it), then records the
 * session. Its own single thread does all file work, so nothing here runs on the UI thread or delays the first
 * frame beyond reading the last day's events.
 */
public final class SessionHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHistory.class);

    /** What a session restores and records. */
    public enum Mode {
        /** Nothing: short commands (snapshot, operations) neither read nor write the store. */
        OFF,
        /** Record only (watch): nothing is restored. */
        RECORD,
        /** Restore events and lag, then record (the window, the wall). */
        RESTORE_AND_RECORD
    }

    private final Path file;
    private final ScheduledExecutorService thread;
    private final HistoryWriter writer;
    private final StorePastSource past;
    private HistoryRecorder recorder;

    private SessionHistory(Path file) {
        this.file = file;
        this.thread = io.pilothouse.services.live.LiveExecutors.single("history");
        this.writer = new HistoryWriter(file, HistoryWriter.DEFAULT_CAPACITY, thread, Retention.DEFAULTS,
                Clock.systemUTC());
        this.past = new StorePastSource(file);
    }

    /** Opens the store at {@code file} (the writer opens it on its own thread). */
    static SessionHistory at(Path file) {
        return new SessionHistory(file);
    }

    /** Replays the last day's stored model events into {@code history}, without notifications. */
    void restoreEvents(EstateHistory history, Instant now) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (HistoryReader r = HistoryReader.open(file)) {
            for (ClusterEvent e : r.modelEvents(now.minus(Duration.ofDays(1)), now)) {
                history.restore(e);
            }
        } catch (Exception e) {
            LOG.warn("history store: past events not restored ({}); the live view is unaffected", e.toString());
        }
    }

    /**
     * Restores the stored lag into {@code lag} on the history thread, then runs {@code thenStart}. The restore is
     * bounded ({@link LagRestore}: the last 10 minutes at 1 s, older lag folded in SQL, at most series × 900 + 100,000
     * rows restored from at most series × 3,600 + 2,000,000 read), so the live sampler waits ~3 s of CPU even for a
     * full day of 145 replicas.
     */
    void restoreLagThen(LagHistory lag, Runnable thenStart) {
        thread.execute(() -> {
            try {
                long t0 = System.nanoTime();
                long rows = LagRestore.restore(file, lag, Instant.now(), Duration.ofDays(1));
                LOG.info("history store: {} lag rows restored in {} ms", rows, (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("history store: past lag not restored ({}); the live view is unaffected", e.toString());
            } finally {
                thenStart.run();
            }
        });
    }

    /** Starts recording: the events consumer is what the monitor should also call. */
    Consumer<ClusterEvent> record(EstateFeed feed, LagHistory lag, AlertsFeed alerts, Path auditLog) {
        writer.start();
        recorder = new HistoryRecorder(writer, feed, lag, auditLog, HistoryRecorder.DEFAULT_SNAPSHOT_EVERY,
                Clock.systemUTC()).start(alerts, thread);
        return recorder;
    }

    /** The store's state, for banners. */
    public StoreStatus status() {
        return writer.status();
    }

    /** The stored past, for the time machine. Blocking; not for the UI thread. */
    public PastSource past() {
        return past;
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Writes what is queued now (tests, and before a deliberate stop). */
    public void flush() throws InterruptedException {
        writer.flush();
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
        }
        writer.close();
        past.close();
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
