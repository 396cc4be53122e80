package io.pilothouse.services.switchover;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long writes were really impossible during an operation: every {@code interval} it commits
 * {@code SELECT txid_current()} (an xid, a commit record; no user table touched) on whichever node is primary,
 * reconnecting through a multi-host connection after every error. The unavailability is the longest gap between two
 * acknowledged writes while it ran.
 *
 * <p>Runs on one thread of the given executor until {@link #stop()}.
 */
public final class WriteProbe {

    /** Opens a fresh connection to the current primary. */
    @FunctionalInterface
    public interface PrimaryConnector {
        Connection connect() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WriteProbe.class);

    private final PrimaryConnector connector;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CompletableFuture<WriteProbeResult> result = new CompletableFuture<>();

    public WriteProbe(PrimaryConnector connector, Duration interval) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.interval = interval;
    }

    /** Starts probing on {@code executor}; returns once the first write was acknowledged, or after {@code wait}. */
    public WriteProbe start(Executor executor, Duration wait) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        CompletableFuture<Void> firstWrite = new CompletableFuture<>();
        executor.execute(() -> loop(firstWrite));
        try {
            firstWrite.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.info("Write probe: no acknowledged write within {} ms of starting", wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Stops probing and returns what it measured. */
    public WriteProbeResult stop() {
        running.set(false);
        try {
            return result.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return WriteProbeResult.NOT_MEASURED;
        }
    }

    private void loop(CompletableFuture<Void> firstWrite) {
        long startNanos = System.nanoTime();
        long lastOk = -1;
        long firstOk = -1;
        long longestGap = 0;
        long gapStartedAt = -1;
        int writes = 0;
        int failures = 0;
        String lastError = null;
        String lastServer = null;
        int serverChanges = 0;
        Connection c = null;
        try {
            while (running.get()) {
                long attemptAt = System.nanoTime();
                try {
                    if (c == null) {
                        c = connector.connect();
                        String server = server(c);
                        if (lastServer != null && !lastServer.equals(server)) {
                            serverChanges++;
                        }
                        lastServer = server;
                    }
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                        rs.next();
                    }
                    long now = System.nanoTime();
                    if (lastOk >= 0) {
                        longestGap = Math.max(longestGap, now - lastOk);
                    } else {
                        firstOk = now;
                        firstWrite.complete(null);
                    }
                    lastOk = now;
                    writes++;
                } catch (SQLException e) {
                    failures++;
                    lastError = e.getMessage();
                    if (gapStartedAt < 0 || lastOk > gapStartedAt) {
                        gapStartedAt = attemptAt;
                    }
                    close(c);
                    c = null;
                }
                long sleep = interval.toNanos() - (System.nanoTime() - attemptAt);
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
            }
        } finally {
            close(c);
            long now = System.nanoTime();
            // Still failing when stopped: the outage lasted at least until now.
            if (lastOk >= 0 && failures > 0 && gapStartedAt > lastOk) {
                longestGap = Math.max(longestGap, now - lastOk);
            }
            result.complete(new WriteProbeResult(true, Duration.ofNanos(longestGap), writes, failures,
                    serverChanges, Duration.ofNanos(now - startNanos), lastError, firstOk >= 0));
        }
    }

    private static String server(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(host(inet_server_addr()), 'local') || ':' "
                     + "|| current_setting('port')")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
