package io.pilothouse.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session inserting (and every third time updating) {@code demo.orders} rows through the coordinator as fast as
 * it can, with user ids that hash to one partition; remembers the longest pause between two acknowledged writes, the
 * write block a client saw. Reconnects after an error (counted).
 */
final class CoordinatorLoad implements AutoCloseable {

    private static final String INSERT = "INSERT INTO demo.orders VALUES (nextval('demo.order_ids'), ?, 12.34, now(), "
            + "'new') RETURNING order_id";
    private static final String UPDATE = "UPDATE demo.orders SET status = 'paid', amount = amount + 1 "
            + "WHERE user_id = ? AND order_id = ?";

    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong longestGapNanos = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-coordinator-load");
        t.setDaemon(true);
        return t;
    });
    private final Future<?> running;

    CoordinatorLoad(Callable<Connection> connect, List<Long> userIds) {
        running = executor.submit(() -> write(connect, userIds));
    }

    private void write(Callable<Connection> connect, List<Long> userIds) {
        long last = System.nanoTime();
        int i = 0;
        Connection c = null;
        while (!stop.get()) {
            try {
                if (c == null) {
                    c = connect.call();
                }
                long user = userIds.get(i++ % userIds.size());
                long id;
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setLong(1, user);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                if (i % 3 == 0) {
                    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                        ps.setLong(1, user);
                        ps.setLong(2, id);
                        ps.executeUpdate();
                    }
                }
                writes.incrementAndGet();
                long now = System.nanoTime();
                longestGapNanos.accumulateAndGet(now - last, Math::max);
                last = now;
            } catch (Exception e) {
                errors.incrementAndGet();
                closeQuietly(c);
                c = null;
            }
        }
        closeQuietly(c);
    }

    long writes() {
        return writes.get();
    }

    long errors() {
        return errors.get();
    }

    /** The longest pause between two acknowledged writes so far, in milliseconds. */
    double longestGapMillis() {
        return longestGapNanos.get() / 1e6;
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        running.get();
        executor.shutdown();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Already broken.
            }
        }
    }
}
