package io.pilothouse.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a screenshot test asserts on the picture itself, not only that a PNG exists: its size, that it is not a blank
 * or single-colour frame, and that the theme's background is the dominant colour (dark theme: a dark picture).
 *
 * <pre>{@code
 * Pictures.assertRendered(png, 1600, 1000, theme.isDark());
 * }</pre>
 */
public final class Pictures {

    /** A rendered UI has text (anti-aliased), borders and accents: far more colours than a blank frame. */
    public static final int MIN_DISTINCT_COLOURS = 16;
    /** Above this share of one colour the picture is taken as empty (nothing but background drawn). */
    public static final double MAX_DOMINANT_SHARE = 0.97;

    private Pictures() {
    }

    /** The PNG at {@code png}, or an {@link AssertionError} saying it is missing or unreadable. */
    public static BufferedImage read(Path png) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new AssertionError("not a readable image: " + png);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png, e);
        }
    }

    /** Asserts size, content and theme of the PNG at {@code png}; returns the image for further checks. */
    public static BufferedImage assertRendered(Path png, int width, int height, boolean dark) {
        BufferedImage image = read(png);
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new AssertionError(png + " is " + image.getWidth() + "x" + image.getHeight() + ", expected "
                    + width + "x" + height);
        }
        assertRendered(png.getFileName().toString(), image, dark);
        return image;
    }

    /** Asserts that {@code image} shows a drawn UI in the dark or light theme (see the class comment). */
    public static void assertRendered(String name, BufferedImage image, boolean dark) {
        Map<Integer, Integer> histogram = histogram(image);
        if (histogram.size() < MIN_DISTINCT_COLOURS) {
            throw new AssertionError(name + " has only " + histogram.size() + " colours: a blank frame, not a UI");
        }
        Map.Entry<Integer, Integer> dominant = histogram.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow();
        double share = dominant.getValue() / (double) (image.getWidth() * image.getHeight());
        if (share > MAX_DOMINANT_SHARE) {
            throw new AssertionError(String.format("%s is %.1f %% one colour (#%06x): nothing drawn on the background",
                    name, share * 100, dominant.getKey()));
        }
        double luminance = luminance(dominant.getKey());
        if (dark != luminance < 0.5) {
            throw new AssertionError(String.format("%s: background #%06x (luminance %.2f) is not a %s theme's",
                    name, dominant.getKey(), luminance, dark ? "dark" : "light"));
        }
    }

    /** Relative luminance 0 (black) .. 1 (white) of an RGB colour, Rec. 709 weights. */
    public static double luminance(int rgb) {
        double r = (rgb >> 16 & 0xff) / 255.0;
        double g = (rgb >> 8 & 0xff) / 255.0;
        double b = (rgb & 0xff) / 255.0;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    /** How many pixels of each RGB colour (alpha ignored) the image has. */
    public static Map<Integer, Integer> histogram(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            }
        }
        return counts;
    }
}
