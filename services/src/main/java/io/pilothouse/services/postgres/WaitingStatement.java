package io.pilothouse.services.postgres;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one statement that may wait on the server (a subscription whose slot waits for open transactions, a lock)
 * and, once it has run longer than a few seconds, says on what it waits, from the server ({@link LockWaits}), every
 * poll until it ends; a cancelled step cancels the statement instead of waiting on. The statement runs on
 * {@code executor}; the caller's thread watches.
 */
public final class WaitingStatement {

    /** After this long a step says what it waits on. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(5);

    /** How a run ended. */
    public enum Outcome {
        /** The statement completed. */
        DONE,
        /** The step was cancelled: the statement was cancelled on the server (or had not started). */
        CANCELLED
    }

    /**
     * Reads what the statement waits on (over another connection), in words with a way out; empty when the server
     * shows no wait.
     */
    @FunctionalInterface
    public interface Explainer {
        Optional<String> explain() throws SQLException;
    }

    private final Executor executor;
    private final Duration threshold;
    private final Duration poll;

    public WaitingStatement(Executor executor, Duration threshold, Duration poll) {
        this.executor = executor;
        this.threshold = threshold;
        this.poll = poll;
    }

    /**
     * Executes {@code sql} on {@code st}.
     *
     * @param waiting told what it waits on, in words with a way out, each time that changes; null when it no
     *                longer waits
     * @throws SQLException what the statement threw
     */
    public Outcome execute(Statement st, String sql, Explainer explain, BooleanSupplier cancelled,
                           Consumer<String> waiting) throws SQLException {
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                st.execute(sql);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        long start = System.nanoTime();
        String told = null;
        try {
            while (true) {
                try {
                    run.get(poll.toMillis(), TimeUnit.MILLISECONDS);
                    return Outcome.DONE;
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        st.cancel();
                        awaitQuietly(run);
                        return Outcome.CANCELLED;
                    }
                    if (System.nanoTime() - start >= threshold.toNanos()) {
                        String now = explainQuietly(explain, start);
                        if (!now.equals(told)) {
                            told = now;
                            waiting.accept(now);
                        }
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
                    ? ce.getCause() : e.getCause();
            if (cause instanceof SQLException sql2) {
                throw sql2;
            }
            throw new SQLException("the statement failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            st.cancel();
            return Outcome.CANCELLED;
        } finally {
            if (told != null) {
                waiting.accept(null);
            }
        }
    }

    private static String explainQuietly(Explainer explain, long start) {
        long secs = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        try {
            return explain.explain()
                    .orElse("running for " + secs + " s; the server shows no wait");
        } catch (SQLException | RuntimeException e) {
            return "running for " + secs + " s; what it waits on cannot be read (" + e.getMessage() + ")";
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> run) {
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Cancelled: the error is the expected "canceling statement due to user request".
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
