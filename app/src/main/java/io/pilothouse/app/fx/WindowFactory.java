package io.pilothouse.app.fx;

import io.pilothouse.styles.Theme;
import io.pilothouse.views.DialogWindows;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The app's one way of making a window (Cryptomator's {@code StageFactory}): every stage gets its owner, its
 * modality and the theme of its owner (light when it has none) the same way, and tool windows close on Escape and
 * Ctrl+W (Cmd+W on macOS). The theme goes on the scene before the content arrives: views read it to label their
 * toggles. Windows are returned not yet shown. FX thread.
 */
public final class WindowFactory implements DialogWindows {

    /** Closes a tool window, with Escape. */
    public static final KeyCombination CLOSE = ToolWindowKeys.CLOSE;

    /** The main window, in the theme the user chose. */
    public Stage main(String title, Parent root, Theme theme, double width, double height) {
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.setScene(scene(root, theme, width, height));
        return stage;
    }

    /**
     * A tool window beside {@code owner} (the audit log, the in-doubt console, the shard map): not modal, closed by
     * Escape and Ctrl+W.
     */
    public Stage tool(Window owner, String title, Parent root, double width, double height) {
        Stage stage = owned(owner, title, root, width, height, false);
        ToolWindowKeys.install(stage);
        return stage;
    }

    /**
     * A dialog owned by {@code owner} but not modal (an operation's window: the user should watch the main window
     * meanwhile); its pages decide what Escape does, Ctrl+W acts as the title bar's close button.
     */
    public Stage dialog(Window owner, String title, Parent root, double width, double height) {
        return owned(owner, title, root, width, height, false);
    }

    /**
     * A window modal to {@code owner} (a wizard, a resolve pane); its pages decide what Escape does, Ctrl+W acts as
     * the title bar's close button.
     */
    @Override
    public Stage modal(Window owner, String title, Parent root, double width, double height) {
        return owned(owner, title, root, width, height, true);
    }

    /** A bare stage for {@code scene}, with no owner (offscreen renders). */
    public static Stage offscreen(Scene scene) {
        Stage stage = new Stage();
        stage.setScene(scene);
        return stage;
    }

    /** The theme of {@code owner}'s scene, or light when it has none. */
    public static Theme themeOf(Window owner) {
        Theme theme = owner == null || owner.getScene() == null ? null : Theme.of(owner.getScene());
        return theme == null ? Theme.LIGHT : theme;
    }

    private static Stage owned(Window owner, String title, Parent root, double width, double height, boolean modal) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            if (modal) {
                stage.initModality(Modality.WINDOW_MODAL);
            }
        }
        stage.setTitle(title);
        stage.setScene(scene(root, themeOf(owner), width, height));
        ToolWindowKeys.installCloseShortcut(stage);
        return stage;
    }

    /** A scene sized {@code width}×{@code height} (-1: the content's preferred size) styled before the root is set. */
    private static Scene scene(Parent root, Theme theme, double width, double height) {
        Scene scene = new Scene(new Group(), width, height);
        theme.applyTo(scene);
        scene.setRoot(root);
        return scene;
    }
}
