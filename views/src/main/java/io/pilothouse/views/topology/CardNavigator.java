package io.pilothouse.views.topology;

import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCode;

import java.util.Map;

/**
 * Arrow-key navigation between cards by position: the nearest card in the pressed direction, preferring the
 * same row for left/right and the next row for up/down. Pure geometry.
 */
final class CardNavigator {

    private CardNavigator() {
    }

    /** The card to move to from {@code from}, or null when there is none that way. */
    static String next(String from, KeyCode key, Map<String, Rectangle2D> bounds) {
        Rectangle2D a = bounds.get(from);
        if (a == null) {
            return null;
        }
        double ax = centerX(a);
        // Rows are top-aligned and cards differ in height: compare tops, or a tall neighbour would look "below".
        double ay = a.getMinY();
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (Map.Entry<String, Rectangle2D> e : bounds.entrySet()) {
            if (e.getKey().equals(from)) {
                continue;
            }
            double dx = centerX(e.getValue()) - ax;
            double dy = e.getValue().getMinY() - ay;
            double score = score(key, dx, dy);
            if (score < bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        return best;
    }

    private static double score(KeyCode key, double dx, double dy) {
        // Off-axis distance weighs more, so "right" means "right in this row" before "right in another row".
        switch (key) {
            case RIGHT: return dx > 1 ? dx + 4 * Math.abs(dy) : Double.MAX_VALUE;
            case LEFT: return dx < -1 ? -dx + 4 * Math.abs(dy) : Double.MAX_VALUE;
            case DOWN: return dy > 1 ? 4 * dy + Math.abs(dx) : Double.MAX_VALUE;
            case UP: return dy < -1 ? -4 * dy + Math.abs(dx) : Double.MAX_VALUE;
            default: return Double.MAX_VALUE;
        }
    }

    private static double centerX(Rectangle2D r) {
        return r.getMinX() + r.getWidth() / 2;
    }
}
