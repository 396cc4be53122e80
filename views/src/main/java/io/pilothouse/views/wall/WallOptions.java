package io.pilothouse.views.wall;

import java.time.Duration;

/**
 * How the wall is shown.
 *
 * @param rotateEvery time between pages when the estate does not fit on one
 * @param large       the larger type for 5 m and more (fewer, bigger tiles)
 */
public record WallOptions(Duration rotateEvery, boolean large) {

    /** 20 s between pages, normal type (3–5 m). */
    public static final WallOptions DEFAULTS = new WallOptions(Duration.ofSeconds(20), false);

    public WallOptions {
        if (rotateEvery == null || rotateEvery.toSeconds() < 1) {
            throw new IllegalArgumentException("--rotate must be 1 second or more");
        }
    }

    /** Smallest tile width in pixels: 5 across at 1920, 4 with {@link #large}. */
    double tileWidth() {
        return large ? 460 : 370;
    }

    /** Smallest tile height in pixels: 4 rows at 1080, 3 with {@link #large}. */
    double tileHeight() {
        return large ? 300 : 230;
    }
}
