package io.pilothouse.services.history.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's single writer. Producers {@link #offer} records from any thread without ever blocking: a full queue
 * drops the record and counts it. Once per {@link #FLUSH_INTERVAL} the writer drains the queue into one transaction
 * on its own executor (one thread). The file is opened on that thread too, so nothing of it happens before the
 * window's first frame. A failure to write (disk full, file gone) bypasses the store for the rest of the session and
 * says so in {@link #status()}; the live model never sees it.
 */
public final class HistoryWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

    /** How often the queue is written. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How often retention runs. */
    public static final Duration RETENTION_INTERVAL = Duration.ofMinutes(10);
    /** Records the queue holds: about a minute of 150 members' lag. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Path file;
    private final BlockingQueue<HistoryRecord> queue;
    private final ScheduledExecutorService executor;
    private final Retention retention;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile StoreHealth health = StoreHealth.OPENING;
    private volatile String message = "";
    private Connection connection;
    private HistoryTables tables;
    private long lastRetention;
    private ScheduledFuture<?> task;

    public HistoryWriter(Path file, int capacity, ScheduledExecutorService executor, Retention retention,
                         Clock clock) {
        this.file = file;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
        this.retention = retention;
        this.clock = clock;
    }

    /** Opens the file and starts writing, both on the writer's executor; returns at once. */
    public synchronized HistoryWriter start() {
        if (task == null) {
            executor.execute(this::openStore);
            task = executor.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL.toMillis(),
                    FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Queues a record; never blocks. Returns false (and counts a drop) when it could not be kept. */
    public boolean offer(HistoryRecord r) {
        if (health == StoreHealth.BYPASSED || health == StoreHealth.CLOSED || !queue.offer(r)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** The store's state now. */
    public StoreStatus status() {
        return new StoreStatus(health, message, written.get(), dropped.get());
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Writes what is queued now, on the calling thread if it is the writer's, else waits for the writer. */
    public void flush() throws InterruptedException {
        try {
            executor.submit(this::flushQuietly).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("history flush did not finish: {}", e.toString());
        }
    }

    private void openStore() {
        HistoryDatabase.Opened opened = HistoryDatabase.openOrRepair(file, clock.instant());
        connection = opened.connection();
        message = opened.message();
        if (connection != null) {
            try {
                tables = new HistoryTables(connection);
            } catch (SQLException e) {
                bypass(e);
                return;
            }
        }
        health = opened.health();
        if (health.isWarning()) {
            LOG.warn("history store: {}", message);
        }
    }

    private void flushQuietly() {
        if (tables == null) {
            dropped.addAndGet(queue.size());
            queue.clear();
            return;
        }
        List<HistoryRecord> batch = new ArrayList<>(queue.size());
        queue.drainTo(batch);
        try {
            if (!batch.isEmpty()) {
                tables.write(batch);
                written.addAndGet(batch.size());
            }
            long now = clock.millis();
            if (now - lastRetention >= RETENTION_INTERVAL.toMillis()) {
                lastRetention = now;
                retention.apply(connection, clock.instant());
            }
        } catch (SQLException | RuntimeException e) {
            dropped.addAndGet(batch.size());
            bypass(e);
        }
    }

    private void bypass(Exception e) {
        String why = e instanceof SQLException se && HistoryDatabase.isFull(se) ? "the disk is full"
                : e instanceof SQLException se ? HistoryDatabase.reason(se) : e.toString();
        message = "recording stopped: " + why + " (" + file.toAbsolutePath() + "); the live view is unaffected. "
                + "Free space, then restart to record again";
        health = StoreHealth.BYPASSED;
        LOG.warn("history store: {}", message);
        closeConnection();
    }

    private void closeConnection() {
        tables = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing history store: {}", e.toString());
            }
            connection = null;
        }
    }

    /** Writes what is queued and closes the file. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        try {
            executor.submit(() -> {
                flushQuietly();
                closeConnection();
                if (health != StoreHealth.BYPASSED) {
                    health = StoreHealth.CLOSED;
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("history store not closed cleanly: {}", e.toString());
        }
    }
}
