package io.pilothouse.app.fx;

import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Escape and Ctrl+W (Cmd+W) close a tool window whatever has the focus. The keys are caught as the event goes
 * down to the focused control (a filter), not as it bubbles up: tables, tree views and text fields consume Escape
 * themselves, so a handler on the scene never saw it once a row had the focus. Escape is left to an open popup
 * (a combo box list, a menu, a context menu) so that it closes the popup first, as everywhere else.
 */
final class ToolWindowKeys {

    /** Closes a tool window, as Escape does. */
    static final KeyCombination CLOSE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private ToolWindowKeys() {
    }

    /** Makes Escape and {@link #CLOSE} close {@code stage} (which must have its scene). */
    static void install(Stage stage) {
        stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean escape = e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown() && !e.isAltDown();
            if (CLOSE.match(e) || escape && !popupOpen(stage)) {
                e.consume();
                stage.close();
            }
        });
    }

    /**
     * Makes {@link #CLOSE} do what the title bar's close button does in a dialog or wizard: the window's close
     * request handler may refuse (consume) it; Escape stays with the dialog's pages (a confirmation goes back).
     */
    static void installCloseShortcut(Stage stage) {
        stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (CLOSE.match(e)) {
                e.consume();
                javafx.stage.WindowEvent request = new javafx.stage.WindowEvent(stage,
                        javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
                if (stage.getOnCloseRequest() != null) {
                    stage.getOnCloseRequest().handle(request);
                }
                if (!request.isConsumed()) {
                    stage.close();
                }
            }
        });
    }

    /** True while a popup of {@code stage} that Escape should close first is showing. */
    private static boolean popupOpen(Stage stage) {
        javafx.scene.Node focus = stage.getScene().getFocusOwner();
        if (focus instanceof ComboBoxBase<?> c && c.isShowing() || focus instanceof MenuButton m && m.isShowing()) {
            return true;
        }
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow p && !(w instanceof Tooltip) && p.isShowing() && owner(p) == stage) {
                return true;
            }
        }
        return false;
    }

    private static Window owner(PopupWindow p) {
        Window w = p.getOwnerWindow();
        while (w instanceof PopupWindow inner) {
            w = inner.getOwnerWindow();
        }
        return w;
    }
}
