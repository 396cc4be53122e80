package io.pilothouse.services.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Application-like clients: each keeps one connection (to PgBouncer, say) and commits a small write transaction
 * ({@code SELECT txid_current()}, which needs a primary) every {@code pauseMillis}, reconnecting after an error. It
 * counts commits and failed transactions and the longest a commit took (what a client waited).
 */
public final class ClientLoad implements AutoCloseable {

    /** What the clients saw. */
    public record Figures(long commits, long failures, long longestCommitMillis, List<String> firstErrors) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private ClientLoad() {
    }

    /** Starts {@code clients} clients on {@code host:port/database} as {@code user}. */
    public static ClientLoad start(String host, int port, String database, String user, String password,
                                   int clients, long pauseMillis) {
        ClientLoad load = new ClientLoad();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> load.loop(host, port, database, user, password, pauseMillis),
                    "client-load-" + i);
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    /** Resets the counters (after warming up). */
    public void reset() {
        commits.set(0);
        failures.set(0);
        longestNanos.set(0);
        synchronized (errors) {
            errors.clear();
        }
    }

    /** The figures so far. */
    public Figures figures() {
        synchronized (errors) {
            return new Figures(commits.get(), failures.get(), longestNanos.get() / 1_000_000L, List.copyOf(errors));
        }
    }

    private void loop(String host, int port, String database, String user, String password, long pauseMillis) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "120");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        Connection c = null;
        while (running.get()) {
            long start = System.nanoTime();
            try {
                if (c == null) {
                    c = DriverManager.getConnection(url, p);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT txid_current()");
                }
                if (!running.get()) {
                    break;
                }
                commits.incrementAndGet();
                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            } catch (SQLException e) {
                if (!running.get()) {
                    break;
                }
                failures.incrementAndGet();
                synchronized (errors) {
                    if (errors.size() < 5) {
                        errors.add(e.getSQLState() + ": " + e.getMessage());
                    }
                }
                close(c);
                c = null;
            }
            sleep(pauseMillis);
        }
        close(c);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection: nothing to close cleanly
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
