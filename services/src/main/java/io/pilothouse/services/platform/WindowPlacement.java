package io.pilothouse.services.platform;

/**
 * Where the main window was and how big, in screen coordinates, as the desktop last reported it.
 *
 * @param x         left edge
 * @param y         top edge
 * @param width     width; positive
 * @param height    height; positive
 * @param maximized whether it was maximised (the bounds are then the ones to restore to)
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {

    /** Smallest size worth restoring: anything smaller is a mistake (or a screen that went away), not a choice. */
    public static final double MIN_SIZE = 200;

    /**
     * @throws IllegalArgumentException when a coordinate is not a finite number or the size is below
     *                                  {@link #MIN_SIZE}
     */
    public WindowPlacement {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("window position and size must be finite numbers");
        }
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException("window size " + width + "x" + height + " is below "
                    + MIN_SIZE + "x" + MIN_SIZE);
        }
    }
}
