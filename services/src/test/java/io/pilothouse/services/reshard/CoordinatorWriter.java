package io.pilothouse.services.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Inserts and updates {@code demo.orders} rows through the coordinator as fast as one session can, with user ids
 * that hash to one partition, and remembers every acknowledged order id and the longest pause between two
 * acknowledged writes: the write block a client saw.
 */
final class CoordinatorWriter implements AutoCloseable {

    private static final String INSERT = "INSERT INTO demo.orders VALUES (nextval('demo.order_ids'), ?, 12.34, now(), "
            + "'new') RETURNING order_id";
    private static final String UPDATE = "UPDATE demo.orders SET status = 'paid', amount = amount + 1 "
            + "WHERE user_id = ? AND order_id = ?";

    final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong updates = new AtomicLong();
    private final AtomicLong longestGapNanos = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Future<?> running;

    CoordinatorWriter(Supplier<Connection> connect, List<Long> userIds) {
        running = executor.submit(() -> write(connect, userIds));
    }

    /** User ids {@code 1..} that hash to {@code remainder} of {@code demo.orders}'s modulus 8. */
    static List<Long> usersOf(Connection coordinator, int remainder, int count) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = coordinator.prepareStatement("SELECT u FROM generate_series(1::bigint, 100000) u "
                + "WHERE satisfies_hash_partition('demo.orders'::regclass, 8, ?, u) LIMIT ?")) {
            ps.setInt(1, remainder);
            ps.setInt(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void write(Supplier<Connection> connect, List<Long> userIds) {
        long last = System.nanoTime();
        int i = 0;
        Connection c = null;
        while (!stop.get()) {
            try {
                if (c == null) {
                    c = connect.get();
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
                acknowledged.add(id);
                if (i % 3 == 0) {
                    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                        ps.setLong(1, user);
                        ps.setLong(2, id);
                        updates.addAndGet(ps.executeUpdate());
                    }
                }
                long now = System.nanoTime();
                longestGapNanos.accumulateAndGet(now - last, Math::max);
                last = now;
            } catch (SQLException | RuntimeException e) {
                errors.incrementAndGet();
                closeQuietly(c);
                c = null;
            }
        }
        closeQuietly(c);
    }

    /** The longest pause between two acknowledged writes, in milliseconds. */
    long longestGapMillis() {
        return longestGapNanos.get() / 1_000_000;
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
