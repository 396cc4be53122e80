package io.pilothouse.app.fx;

import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Starts the JavaFX toolkit without an {@code Application} subclass (the packaged app keeps JavaFX on the class path),
 * either on the real display or headless (Monocle, software rendering) for screenshots.
 */
public final class FxToolkit {

    private static boolean started;

    private FxToolkit() {
    }

    /** Starts the toolkit on the desktop display. */
    public static synchronized void startDesktop() throws InterruptedException {
        start();
        RendererShutdownNoise.filterAtShutdown();
    }

    /**
     * Starts the desktop toolkit on a thread of its own and returns at once, so that it comes up while the caller
     * reads its files; {@link #startDesktop()} then waits for it. A failure here is left for that call to report.
     */
    public static void startDesktopInBackground() {
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                startDesktop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // startDesktop() on the caller's thread tries again and reports it there.
            }
        });
    }

    /** Starts the toolkit headless: no display needed. Must be called before anything touches JavaFX. */
    public static synchronized void startHeadless() throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        // Monocle's headless screen defaults to 1280x800 and overflows its buffer for larger shown stages.
        System.setProperty("headless.geometry", "3840x2160-32");
        start();
    }

    private static void start() throws InterruptedException {
        if (started) {
            return;
        }
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
            up.await();
        } catch (IllegalStateException alreadyRunning) {
            // Started by someone else in this JVM (a test harness): use it as it is.
        }
        // Closing the last window must not end the toolkit: offscreen renders open and hide stages in turn,
        // and the desktop window decides itself when the app ends.
        Platform.setImplicitExit(false);
        started = true;
    }

    /**
     * The FX thread as an executor: what view models get as their {@code fx}. The app's one hand-over to the FX
     * thread besides the frame coalescer (an architecture test holds it).
     */
    public static Executor fx() {
        return FxToolkit::runLater;
    }

    private static void runLater(Runnable r) {
        Platform.runLater(r);
    }

    /** Runs {@code work} on the FX thread and waits for its result. */
    public static <T> T call(Supplier<T> work, long timeoutSeconds) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the UI did not finish within " + timeoutSeconds + " s", e);
        }
    }
}
