package io.pilothouse.views.tasks;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Background work for one view model (Cryptomator's {@code Tasks}, without JavaFX's {@code Task}): blocking work runs
 * on an injected executor ({@link #supply}), its answer is delivered on {@code fx} with the cause unwrapped
 * ({@link #deliver}), and an answer that a newer request or a {@link #dropPending} has made stale is dropped
 * ({@link #latest}). In tests {@code fx} is {@code Runnable::run}: no toolkit needed.
 */
public final class Tasks {

    private final Executor fx;
    private final AtomicLong generation = new AtomicLong();

    /** @param fx where answers are applied (the FX thread in the app) */
    public Tasks(Executor fx) {
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** The executor answers are applied on. */
    public Executor fx() {
        return fx;
    }

    /**
     * Runs blocking {@code work} on {@code io}. A checked exception fails the future with that exception as its
     * cause; an interrupt keeps the thread's interrupt flag.
     */
    public static <T> CompletableFuture<T> supply(Executor io, Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io);
    }

    /** Applies the answer of {@code stage} on {@code fx}: {@code ok} with the value, or {@code failed} with the cause. */
    public <T> void deliver(CompletionStage<T> stage, Consumer<? super T> ok, Consumer<Throwable> failed) {
        stage.whenComplete((value, failure) -> fx.execute(() -> {
            if (failure == null) {
                ok.accept(value);
            } else {
                failed.accept(cause(failure));
            }
        }));
    }

    /**
     * As {@link #deliver}, for a request that replaces the ones before it (a reload): the answer is dropped when a
     * later {@code latest} request or {@link #dropPending} came in meanwhile.
     */
    public <T> void latest(CompletionStage<T> stage, Consumer<? super T> ok, Consumer<Throwable> failed) {
        long mine = generation.incrementAndGet();
        deliver(stage, value -> {
            if (generation.get() == mine) {
                ok.accept(value);
            }
        }, failure -> {
            if (generation.get() == mine) {
                failed.accept(failure);
            }
        });
    }

    /** Drops the answers of every {@link #latest} request still running (the window closed). */
    public void dropPending() {
        generation.incrementAndGet();
    }

    /** The exception that failed the work: {@link CompletionException} and {@link ExecutionException} unwrapped. */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The failure in words: the cause's message, or its type when it has none. */
    public static String message(Throwable failure) {
        Throwable c = cause(failure);
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
