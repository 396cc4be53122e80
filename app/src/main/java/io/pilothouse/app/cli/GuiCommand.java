package io.pilothouse.app.cli;

import io.pilothouse.app.fx.DesktopNotifier;
import io.pilothouse.app.fx.DesktopWindow;
import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.app.fx.StagePreferences;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.platform.PreferencesStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code pilothouse gui}: opens the cockpit window on a workspace. Without a source it reopens the workspace last
 * opened; without {@code --theme} it uses the theme last chosen (see {@link PreferencesStore}).
 */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the Pilothouse window.")
public final class GuiCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--theme", description = "light or dark (default: the theme last chosen, else light).")
    String theme;

    @Override
    public Integer call() throws Exception {
        Displays.requireDisplay("gui");
        // Paint first: the toolkit comes up while the workspace file is read, and the session only begins reading
        // its sources once the window's first frame is laid out (DesktopWindow).
        FxToolkit.startDesktopInBackground();
        PreferencesStore store = PreferencesStore.forCurrentUser();
        GuiStartChoices choices = new GuiStartChoices(store.load());
        try (LiveSession session = LiveSession.prepare(choices.workspace(source), LiveSettings.DEFAULTS,
                new DesktopNotifier(), e -> { }, SessionHistory.Mode.RESTORE_AND_RECORD)) {
            // Raised alerts as OS notifications too, where notify-send exists (a wall session leaves this off).
            session.osNotifications(true);
            DesktopWindow.showAndWait(session, choices.theme(theme), "Pilothouse",
                    new StagePreferences(store, choices.remembering(source)));
        }
        return 0;
    }
}
