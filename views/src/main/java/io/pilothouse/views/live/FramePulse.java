package io.pilothouse.views.live;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a callback in the JavaFX pulse that follows a {@link #wake()}, once however many wakes came before it, and
 * sleeps otherwise. A view wakes it when something it shows may have moved: a feed published, alerts changed
 * ({@link #wakeWhen}), a second began ({@link #wakeEvery}). While no wake comes its timer is stopped, so a window
 * where nothing moves makes JavaFX draw nothing: an {@code AnimationTimer} or a {@code Timeline} left running keeps
 * the toolkit pulsing 60 times a second whatever it has to do (at 500 clusters idle the FX thread, the renderer and
 * the pulse timer cost ~3 % of a core for frames with nothing new). Periodic work on the FX thread uses
 * {@link #every} for the same reason.
 *
 * <p>{@link #start()}, {@link #stop()} and the callback run on the FX thread; {@link #wake()} on any thread.
 */
public final class FramePulse {

    /** Pulses the timer keeps running after the last wake before it stops (wakes in quick succession reuse it). */
    static final int IDLE_PULSES = 2;
    /** Just after a period's boundary: a clock read in the woken frame is surely in the new period. */
    private static final long ALIGN_SLACK_MS = 3;
    /** Hands periodic wakes to the FX thread: one daemon thread for every pulse of the process. */
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pilothouse-frame-clock");
        t.setDaemon(true);
        return t;
    });

    private final FrameCallback onFrame;
    private final AnimationTimer timer;
    /** A wake came that no pulse has served yet. */
    private final AtomicBoolean woken = new AtomicBoolean();
    /** The timer runs, or its start is queued on the FX thread. */
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final List<Function<Runnable, AutoCloseable>> wakeSources = new ArrayList<>();
    private final List<AutoCloseable> wakeSubscriptions = new ArrayList<>();
    private volatile boolean started;
    private int idlePulses;
    private long wakePeriodMs;
    private ScheduledFuture<?> nextTick;
    private long frames;

    /** @param onFrame called on the FX thread with the pulse time in nanoseconds */
    public FramePulse(FrameCallback onFrame) {
        this.onFrame = Objects.requireNonNull(onFrame, "onFrame");
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse(now);
            }
        };
    }

    /**
     * Runs {@code task} on the FX thread every {@code period} (the first after one period) until {@link #stop()},
     * without an animation: a {@code Timeline} would keep JavaFX pulsing 60 times a second in between.
     */
    public static FramePulse every(Duration period, Runnable task) {
        FramePulse p = new FramePulse(n -> task.run()).wakeEvery(period);
        p.begin();
        return p;
    }

    /**
     * Also wakes every {@code period} while started, aligned to the wall clock (a once-a-second wake comes just after
     * each second begins): ages, countdowns and rotation that move with time alone. Call before {@link #start()}.
     */
    public FramePulse wakeEvery(Duration period) {
        this.wakePeriodMs = Math.max(1, period.toMillis());
        return this;
    }

    /**
     * Also wakes whenever a source says so while started: {@code subscribe} is given the wake and returns its
     * subscription (a feed's {@code subscribe}, an alerts feed's {@code onChange}), made at {@link #start()} and closed
     * at {@link #stop()}. Call before {@link #start()}.
     */
    public FramePulse wakeWhen(Function<Runnable, AutoCloseable> subscribe) {
        wakeSources.add(Objects.requireNonNull(subscribe, "subscribe"));
        return this;
    }

    /** Also wakes at each publish of {@code feed} while started (see {@link #wakeWhen}). */
    public FramePulse wakeOnPublish(io.pilothouse.services.model.EstateFeed feed) {
        return wakeWhen(wake -> feed.subscribe(s -> wake.run()));
    }

    /** Starts serving wakes, with a first frame at once; idempotent. */
    public void start() {
        begin();
        wake();
    }

    private void begin() {
        if (!started) {
            started = true;
            scheduleTick();
            for (Function<Runnable, AutoCloseable> source : wakeSources) {
                wakeSubscriptions.add(source.apply(this::wake));
            }
        }
    }

    /** Stops; wakes are ignored until the next {@link #start()}. Idempotent. */
    public void stop() {
        if (started) {
            started = false;
            synchronized (this) {
                if (nextTick != null) {
                    nextTick.cancel(false);
                    nextTick = null;
                }
            }
            wakeSubscriptions.forEach(FramePulse::closeQuietly);
            wakeSubscriptions.clear();
        }
        timer.stop();
        ticking.set(false);
    }

    /** Something may have moved: run the callback in the next pulse. Any thread; cheap; coalesced. */
    public void wake() {
        if (!started) {
            return;
        }
        woken.set(true);
        if (ticking.compareAndSet(false, true)) {
            if (Platform.isFxApplicationThread()) {
                resume();
            } else {
                Platform.runLater(this::resume);
            }
        }
    }

    private synchronized void scheduleTick() {
        if (started && wakePeriodMs > 0) {
            long delay = wakePeriodMs - Math.floorMod(System.currentTimeMillis(), wakePeriodMs) + ALIGN_SLACK_MS;
            nextTick = CLOCK.schedule(() -> {
                wake();
                scheduleTick();
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void resume() {
        if (started) {
            idlePulses = 0;
            timer.start();
        } else {
            ticking.set(false);
        }
    }

    private void pulse(long now) {
        if (woken.getAndSet(false)) {
            idlePulses = 0;
            frames++;
            onFrame.onFrame(now);
        } else if (++idlePulses >= IDLE_PULSES) {
            timer.stop();
            ticking.set(false);
            // A wake between the check above and here found the timer running and queued nothing: serve it.
            if (woken.get() && started && ticking.compareAndSet(false, true)) {
                resume();
            }
        }
    }

    /** True between {@link #start()} and {@link #stop()} (asleep or not). */
    public boolean isRunning() {
        return started;
    }

    /** True while the timer pulses (a wake not yet served, or the few pulses after it); false asleep. */
    public boolean isAwake() {
        return ticking.get();
    }

    /** Frames run (callbacks) since creation (tests). FX thread. */
    public long frames() {
        return frames;
    }

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // Removing a listener from a list: nothing to report, nothing to retry.
        }
    }

    /** The per-frame callback. */
    @FunctionalInterface
    public interface FrameCallback {
        /** @param nanos pulse time, as {@link AnimationTimer#handle(long)} */
        void onFrame(long nanos);
    }
}
