package io.pilothouse.app.cli;

import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.app.fx.WallWindow;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.SessionHistory;
import io.pilothouse.services.history.Notifier;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.policy.SessionKind;
import io.pilothouse.views.wall.WallOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code pilothouse wall}: the NOC wall, full screen, on a wall session. The session's services refuse every change
 * whatever the workspace says, no dialog opens (a missing password is the tile's missing data), no desktop
 * notification is sent.
 */
@Command(name = "wall", mixinStandardHelpOptions = true,
        description = "Show every cluster full screen, worst first, read-only (a NOC wall). Keys: Space pauses the "
                + "rotation, P pins the page, Left/Right change page, Escape or Ctrl+Q closes.")
public final class WallCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--theme", defaultValue = "dark", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--rotate", defaultValue = "20", paramLabel = "SECONDS", converter = NumericOptions.Positive.class,
            description = "Seconds between pages when the estate does not fit on one (default: ${DEFAULT-VALUE}).")
    int rotateSeconds;

    @Option(names = "--large", description = "Larger type and tiles, for 5 m and more.")
    boolean large;

    @Override
    public Integer call() throws Exception {
        WallOptions options = options(rotateSeconds, large);
        io.pilothouse.styles.Theme chosen = Themes.parse(theme);
        Displays.requireDisplay("wall");
        FxToolkit.startDesktopInBackground();
        try (LiveSession session = LiveSession.prepare(source.workspace(), LiveSettings.DEFAULTS, Notifier.NONE,
                e -> { }, SessionHistory.Mode.RESTORE_AND_RECORD, SessionKind.WALL)) {
            WallWindow.showAndWait(session, chosen, options);
        }
        return 0;
    }

    static WallOptions options(long rotateSeconds, boolean large) {
        if (rotateSeconds < 1 || rotateSeconds > 3600) {
            throw new UserException("--rotate must be between 1 and 3600 seconds, got " + rotateSeconds, 2);
        }
        return new WallOptions(Duration.ofSeconds(rotateSeconds), large);
    }
}
