package io.pilothouse.views;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers for TestFX tests: run on the FX thread and wait for conditions evaluated there. */
public final class FxTest {

    private FxTest() {
    }

    /** Runs a callable on the FX thread and returns its result. */
    public static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs on the FX thread and waits for pending FX events (a layout pass included). */
    public static void onFx(Runnable r) {
        onFx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits up to 5 s for a condition evaluated on the FX thread (e.g. the next frames applying the feed). */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (Exception e) {
            throw new AssertionError("condition not met within 5 s", e);
        }
    }
}
