package io.pilothouse.views;

import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * How a view asks for a window of its own (a dialog it opens itself, such as the in-doubt console's resolve pane):
 * the app's one window factory implements it, so views never build a {@code Stage} and every window gets its
 * owner, modality and theme the same way.
 */
@FunctionalInterface
public interface DialogWindows {

    /**
     * A window modal to {@code owner} (none when null), titled {@code title}, showing {@code root} at
     * {@code width}×{@code height}, in the owner's theme; not shown yet. FX thread.
     */
    Stage modal(Window owner, String title, Parent root, double width, double height);
}
