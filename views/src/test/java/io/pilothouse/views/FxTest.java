package io.pilothouse.views;

import io.pilothouse.styles.Theme;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
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

    /** Shows {@code root} in {@code stage}, in a {@code width} x {@code height} scene in the light theme. */
    public static void showLight(Stage stage, Parent root, double width, double height) {
        Scene scene = new Scene(new Region(), width, height);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(root);
        stage.setScene(scene);
        stage.show();
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
