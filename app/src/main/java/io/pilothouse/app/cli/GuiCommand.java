package io.pilothouse.app.cli;

import io.pilothouse.app.fx.DesktopNotifier;
import io.pilothouse.app.fx.DesktopWindow;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code pilothouse gui}: opens the cockpit window on a workspace. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the Pilothouse window.")
public final class GuiCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--theme", defaultValue = "light", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Override
    public Integer call() throws Exception {
        Displays.requireDisplay("gui");
        try (LiveSession session = LiveSession.start(source.workspace(), LiveSettings.DEFAULTS, new DesktopNotifier())) {
            DesktopWindow.showAndWait(session, Themes.parse(theme), "Pilothouse");
        }
        return 0;
    }
}
