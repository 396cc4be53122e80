package io.pilothouse.app.fx;

import javafx.animation.AnimationTimer;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renders a view into a PNG without a display: the view sits in a (headless) stage so CSS, layout and pulse-driven
 * drawing (canvas charts redraw on pulses) run exactly as on screen, then the scene is snapshotted.
 * Call {@link #show} and {@link #capture} on the FX thread and {@link #awaitPulses} between them, off it.
 */
public final class OffscreenRenderer {

    private final Scene scene;
    private final Stage stage;

    private OffscreenRenderer(Scene scene) {
        this.scene = scene;
        this.stage = WindowFactory.offscreen(scene);
    }

    /** Shows {@code root} at {@code width x height} in a scene styled by {@code styler}. FX thread. */
    public static OffscreenRenderer show(Parent root, int width, int height, Consumer<Scene> styler) {
        // Style first, then attach the view, so the view sees the theme it is shown in.
        Scene scene = new Scene(new Group(), width, height);
        styler.accept(scene);
        scene.setRoot(root);
        OffscreenRenderer r = new OffscreenRenderer(scene);
        r.stage.show();
        return r;
    }

    /** Waits (off the FX thread) until {@code count} frames have passed, so pulse-driven drawing is done. */
    /**
     * The whole offscreen shot of a window's view: {@code build} makes the view on the FX thread, it is shown at
     * {@code width}×{@code height} styled by {@code styler}, given three pulses to lay out, written to {@code out} as
     * PNG, then {@code dispose}d.
     */
    public static <V> void render(java.util.function.Supplier<V> build, java.util.function.Function<V, Parent> root,
                                  Consumer<V> dispose, int width, int height, Consumer<Scene> styler, Path out)
            throws Exception {
        FxToolkit.startHeadless();
        java.util.concurrent.atomic.AtomicReference<V> view = new java.util.concurrent.atomic.AtomicReference<>();
        OffscreenRenderer renderer = FxToolkit.call(() -> {
            view.set(build.get());
            return show(root.apply(view.get()), width, height, styler);
        }, 60);
        awaitPulses(3);
        FxToolkit.call(() -> {
            try {
                renderer.capture(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                dispose.accept(view.get());
            }
            return null;
        }, 60);
    }

    public static void awaitPulses(int count) throws InterruptedException {
        CountDownLatch frames = new CountDownLatch(count);
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.countDown();
            }
        };
        FxToolkit.fx().execute(timer::start);
        frames.await(5, TimeUnit.SECONDS);
        FxToolkit.fx().execute(timer::stop);
    }

    /** Snapshots the scene into a PNG and hides the stage. FX thread. */
    public void capture(Path out) throws IOException {
        snapshot(scene, out);
        stage.hide();
    }

    /** Snapshots any shown scene (a wizard's window, in tests) into a PNG. FX thread. */
    public static void snapshot(Scene scene, Path out) throws IOException {
        for (int i = 0; i < 2; i++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
        write(scene.snapshot(null), out);
    }

    private static void write(WritableImage image, Path out) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            buffered.setRGB(0, y, w, 1, row, 0, w);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
