package io.pilothouse.styles;

import javafx.collections.ListChangeListener;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Window;

/**
 * Popups (context menus, tooltips, combo box lists, menus) are windows of their own whose scene is filled white by
 * default: around the rounded, shadowed content that fill showed as a white frame in the dark theme. Every popup's
 * scene is made transparent as it appears, so only the themed content and its shadow show.
 */
final class PopupFrames {

    private static boolean installed;

    private PopupFrames() {
    }

    /** Watches for popups from now on; idempotent. FX thread. */
    static void install() {
        if (installed) {
            return;
        }
        installed = true;
        Window.getWindows().forEach(PopupFrames::clear);
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(PopupFrames::clear);
            }
        });
    }

    private static void clear(Window w) {
        if (w instanceof PopupWindow && w.getScene() != null) {
            w.getScene().setFill(Color.TRANSPARENT);
        }
    }
}
