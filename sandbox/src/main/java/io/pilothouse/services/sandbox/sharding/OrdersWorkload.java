package io.pilothouse.services.sandbox.sharding;

import io.pilothouse.services.sandbox.SandboxException;
import io.pilothouse.services.sandbox.SandboxInfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps writing {@code demo.orders} through the coordinator as the sandbox's {@code app} role: new orders for random
 * users (routed by hash to a local or a foreign partition) and status updates of orders it inserted a moment ago.
 * Needs the schema {@link ShardedSchema} builds. One run at a time per caller; not thread-safe.
 */
public final class OrdersWorkload {

    private static final String APPLICATION = "pilothouse-orders-workload";
    private static final String INSERT = "INSERT INTO demo.orders (order_id, user_id, amount, created_at, status) "
            + "VALUES (nextval('demo.order_ids'), ?, ?, now(), 'new') RETURNING order_id";
    private static final String UPDATE = "UPDATE demo.orders SET status = ?, amount = amount + 1 "
            + "WHERE user_id = ? AND order_id = ?";
    private static final String[] NEXT_STATUS = {"paid", "shipped", "delivered"};
    /** Orders kept to pick updates from. */
    private static final int RECENT = 1_000;

    /**
     * What to run.
     *
     * @param duration how long; {@code null} or zero until {@code stop} says so
     * @param rate     operations per second (inserts and updates together), 1 or more
     * @param seed     seed of users, amounts and the insert/update mix
     */
    public record Options(Duration duration, int rate, long seed) {

        /** Default operations per second. */
        public static final int DEFAULT_RATE = 50;

        public Options {
            if (rate < 1) {
                throw new IllegalArgumentException("rate must be at least 1: " + rate);
            }
        }
    }

    /**
     * Totals of a run, or of one second of it.
     *
     * @param inserted orders inserted
     * @param updated  orders updated
     * @param errors   statements that failed
     */
    public record Counts(long inserted, long updated, long errors) {

        Counts plus(Counts o) {
            return new Counts(inserted + o.inserted, updated + o.updated, errors + o.errors);
        }
    }

    private final SandboxInfo info;

    /** A workload against the sandbox {@code info} describes. */
    public OrdersWorkload(SandboxInfo info) {
        this.info = info;
    }

    /**
     * Runs until the duration is over or {@code stop} returns true, reporting every second.
     *
     * @param perSecond a line per second for a terminal, e.g. {@code 12:00:01  inserted 35  updated 15  errors 0}
     * @return the totals
     * @throws SandboxException when the coordinator cannot be reached or {@code demo.orders} does not exist; errors
     *                          of single statements later on are counted, not thrown, so a failover shows as errors
     */
    public Counts run(Options options, BooleanSupplier stop, Consumer<String> perSecond) {
        Node coordinator = Node.leader(info, APPLICATION);
        Random random = new Random(options.seed());
        int users = ShardedSchema.USERS;
        long endAt = options.duration() == null || options.duration().isZero() ? Long.MAX_VALUE
                : System.nanoTime() + options.duration().toNanos();
        long intervalNanos = 1_000_000_000L / options.rate();
        Deque<long[]> recent = new ArrayDeque<>();
        Counts total = new Counts(0, 0, 0);
        Connection c = coordinator.connect(info, info.appUser(), APPLICATION, 10);
        try {
            checkSchema(c, coordinator);
            long secondStart = System.nanoTime();
            long nextOp = secondStart;
            long ins = 0;
            long upd = 0;
            long err = 0;
            int second = 0;
            while (!stop.getAsBoolean() && System.nanoTime() < endAt) {
                long now = System.nanoTime();
                if (now - secondStart >= 1_000_000_000L) {
                    second++;
                    perSecond.accept(String.format("%4d s  inserted %d  updated %d  errors %d", second, ins, upd,
                            err));
                    total = total.plus(new Counts(ins, upd, err));
                    ins = 0;
                    upd = 0;
                    err = 0;
                    secondStart += 1_000_000_000L;
                }
                if (now < nextOp) {
                    sleepNanos(Math.min(nextOp - now, Math.max(0, endAt - now)));
                    continue;
                }
                nextOp += intervalNanos;
                try {
                    if (recent.isEmpty() || random.nextInt(10) < 7) {
                        long user = 1 + random.nextInt(users);
                        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                            ps.setLong(1, user);
                            ps.setBigDecimal(2, java.math.BigDecimal.valueOf(100 + random.nextInt(99_900), 2));
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                recent.addLast(new long[] {user, rs.getLong(1)});
                            }
                        }
                        if (recent.size() > RECENT) {
                            recent.removeFirst();
                        }
                        ins++;
                    } else {
                        long[] order = recent.removeFirst();
                        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                            ps.setString(1, NEXT_STATUS[random.nextInt(NEXT_STATUS.length)]);
                            ps.setLong(2, order[0]);
                            ps.setLong(3, order[1]);
                            upd += ps.executeUpdate();
                        }
                    }
                } catch (SQLException e) {
                    err++;
                    if (isConnectionLost(e)) {
                        closeQuietly(c);
                        c = reconnect(stop, endAt);
                        if (c == null) {
                            break;
                        }
                    }
                }
            }
            total = total.plus(new Counts(ins, upd, err));
            if (ins + upd + err > 0) {
                perSecond.accept(String.format("%4d s  inserted %d  updated %d  errors %d (last, partial second)",
                        second + 1, ins, upd, err));
            }
            return total;
        } finally {
            if (c != null) {
                closeQuietly(c);
            }
        }
    }

    private void checkSchema(Connection c, Node coordinator) {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('demo.orders') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new SandboxException("There is no demo.orders on " + coordinator.name() + " ("
                        + coordinator.endpoint() + "); create it with: pilothouse sandbox schema --dir " + info.dir());
            }
        } catch (SQLException e) {
            throw new SandboxException("Could not look for demo.orders on " + coordinator.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * After a lost connection (a failover, say): the member that leads now, tried twice a second until one answers;
     * {@code null} when the run is stopped or over first.
     */
    private Connection reconnect(BooleanSupplier stop, long endAt) {
        while (!stop.getAsBoolean() && System.nanoTime() < endAt) {
            try {
                return Node.leader(info, APPLICATION).connect(info, info.appUser(), APPLICATION, 10);
            } catch (SandboxException e) {
                sleepNanos(500_000_000L);
            }
        }
        return null;
    }

    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // A connection that will not close is gone anyway.
        }
    }
}
