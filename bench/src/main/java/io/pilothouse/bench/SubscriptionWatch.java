package io.pilothouse.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches one table of a subscription on the target, every {@code intervalMillis}, independently of the move's own
 * poll: when each {@code srsubstate} ({@code i} init, {@code d} data copy, {@code f} copy finished, {@code s} sync
 * done, {@code r} ready) was first seen, and the table sync worker's COPY bytes and rows.
 */
final class SubscriptionWatch implements AutoCloseable {

    private static final String STATE = "SELECT sr.srsubstate::text, p.tuples_processed, p.bytes_processed "
            + "FROM pg_subscription s JOIN pg_subscription_rel sr ON sr.srsubid = s.oid "
            + "LEFT JOIN pg_stat_progress_copy p ON p.relid = sr.srrelid "
            + "WHERE s.subname = ? AND sr.srrelid = to_regclass(?)";

    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final AtomicLong copyBytes = new AtomicLong();
    private final AtomicLong copyRows = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Future<?> running;

    SubscriptionWatch(Connection target, String subscription, String table, long intervalMillis,
                      ExecutorService threads) {
        running = threads.submit(() -> {
            try (target; PreparedStatement ps = target.prepareStatement(STATE)) {
                ps.setString(1, subscription);
                ps.setString(2, table);
                while (!stop.get()) {
                    try (ResultSet rs = ps.executeQuery()) {
                        long now = System.nanoTime();
                        if (rs.next()) {
                            firstSeen.putIfAbsent(rs.getString(1), now);
                            copyRows.accumulateAndGet(rs.getLong(2), Math::max);
                            copyBytes.accumulateAndGet(rs.getLong(3), Math::max);
                        }
                    }
                    Thread.sleep(intervalMillis);
                }
            }
            return null;
        });
    }

    /** When state {@code s} was first seen (nanoTime), or null. */
    Long firstSeen(String state) {
        return firstSeen.get(state);
    }

    long copyBytes() {
        return copyBytes.get();
    }

    long copyRows() {
        return copyRows.get();
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        running.get();
    }
}
