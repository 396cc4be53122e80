package io.pilothouse.views;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.image.WritablePixelFormat;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders a scene offscreen to a PNG (no javafx-swing: pixels copied through the PixelReader). FX thread only. */
public final class ScreenshotRenderer {

    private ScreenshotRenderer() {
    }

    /** Where screenshots go: {@code -Dviews.shots.dir}, else {@code target/views-shots}. */
    public static Path directory() {
        return Path.of(System.getProperty("views.shots.dir", "target/views-shots"));
    }

    /** Snapshots the scene and returns the image. */
    public static WritableImage snapshot(Scene scene) {
        // A snapshot runs one CSS and layout pass; cells and controls created during layout (tree cells, card
        // skins) only get styled in the next one, as they would on the next pulse of a shown window.
        for (int i = 0; i < 3; i++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
        return scene.snapshot(null);
    }

    /** Writes an image as PNG, creating the directory. */
    public static Path write(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, WritablePixelFormat.getIntArgbInstance(), IntBuffer.wrap(argb), w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A scene of the given size around a root. */
    public static Scene scene(Parent root, double width, double height) {
        return new Scene(root, width, height);
    }
}
