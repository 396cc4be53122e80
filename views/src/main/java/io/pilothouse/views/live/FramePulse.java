package io.pilothouse.views.live;

import javafx.animation.AnimationTimer;

import java.util.Objects;

/**
 * Runs a callback once per JavaFX pulse (about 60 times a second while the window is shown). The callback must
 * be cheap when nothing changed: comparing a version number is.
 */
public final class FramePulse {

    private final AnimationTimer timer;
    private boolean running;

    /** @param onFrame called on the FX thread with the pulse time in nanoseconds */
    public FramePulse(FrameCallback onFrame) {
        Objects.requireNonNull(onFrame, "onFrame");
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onFrame.onFrame(now);
            }
        };
    }

    /** Starts pulsing; idempotent. */
    public void start() {
        if (!running) {
            running = true;
            timer.start();
        }
    }

    /** Stops pulsing; idempotent. */
    public void stop() {
        if (running) {
            running = false;
            timer.stop();
        }
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public boolean isRunning() {
        return running;
    }

    /** The per-frame callback. */
    @FunctionalInterface
    public interface FrameCallback {
        /** @param nanos pulse time, as {@link AnimationTimer#handle(long)} */
        void onFrame(long nanos);
    }
}
