package io.pilothouse.app.fx;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Renders a view into a PNG without a display: the view sits in a (headless) stage so CSS and layout run exactly as
 * on screen, then the scene is snapshotted. Call on the FX thread.
 */
public final class OffscreenRenderer {

    private OffscreenRenderer() {
    }

    /** Lays out {@code root} at {@code width x height}, styles the scene with {@code styler}, and writes a PNG. */
    public static void render(Parent root, int width, int height, Consumer<Scene> styler, Path out) throws IOException {
        // Style first, then attach the view, so the view sees the theme it is shown in.
        Scene scene = new Scene(new javafx.scene.Group(), width, height);
        styler.accept(scene);
        scene.setRoot(root);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        // Two style and layout passes: controls that size from their skins settle only on the second.
        for (int i = 0; i < 2; i++) {
            root.applyCss();
            root.layout();
        }
        WritableImage image = scene.snapshot(null);
        stage.hide();
        write(image, out);
    }

    private static void write(WritableImage image, Path out) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
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
